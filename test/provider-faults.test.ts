import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeServer, type FakeResponse } from '../src/providers/fake-server.js';
import { closedPortUrl } from './helpers/provider-harness.js';
import { cli, makeWorkspace } from './helpers/workspace.js';

/**
 * Provider faults through the whole CLI: every provider points at a fake that misbehaves in its
 * own way. Each token must end `error` with the reason, the others stay intact, and the run stays
 * within its time budget.
 */
const TOKENS: Record<string, string> = {
  github: 'GITHUB_TOKEN=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',
  gitlab: 'GITLAB_TOKEN=glpat-NWYJQfXBXHz95Shzwa78',
  slack: 'SLACK_BOT_TOKEN=xoxb-512496225955-8528653814864-ImFlXEtFPhmUqDdksTTuiHfq',
  stripe: 'STRIPE_SECRET_KEY=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',
  cloudflare: 'CLOUDFLARE_API_TOKEN=TLql7V8lz7KyNkk4piKleKcxtOIkXJPtA_pdBI6g',
  digitalocean: 'DIGITALOCEAN_TOKEN=dop_v1_6482c7cc0e6d1071d0b7b29b42783abc154ac792c1ef095a826e1aba7e2ec091',
  npm: '//registry.npmjs.org/:_authToken=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',
  sendgrid: 'SENDGRID_API_KEY=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',
  openai:
    'OPENAI_API_KEY=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',
  anthropic: 'ANTHROPIC_API_KEY=sk-ant-api03-to6vcTV_3aSxa0LuHwHRcBtZt5JEfcBR5Y8epz2Mnlos3QowKJpVu090kI7cKpvYMFqjXSznoapUyHdhmbko67AZ-Ro5PAA',
  railway: 'RAILWAY_API_TOKEN=78664474-b178-7b49-fa9a-723e1ccc1d95',
};

const FAULTS: Record<string, { name: string; answer?: FakeResponse; url?: 'closed' | 'tls' | 'dns' }> = {
  github: { name: 'hanging server (timeout)', answer: { hang: true } },
  gitlab: { name: 'malformed JSON', answer: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"scopes": [api' } },
  slack: {
    name: 'truncated body',
    answer: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok": true, "team": "acme", "user_id": "U1"}', destroyAfterBytes: 12 },
  },
  stripe: { name: '500 on every attempt', answer: { status: 500, body: { error: { message: 'internal' } } } },
  cloudflare: { name: '200 with an unexpected shape', answer: { status: 200, body: { hello: 'world' } } },
  digitalocean: {
    name: '429 with a Retry-After beyond the wait budget',
    answer: { status: 429, headers: { 'retry-after': '3600' }, body: { id: 'too_many_requests' } },
  },
  npm: { name: 'connection refused', url: 'closed' },
  sendgrid: { name: 'TLS failure (plain HTTP behind https://)', url: 'tls' },
  openai: { name: 'DNS failure', url: 'dns' },
  anthropic: { name: '503 then hang', answer: { status: 503, body: 'unavailable' } },
  railway: { name: 'GraphQL answer that is not JSON', answer: { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>proxy error</html>' } },
};

describe('provider faults: every token gets error with the reason, the rest of the report is intact', () => {
  const servers: FakeServer[] = [];
  let dir: string;
  let cleanup: () => void;
  const env: NodeJS.ProcessEnv = {};

  beforeAll(async () => {
    const closed = await closedPortUrl();
    for (const [provider, fault] of Object.entries(FAULTS)) {
      let url: string;
      if (fault.url === 'closed') url = closed;
      else if (fault.url === 'dns') url = 'http://api.blastradius-fault.invalid';
      else {
        const server = await new FakeServer(() => fault.answer ?? { status: 200, body: {} }).start();
        servers.push(server);
        url = fault.url === 'tls' ? server.url.replace('http://', 'https://') : server.url;
      }
      if (provider === 'github') env.GITHUB_API_URL = url;
      else if (provider === 'railway') env.BLASTRADIUS_RAILWAY_API_URL = `${url}/graphql/v2`;
      else env[`BLASTRADIUS_${provider.toUpperCase()}_API_URL`] = url;
    }
    env.BLASTRADIUS_SENDGRID_EU_API_URL = env.BLASTRADIUS_SENDGRID_API_URL;
    const ws = makeWorkspace({ '.env': `${Object.values(TOKENS).join('\n')}\nUNRELATED=1\n`, 'clean.txt': 'nothing to see' });
    dir = ws.dir;
    cleanup = ws.cleanup;
    env.HOME = dir;
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    cleanup();
  });

  it('gives each faulty provider status error (never invalid, never "safe") within the time budget', { timeout: 60_000 }, async () => {
    const started = Date.now();
    const result = await cli(['scan', '.', '--format', 'json', '--no-cache', '--timeout', '1s'], dir, env);
    const elapsed = Date.now() - started;
    expect(result.exitCode, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.tokens).toHaveLength(Object.keys(TOKENS).length);
    for (const token of report.tokens) {
      const fault = FAULTS[token.provider];
      expect(token.verification.status, `${token.provider}: ${fault.name}: ${token.verification.detail}`).toBe('error');
      expect(token.verification.detail, `${token.provider} has no reason`).toMatch(/\S{3,}/);
      expect(token.blastRadius.severity).toBe('info');
      expect(token.blastRadius.summary).toMatch(/reach unknown/);
    }
    if (process.env.BLASTRADIUS_SHOW_FAULTS)
      for (const t of report.tokens) console.log(`${t.provider} [${FAULTS[t.provider].name}] → ${t.verification.detail}`);
    expect(report.scan.files).toBe(2);
    // 1 s per call, 2 retries, 11 providers verified 4 at a time: far below one minute.
    expect(elapsed).toBeLessThan(45_000);
    for (const line of Object.values(TOKENS)) expect(result.stdout).not.toContain(line.split('=').slice(1).join('='));
  });
});
