import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { railwayFake } from '../src/providers/railway/fake.js';
import { FakeServer } from '../src/providers/fake-server.js';
import { startPostgres, type TestPostgres } from './helpers/postgres.js';
import { cli, makeWorkspace } from './helpers/workspace.js';
import { FakeAws, manifest as awsManifest, mutatingCalls } from './providers/aws/fake-aws.js';
import { githubFake } from '../src/providers/github/fake.js';

/**
 * End to end: a workspace holding tokens for the GitHub, AWS and Railway fakes and a REAL
 * PostgreSQL; `blastradius ci` runs the whole pipeline through the CLI (no cache, no mocks).
 */
describe('blastradius ci end to end', () => {
  let railway: FakeServer;
  let github: FakeServer;
  let aws: FakeAws;
  let postgres: TestPostgres;
  let dir: string;
  let cleanup: () => void;
  let env: NodeJS.ProcessEnv;
  const awsKey = 'AKIARZPUZDIKMRGGWJNS'; // narrow-user: s3:GetObject on acme-prod-data

  beforeAll(async () => {
    railway = await new FakeServer(railwayFake().handler).start();
    github = await new FakeServer(githubFake('oauth-narrow').handler).start();
    aws = await new FakeAws().start();
    postgres = await startPostgres();
    await postgres.admin("CREATE ROLE reporter LOGIN PASSWORD 'Rp7xQ2vLk9Tz'");
    await postgres.admin('CREATE DATABASE prod');
    await postgres.admin('CREATE TABLE orders (id int primary key, total numeric); GRANT SELECT ON orders TO reporter;', 'prod');
    const ws = makeWorkspace({
      '.env': [
        'RAILWAY_API_TOKEN=3f1c9e2a-5b7d-4e8f-9a1b-2c3d4e5f6a7b',
        `AWS_ACCESS_KEY_ID=${awsKey}`,
        `AWS_SECRET_ACCESS_KEY=${awsManifest.keys[awsKey].secret}`,
        'GITHUB_TOKEN=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',
        `DATABASE_URL=${postgres.url('reporter', 'Rp7xQ2vLk9Tz', 'prod')}`,
      ].join('\n'),
      'blastradius.yaml': [
        'resources:',
        '  production: ["railway:*/production/*", "arn:aws:s3:::acme-prod-*", "postgres://127.0.0.1:*/prod"]',
        '  backup: ["arn:aws:s3:::acme-backups*"]',
        'gate:',
        '  failOn: critical',
      ].join('\n'),
    });
    dir = ws.dir;
    cleanup = ws.cleanup;
    env = {
      HOME: dir,
      BLASTRADIUS_RAILWAY_API_URL: `${railway.url}/graphql/v2`,
      GITHUB_API_URL: github.url,
      AWS_ENDPOINT_URL: aws.url,
      AWS_REGION: 'us-east-1',
    };
  }, 60_000);

  afterAll(async () => {
    await Promise.all([railway?.stop(), github?.stop(), aws?.stop(), postgres?.stop()]);
    cleanup?.();
  });

  const ci = async (...args: string[]) => {
    const result = await cli(['ci', '.', '--format', 'json', '--no-cache', '--timeout', '5s', ...args], dir, env);
    return { ...result, report: JSON.parse(result.stdout || '{}') };
  };
  const severities = (report: { tokens: { provider: string; blastRadius: { severity: string } }[] }) =>
    Object.fromEntries(report.tokens.map((t) => [t.provider, t.blastRadius.severity]));

  it('fails the gate (exit 1) with the expected severities, then passes (exit 0) once the critical token is baselined', { timeout: 60_000 }, async () => {
    const first = await ci();
    expect(first.exitCode, first.stderr).toBe(1);
    expect(first.stderr).toMatch(/gate FAILED/);
    expect(severities(first.report)).toEqual({ railway: 'critical', aws: 'low', github: 'info', postgres: 'low' });
    expect(first.report.workspace.severity).toBe('critical');
    const statuses = first.report.tokens.map((t: { verification: { status: string } }) => t.verification.status);
    expect(statuses).toEqual(['live', 'live', 'live', 'live']);

    // Nothing mutating reached any provider, and each token went only to its own provider.
    expect(mutatingCalls(aws.server.requests)).toEqual([]);
    expect(github.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(railway.requests.filter((r) => /\bmutation\b/.test(r.body))).toEqual([]);
    expect(github.requests.every((r) => r.headers.authorization === 'token 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')).toBe(true);
    expect(railway.requests.every((r) => String(r.headers.authorization ?? r.headers['project-access-token']).includes('3f1c9e2a'))).toBe(true);
    expect(aws.calls.every((c) => c.accessKeyId === awsKey)).toBe(true);

    // Accept only the critical token (by id, with its reach), as `audit`'s accept key does.
    const critical = first.report.tokens.find((t: { provider: string }) => t.provider === 'railway');
    const entry = {
      id: critical.id,
      ruleId: critical.ruleId,
      redacted: critical.redacted,
      acceptedAt: '2026-11-25T00:00:00.000Z',
      reach: { production: 'destroy', backup: 'destroy', severity: 'critical' },
    };
    writeFileSync(join(dir, '.blastradius-baseline.json'), JSON.stringify({ version: 1, tokens: [entry] }));
    const second = await ci();
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/gate passed/);
    expect(second.report.scan.suppressed.baseline).toBe(1);
    expect(severities(second.report)).toEqual({ aws: 'low', github: 'info', postgres: 'low' });

    // The baseline remembers reach: accepted with less reach than it has now → reported again.
    writeFileSync(
      join(dir, '.blastradius-baseline.json'),
      JSON.stringify({ version: 1, tokens: [{ ...entry, reach: { production: 'read', backup: 'none', severity: 'low' } }] }),
    );
    const third = await ci();
    expect(third.exitCode).toBe(1);
    const changed = third.report.tokens.find((t: { provider: string }) => t.provider === 'railway');
    expect(changed.baseline).toEqual({ status: 'changed', previous: { production: 'read', backup: 'none', severity: 'low' } });
  });

  it('writes SARIF and GitHub Actions annotations in CI', { timeout: 60_000 }, async () => {
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    const result = await cli(['ci', '.', '--no-cache', '--no-baseline', '--sarif', 'out.sarif', '--timeout', '5s'], dir, {
      ...env,
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^::error file=\.env,line=1,col=19,title=blastradius critical%3A railway api-token::/m);
    expect(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).runs[0].results.length).toBe(4);
    expect(readFileSync(summary, 'utf8')).toMatch(/\*\*Workspace: CRITICAL\*\*/);
  });
});
