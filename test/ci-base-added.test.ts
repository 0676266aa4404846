import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assessWorkspace } from '../src/assess/workspace.js';
import { defaultConfig } from '../src/config/config.js';
import { evaluateGate, gatePolicy } from '../src/gate/gate.js';
import type { Report, ReportToken } from '../src/report/model.js';
import { FakeServer } from '../src/providers/fake-server.js';
import { railwayFake } from '../src/providers/railway/fake.js';
import { makeRepo, type TestRepo } from './helpers/git.js';
import { sampleReport } from './helpers/sample-report.js';
import { TOKENS } from './helpers/workspace.js';

const repos: TestRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

// Railway tokens of fixtures/providers/railway/scenarios.json.
const ACCOUNT = '3f1c9e2a-5b7d-4e8f-9a1b-2c3d4e5f6a7b'; // Admin of the workspace holding acme-shop/production: critical
const STAGING = 'd4a7c1e9-3b6f-4a2d-8e5c-7f1b9a3d6c20'; // project token for acme-shop/staging
const CLASSES = 'resources:\n  production: ["railway:*/production/*"]\n';

interface Listed {
  id: string;
  redacted: string;
  introduced?: boolean;
  blastRadius: { severity: string } | null;
}

/** main holds `old.env`; the feature branch commits `changes` on top of it. */
function pullRequest(files: Record<string, string>, changes: Record<string, string>): TestRepo {
  const r = makeRepo(files);
  repos.push(r);
  r.git(['checkout', '-q', '-b', 'feature']);
  for (const [path, content] of Object.entries(changes)) r.write(path, content);
  r.git(['add', '-A']);
  r.git(['commit', '-q', '-m', 'feature', '--no-verify']);
  return r;
}

