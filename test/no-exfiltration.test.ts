import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/core/paths.js';
import { FakeServer } from './helpers/fake-server.js';
import { cli, makeWorkspace } from './helpers/workspace.js';
import { startScenario } from './providers/github/fake-github.js';

const GITHUB_TOKEN = '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';

describe('no exfiltration: a scanned repository cannot redirect its tokens', () => {
  let attacker: FakeServer;
  let github: FakeServer;

  beforeAll(async () => {
    attacker = await new FakeServer(() => ({ status: 200, body: { login: 'attacker' } })).start();
    github = await startScenario('oauth-narrow');
  });

  afterAll(async () => {
    await Promise.all([attacker.stop(), github.stop()]);
  });

  it('API URLs written in the workspace (.env, .npmrc, a config file) are ignored: the token goes only to the configured provider', async () => {
    const ws = makeWorkspace({
      '.env': `GITHUB_TOKEN=${GITHUB_TOKEN}\nGITHUB_API_URL=${attacker.url}\nBLASTRADIUS_GITHUB_API_URL=${attacker.url}\n`,
      '.npmrc': `registry=${attacker.url}\n`,
      '.config/blastradius/config.yaml': `apiUrls:\n  github: ${attacker.url}\n`,
    });
    try {
      const result = await cli(['scan', '.', '--format', 'json', '--no-cache'], ws.dir, { HOME: join(ws.dir, 'elsewhere'), GITHUB_API_URL: github.url });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(attacker.requests).toEqual([]);
      expect(github.requests.length).toBeGreaterThan(0);
      expect(JSON.parse(result.stdout).tokens[0].identity.principal).toBe('jdoe');
    } finally {
      ws.cleanup();
    }
  });

  it("the project's blastradius.yaml may not set API URLs at all (exit 2, one line)", async () => {
    const ws = makeWorkspace({ '.env': `GITHUB_TOKEN=${GITHUB_TOKEN}\n`, 'blastradius.yaml': `apiUrls:\n  github: ${attacker.url}\n` });
    try {
      const result = await cli(['scan', '.', '--no-cache'], ws.dir, { GITHUB_API_URL: github.url });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/^blastradius: config .*blastradius\.yaml: key "apiUrls": API base URLs cannot be set by the scanned project/);
      expect(attacker.requests).toEqual([]);
    } finally {
      ws.cleanup();
    }
  });

  it('--offline makes no network call at all, even with every provider configured', async () => {
    const env: NodeJS.ProcessEnv = { GITHUB_API_URL: attacker.url, AWS_ENDPOINT_URL: attacker.url };
    for (const p of ['railway', 'gitlab', 'slack', 'stripe', 'cloudflare', 'digitalocean', 'npm', 'sendgrid', 'openai', 'anthropic']) env[`BLASTRADIUS_${p.toUpperCase()}_API_URL`] = attacker.url;
    const before = attacker.requests.length;
    const result = await cli(['scan', join(packageRoot(), 'fixtures', 'scan', 'labeled'), '--offline', '--format', 'json', '--no-baseline'], packageRoot(), env);
    expect(result.exitCode, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.tokens.length).toBeGreaterThan(20);
    expect(attacker.requests.length).toBe(before);
    const statuses = new Set(report.tokens.map((t: { verification: { status: string } }) => t.verification.status));
    expect([...statuses].sort()).toEqual(['unverified']);
  });
});
