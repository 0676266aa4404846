import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessWorkspace } from '../src/assess/workspace.js';
import { mergeReports, type NamedReport } from '../src/merge/merge.js';
import { assignVerification, type VerificationPlan } from '../src/merge/verify-plan.js';
import { FakeServer } from '../src/providers/fake-server.js';
import { railwayFake } from '../src/providers/railway/fake.js';
import type { Report, ReportToken } from '../src/report/model.js';
import { sampleReport } from './helpers/sample-report.js';
import { cli, makeWorkspace } from './helpers/workspace.js';

// Railway tokens of fixtures/providers/railway/scenarios.json.
const ACCOUNT = '3f1c9e2a-5b7d-4e8f-9a1b-2c3d4e5f6a7b'; // account token, Admin of Acme (acme-shop/production): critical
const WORKSPACE = '9b2e4f6a-1c3d-4e5f-8a7b-6c5d4e3f2a1b'; // workspace token for Acme
const CLASSES = 'resources:\n  production: ["railway:*/production/*"]\n';

/** Reports of `count` repositories, each holding some of a pool of ids (so most ids sit in several). */
function reportsSharing(count: number, pool = 12): NamedReport[] {
  const sample = sampleReport();
  return Array.from({ length: count }, (_, r) => {
    const tokens = [r % pool, (r * 5 + 3) % pool, (r * 7 + 1) % pool].map(
      (n, k): ReportToken => ({ ...sample.tokens[n % sample.tokens.length], id: `id-${n}`, locations: [{ file: `${k}.env`, line: 1, column: 1 }] }),
    );
    // Names out of order: the assignment must not depend on the order the reports come in.
    return { name: `acme/repo-${String((r * 11) % count).padStart(2, '0')}`, report: { ...sample, tokens } };
  });
}