describe('ci --base judges what the change adds, token by token; the workspace verdict still covers the whole tree', () => {
  it('a token already at the base (not baselined) is listed as pre-existing and does not fail the token gate; a token the change adds does', async () => {
    const gate = 'gate:\n  failOn: any-secret\n';
    const harmless = pullRequest({ 'old.env': `GITHUB_TOKEN=${TOKENS.githubClassic2}\n`, 'blastradius.yaml': gate }, { 'README.md': '# shop\n' });
    const judgedBySelf = await harmless.cli(['ci', '.', '--offline']);
    expect(judgedBySelf.exitCode).toBe(1); // without --base every token in the tree is gated, as before
    const passed = await harmless.cli(['ci', '.', '--offline', '--base', 'main', '--format', 'json']);
    expect(passed.exitCode, passed.stderr).toBe(0);
    expect(passed.stderr).toMatch(/gate passed.*1 pre-existing token\(s\) not on a line this change adds: listed, not gated one by one/);
    const old = (JSON.parse(passed.stdout).tokens as Listed[])[0];
    expect(old).toMatchObject({ redacted: 'ghp_…wdgz', introduced: false });
    const text = await harmless.cli(['ci', '.', '--offline', '--base', 'main']);
    expect(text.stdout).toContain('old.env:1:14 [unverified] (pre-existing: not on a line this change adds)');

    // The change adds a token on a line of a file that already held one: that token alone is judged.
    harmless.write('old.env', `GITHUB_TOKEN=${TOKENS.githubClassic2}\nDEPLOY_TOKEN=${TOKENS.githubClassic}\n`);
    harmless.git(['commit', '-q', '-am', 'add a token', '--no-verify']);
    const failed = await harmless.cli(['ci', '.', '--offline', '--base', 'main', '--format', 'json', '--sarif', 'out.sarif']);
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toMatch(/gate FAILED.*1 token\(s\) at or above the threshold.*1 pre-existing token/);
    const report = JSON.parse(failed.stdout);
    const state = Object.fromEntries((report.tokens as Listed[]).map((t) => [t.redacted, t.introduced]));
    expect(state).toEqual({ 'ghp_…wdgz': false, 'ghp_…hYLU': true });
    const sarif = JSON.parse(readFileSync(join(harmless.dir, 'out.sarif'), 'utf8'));
    const states = (sarif.runs[0].results as { baselineState?: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[]).map(
      (x) => `${x.locations[0].physicalLocation.region.startLine}:${x.baselineState}`,
    );
    expect(states.sort()).toEqual(['1:unchanged', '2:new']);
  });

  it('the workspace verdict is the union of old and new tokens: an old token that destroys production and a new one that destroys the backups fail together', () => {
    const sample = sampleReport();
    const live = sample.tokens.find((t) => t.verification.status === 'live' && t.blastRadius)!;
    const reaching = (id: string, production: 'destroy' | 'none', backup: 'destroy' | 'none', introduced: boolean): ReportToken => {
      const bound = { production, backup, severity: 'high' as const, shared: false };
      return { ...live, id, introduced, blastRadius: { ...live.blastRadius!, ...bound, possible: { ...live.blastRadius!.possible, ...bound } } };
    };
    const tokens = [reaching('old', 'destroy', 'none', false), reaching('new', 'none', 'destroy', true)];
    const report: Report = { ...sample, tokens, workspace: assessWorkspace(tokens) };
    expect(report.workspace).toMatchObject({ severity: 'critical', shared: true, tokens: ['old', 'new'] });
    const verdict = evaluateGate(report, gatePolicy(defaultConfig(), { failOn: 'critical' }));
    expect(verdict).toMatchObject({ failed: true, failing: [], workspaceFailed: true });
    expect(verdict.preExisting.map((t) => t.id)).toEqual(['old']);
    const high = evaluateGate(report, gatePolicy(defaultConfig(), { failOn: 'high', workspace: false }));
    expect(high.failing.map((f) => f.token.id)).toEqual(['new']); // the old one is not gated one by one, even at high
  });

  describe('with verified tokens (the Railway fake)', () => {
    let railway: FakeServer;
    beforeAll(async () => {
      railway = await new FakeServer(railwayFake().handler).start();
    });
    afterAll(() => railway?.stop());
    const env = () => ({ BLASTRADIUS_RAILWAY_API_URL: `${railway.url}/graphql/v2` });

    it('a change that adds a critical token fails on it; the pre-existing token is listed, and the workspace verdict is critical through the new one', async () => {
      const r = pullRequest(
        { 'old.env': `RAILWAY_TOKEN=${STAGING}\n`, 'blastradius.yaml': `${CLASSES}gate:\n  failOn: critical\n` },
        { 'deploy/.env': `RAILWAY_API_TOKEN=${ACCOUNT}\n` },
      );
      const result = await r.cli(['ci', '.', '--no-cache', '--timeout', '5s', '--base', 'main', '--format', 'json'], env());
      expect(result.exitCode, result.stderr).toBe(1);
      const report = JSON.parse(result.stdout);
      const listed = report.tokens as Listed[];
      expect(listed.map((t) => [t.introduced, t.blastRadius?.severity])).toEqual([
        [true, 'critical'],
        [false, expect.not.stringMatching(/critical/)],
      ]);
      expect(result.stderr).toMatch(/1 token\(s\) at or above the threshold.*workspace verdict critical.*1 pre-existing token/);
      expect(report.workspace).toMatchObject({ severity: 'critical', tokens: [listed[0].id] });
    });

    it('a critical token already at the base does not fail the token gate, but the workspace verdict still gates as without --base', async () => {
      const r = pullRequest(
        { 'old.env': `RAILWAY_TOKEN=${ACCOUNT}\n`, 'blastradius.yaml': `${CLASSES}gate:\n  failOn: critical\n` },
        { 'README.md': '# shop\n' },
      );
      const args = ['ci', '.', '--no-cache', '--timeout', '5s', '--base', 'main', '--format', 'json'];
      const result = await r.cli(args, env());
      expect(result.exitCode, result.stderr).toBe(1);
      expect(result.stderr).not.toMatch(/token\(s\) at or above the threshold/);
      expect(result.stderr).toMatch(/workspace verdict critical.*1 pre-existing token/);
      expect(JSON.parse(result.stdout)).toMatchObject({
        workspace: { severity: 'critical' },
        tokens: [{ introduced: false, blastRadius: { severity: 'critical' } }],
      });
      const withoutWorkspace = await r.cli([...args, '--no-workspace-gate'], env());
      expect(withoutWorkspace.exitCode, withoutWorkspace.stderr).toBe(0);
    });
  });
});
