import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { railwayFake } from '../src/providers/railway/fake.js';
import { FakeServer, type RecordedRequest } from '../src/providers/fake-server.js';
import { closedPortUrl } from './helpers/provider-harness.js';
import { cli, makeWorkspace } from './helpers/workspace.js';

// Made-up credentials in real formats (valid checksums), one per provider family.
const SECRETS = {
  railway: '3f1c9e2a-5b7d-4e8f-9a1b-2c3d4e5f6a7b',
  github: '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',
  stripe: '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',
  slack: 'xoxb-512496225955-8528653814864-ImFlXEtFPhmUqDdksTTuiHfq',
  openai:
    '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',
  sendgrid: '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',
  postgresPassword: 'Zq8rT2vLp9Xw',
  sas: 'sig=Xk3vLp9QmR2tWz8yNb5cFh7JdGs4KaE6uPo1iTq0%2BzM%3D',
};

/** Every way a provider could hand a secret back: in an error body, a header, a JSON field. */
function echo(request: RecordedRequest, status = 500) {
  const auth = String(request.headers.authorization ?? request.headers['x-api-key'] ?? request.headers['project-access-token'] ?? '');
  const token = auth.replace(/^(Bearer|token|Basic)\s+/i, '');
  return {
    status,
    headers: { 'x-echo': token.slice(0, 200) },
    body: { message: `bad credentials: ${auth}`, token, decoded: Buffer.from(token, 'base64').toString('latin1') },
  };
}

describe('secret hygiene: no full secret in any output, log, file or cache', () => {
  const servers: FakeServer[] = [];
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let cleanup: () => void;

  beforeAll(async () => {
    const railway = await new FakeServer(railwayFake().handler).start();
    const echoing = await new FakeServer((r) => echo(r)).start();
    const stripeInvalid = await new FakeServer((r) => ({
      status: 401,
      body: { error: { message: `Invalid API Key provided: ${String(r.headers.authorization)}`, type: 'invalid_request_error' } },
    })).start();
    const echoingInvalid = await new FakeServer((r) => echo(r, 401)).start();
    servers.push(railway, echoing, stripeInvalid, echoingInvalid);
    const closed = await closedPortUrl();
    const ws = makeWorkspace({
      '.env': [
        `RAILWAY_API_TOKEN=${SECRETS.railway}`,
        // Names the fake's host, so its 401 is a verdict (src/providers/host.ts).
        'GH_HOST=127.0.0.1',
        `GITHUB_TOKEN=${SECRETS.github}`,
        `STRIPE_SECRET_KEY=${SECRETS.stripe}`,
        `SLACK_BOT_TOKEN=${SECRETS.slack}`,
        `OPENAI_API_KEY=${SECRETS.openai}`,
        `SENDGRID_API_KEY=${SECRETS.sendgrid}`,
        `DATABASE_URL=postgres://app:${SECRETS.postgresPassword}@127.0.0.1:${new URL(closed).port}/prod`,
        `EXPORT_URL=https://acme.blob.core.windows.net/x?sv=2022-11-02&sp=rwd&se=2027-01-01T00:00:00Z&${SECRETS.sas}`,
      ].join('\n'),
    });
    dir = ws.dir;
    cleanup = ws.cleanup;
    env = {
      HOME: dir,
      XDG_CACHE_HOME: join(dir, 'cache'),
      BLASTRADIUS_DEBUG: '1',
      BLASTRADIUS_RAILWAY_API_URL: `${railway.url}/graphql/v2`,
      GITHUB_API_URL: echoingInvalid.url,
      BLASTRADIUS_STRIPE_API_URL: stripeInvalid.url,
      BLASTRADIUS_SLACK_API_URL: echoing.url,
      BLASTRADIUS_OPENAI_API_URL: echoing.url,
      BLASTRADIUS_SENDGRID_API_URL: echoing.url,
      BLASTRADIUS_SENDGRID_EU_API_URL: echoing.url,
    };
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    cleanup();
  });

  it('holds for every format, --verbose, debug logs, written reports and the verification cache', { timeout: 120_000 }, async () => {
    const outputs: string[] = [];
    for (const format of ['text', 'json', 'sarif', 'markdown']) {
      const result = await cli(['scan', '.', '--format', format, '--verbose', '--timeout', '2s', '--output', `report.${format}`], dir, env);
      expect(result.exitCode, result.stderr).toBe(0);
      outputs.push(result.stdout, result.stderr);
    }
    const ci = await cli(['ci', '.', '--verbose', '--timeout', '2s', '--sarif', 'ci.sarif'], dir, {
      ...env,
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    });
    outputs.push(ci.stdout, ci.stderr);
    const baseline = await cli(['baseline', '.', '--timeout', '2s'], dir, env);
    outputs.push(baseline.stdout, baseline.stderr);

    // The run really exercised the providers: a live Railway answer (cached) and echoed errors.
    const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    const status = Object.fromEntries(json.tokens.map((t: { provider: string; verification: { status: string } }) => [t.provider, t.verification.status]));
    expect(status).toMatchObject({ railway: 'live', github: 'invalid', stripe: 'invalid', postgres: 'error', openai: 'error', azure: 'unverified' });
    expect(outputs.join('\n')).toMatch(/debug: /);
    const cacheFiles = walkFiles(join(dir, 'cache'));
    expect(cacheFiles.length).toBeGreaterThan(0);

    const written = [
      ...walkFiles(dir)
        .filter((f) => !f.endsWith('.env'))
        .map((f) => readFileSync(f, 'utf8')),
    ];
    const everything = [...outputs, ...written].join('\n');
    for (const [name, secret] of Object.entries(SECRETS)) {
      expect(everything.includes(secret), `${name} leaked`).toBe(false);
      const middle = secret.slice(Math.floor(secret.length / 2) - 6, Math.floor(secret.length / 2) + 6);
      expect(everything.includes(middle), `${name} fragment leaked`).toBe(false);
    }
  });
});

function walkFiles(root: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    out = statSync(path).isDirectory() ? out.concat(walkFiles(path)) : out.concat(path);
  }
  return out;
}