describe('verification once per distinct token across an organisation', () => {
  it('the assignment gives each id to exactly one report that holds it (the first by name); every other holder names it', () => {
    const inputs = reportsSharing(30);
    const plans = assignVerification(inputs);
    expect(plans.map((p) => p.report)).toEqual(inputs.map((i) => i.name).sort());
    const ids = new Set(inputs.flatMap((i) => i.report.tokens.map((t) => t.id)));
    for (const id of ids) {
      const holders = inputs.filter((i) => i.report.tokens.some((t) => t.id === id)).map((i) => i.name);
      const verifiers = plans.filter((p) => p.verify.includes(id)).map((p) => p.report);
      expect(verifiers).toEqual([[...holders].sort()[0]]);
      for (const plan of plans.filter((p) => holders.includes(p.report) && p.report !== verifiers[0])) expect(plan.elsewhere[id]).toBe(verifiers[0]);
      for (const plan of plans.filter((p) => !holders.includes(p.report))) expect(plan.verify.includes(id) || id in plan.elsewhere).toBe(false);
    }
    expect(plans.filter((p) => p.verify.length > 0).length).toBeLessThan(plans.length); // shared ids really are shared
  });

  it('merge: a token verified in one repository and left to it by the others gives every repository the verified answer', () => {
    const sample = sampleReport();
    const live = sample.tokens.find((t) => t.verification.status === 'live' && t.blastRadius?.severity === 'critical')!;
    const deferred = (where: string): ReportToken => ({
      ...live,
      verification: { status: 'unverified', detail: `verified by the scan of ${where}`, verifiedIn: where },
      identity: null,
      grants: [],
      resources: [],
      blastRadius: { ...live.blastRadius!, severity: 'info', production: 'none', backup: 'none', shared: false, paths: [] },
    });
    const repo = (tokens: ReportToken[]): Report => ({ ...sample, tokens, workspace: assessWorkspace(tokens) });
    const inputs: NamedReport[] = [
      { name: 'acme/web', report: repo([deferred('acme/api')]) },
      { name: 'acme/api', report: repo([live]) },
      { name: 'acme/worker', report: repo([deferred('acme/api')]) },
    ];
    expect(inputs[0].report.workspace!.severity).toBe('info'); // alone, the web report knows nothing about the token
    const merged = mergeReports(inputs, 'test');
    expect(merged.tokens).toHaveLength(1);
    expect(merged.tokens[0]).toMatchObject({ verification: { status: 'live' }, blastRadius: { severity: 'critical' } });
    expect(merged.tokens[0].verification.verifiedIn).toBeUndefined();
    expect(merged.workspace!.severity).toBe('critical');
    expect(merged.organisation!.repositories.map((r) => [r.name, r.severity, r.critical])).toEqual([
      ['acme/api', 'critical', 1],
      ['acme/web', 'critical', 1],
      ['acme/worker', 'critical', 1],
    ]);

    // The verifying job's report is missing: the token stays unverified, and says where its answer should have come from.
    const orphaned = mergeReports([inputs[0], inputs[2]], 'test');
    expect(orphaned.tokens[0].verification).toMatchObject({ status: 'unverified', verifiedIn: 'acme/api' });
    expect(orphaned.tokens[0].verification.detail).toMatch(/assigned for verification to the scan of acme\/api, whose report has no answer/);
  });

  describe('end to end: first pass offline, merge --assign, second pass scan --verify-ids, merge (the Railway fake)', () => {
    let railway: FakeServer;
    beforeAll(async () => {
      railway = await new FakeServer(railwayFake().handler).start();
    });
    afterAll(() => railway?.stop());

    it('each distinct token is sent to its provider from one repository only; every repository shows its verdict', { timeout: 60_000 }, async () => {
      const { dir, cleanup } = makeWorkspace({
        'web/.env': `RAILWAY_API_TOKEN=${ACCOUNT}\n`,
        'web/blastradius.yaml': CLASSES,
        'api/.env': `RAILWAY_API_TOKEN=${ACCOUNT}\nRAILWAY_TOKEN=${WORKSPACE}\n`,
        'api/blastradius.yaml': CLASSES,
      });
      const env = { BLASTRADIUS_RAILWAY_API_URL: `${railway.url}/graphql/v2`, BLASTRADIUS_ID_KEY: 'org-key' };
      const sentWith = (token: string) => railway.requests.filter((r) => r.headers.authorization === `Bearer ${token}`).length;
      try {
        mkdirSync(join(dir, 'pass1'));
        mkdirSync(join(dir, 'pass2'));
        for (const repo of ['web', 'api']) {
          const first = await cli(['scan', repo, '--offline', '--format', 'json', '--output', `pass1/${repo}.json`], dir, env);
          expect(first.exitCode, first.stderr).toBe(0);
        }
        expect(railway.requests).toHaveLength(0);
        const assigned = await cli(['merge', 'pass1', '--assign', 'plans', '--format', 'json', '--output', 'pass1.json'], dir, env);
        expect(assigned.exitCode, assigned.stderr).toBe(0);
        const plan = (name: string) => JSON.parse(readFileSync(join(dir, 'plans', `${name}.json`), 'utf8')) as VerificationPlan;
        expect(plan('api').verify).toHaveLength(2); // "api" < "web": the shared token is verified in api's job
        expect(Object.values(plan('web').elsewhere)).toEqual(['api']);

        const second = async (repo: string) => {
          const result = await cli(
            ['scan', repo, '--no-cache', '--timeout', '5s', '--verify-ids', `plans/${repo}.json`, '-f', 'json', '-o', `pass2/${repo}.json`],
            dir,
            env,
          );
          expect(result.exitCode, result.stderr).toBe(0);
          return JSON.parse(readFileSync(join(dir, 'pass2', `${repo}.json`), 'utf8')) as Report;
        };
        const web = await second('web');
        expect(sentWith(ACCOUNT)).toBe(0); // web holds the account token, and did not send it
        expect(web.tokens[0].verification).toMatchObject({ status: 'unverified', verifiedIn: 'api' });
        expect(web.tokens[0].verification.detail).toMatch(/verified once for the organisation, by the scan of api \(--verify-ids\)/);
        const api = await second('api');
        expect(sentWith(ACCOUNT)).toBeGreaterThan(0);
        expect(sentWith(WORKSPACE)).toBeGreaterThan(0);
        expect(api.tokens.map((t) => t.verification.status)).toEqual(['live', 'live']);
        expect(railway.requests.every((r) => r.method === 'POST' && !/\bmutation\b/.test(r.body))).toBe(true);

        const merged = await cli(['merge', 'pass2', '--format', 'json'], dir, env);
        const organisation = JSON.parse(merged.stdout) as Report;
        expect(organisation.organisation!.repositories.map((r) => [r.name, r.severity])).toEqual([
          ['api', 'critical'],
          ['web', 'critical'],
        ]);
        const account = organisation.tokens.find((t) => t.locations.some((l) => l.root === 'web'))!;
        expect(account).toMatchObject({ verification: { status: 'live' }, blastRadius: { severity: 'critical' } });

        // Code scanning: web's own SARIF shows the shared token unverified (its scan left it to api's);
        // merge --sarif-dir writes web's SARIF with api's answer.
        const webSarif = await cli(['scan', 'web', '--no-cache', '--timeout', '5s', '--verify-ids', 'plans/web.json', '-f', 'sarif'], dir, env);
        expect(webSarif.exitCode, webSarif.stderr).toBe(0);
        const results = (text: string) =>
          (JSON.parse(text) as { runs: { results: { ruleId: string; level: string; message: { text: string } }[] }[] }).runs[0].results;
        expect(results(webSarif.stdout).map((r) => r.ruleId)).toEqual([`${account.ruleId}/info`]);
        const written = await cli(['merge', 'pass2', '--sarif-dir', 'sarif', '--format', 'json', '--output', 'organisation.json'], dir, env);
        expect(written.exitCode, written.stderr).toBe(0);
        const adopted = results(readFileSync(join(dir, 'sarif', 'web.sarif'), 'utf8'));
        expect(adopted.map((r) => [r.ruleId, r.level])).toEqual([[`${account.ruleId}/critical`, 'error']]);
        expect(adopted[0].message.text).not.toMatch(/unverified/i);
        // api verified its tokens itself: its SARIF is what its own scan would have written.
        const apiSarif = await cli(['scan', 'api', '--no-cache', '--timeout', '5s', '--verify-ids', 'plans/api.json', '-f', 'sarif'], dir, env);
        expect(apiSarif.exitCode, apiSarif.stderr).toBe(0);
        expect(readFileSync(join(dir, 'sarif', 'api.sarif'), 'utf8')).toBe(apiSarif.stdout);

        const broken = await cli(['scan', 'web', '--verify-ids', 'pass1.json'], dir, env);
        expect(broken).toMatchObject({
          exitCode: 2,
          stderr: expect.stringMatching(/^blastradius: --verify-ids pass1\.json: not a blastradius verification plan/),
        });
      } finally {
        cleanup();
      }
    });
  });
});
