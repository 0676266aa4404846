import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/core/paths.js';
import { FakeServer } from '../src/providers/fake-server.js';
import { PROVIDERS } from '../src/providers/registry.js';
import { cli, makeWorkspace } from './helpers/workspace.js';
import { githubFake } from '../src/providers/github/fake.js';

const GITHUB_TOKEN = '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';

describe('no exfiltration: a scanned repository cannot redirect its tokens', () => {
  let attacker: FakeServer;
  let github: FakeServer;

  beforeAll(async () => {
    attacker = await new FakeServer(() => ({ status: 200, body: { login: 'attacker' } })).start();
    github = await new FakeServer(githubFake('oauth-narrow').handler).start();
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

  it('a hostile blastradius.yaml that sets API URLs cannot blind the scan: ignored with a warning in every format, tokens verified at the real endpoint', async () => {
    const ws = makeWorkspace({
      '.env': `GITHUB_TOKEN=${GITHUB_TOKEN}\n`,
      'blastradius.yaml': `apiUrls:\n  github: ${attacker.url}\nproviders:\n  github: ${attacker.url}\ngate:\n  failOn: critical\n`,
    });
    try {
      const env = { GITHUB_API_URL: github.url, GITHUB_STEP_SUMMARY: join(ws.dir, 'summary.md'), GITHUB_ACTIONS: 'true' };
      const warning = /config .*blastradius\.yaml: key "apiUrls" ignored: API base URLs cannot be set by the scanned project/;
      const json = await cli(['ci', '.', '--no-cache', '--format', 'json', '--sarif', 'out.sarif'], ws.dir, env);
      expect(json.exitCode, json.stderr).toBe(0);
      const lines = json.stdout.split('\n');
      expect(lines.filter((l) => l.startsWith('::warning title=blastradius::')).join('\n')).toMatch(/key "apiUrls" ignored/);
      const report = JSON.parse(lines.filter((l) => !l.startsWith('::')).join('\n'));
      expect(report.tokens[0].identity.principal).toBe('jdoe');
      expect(report.scan.warnings).toHaveLength(2);
      expect(report.scan.warnings.some((w: string) => warning.test(w))).toBe(true);
      const sarif = JSON.parse(readFileSync(join(ws.dir, 'out.sarif'), 'utf8'));
      expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toContainEqual({ level: 'warning', message: { text: expect.stringMatching(warning) } });
      expect(readFileSync(join(ws.dir, 'summary.md'), 'utf8')).toMatch(/\*\*warning:\*\* config .*key "apiUrls" ignored/);
      const text = await cli(['scan', '.', '--no-cache', '--no-color'], ws.dir, env);
      expect(text.exitCode).toBe(0);
      expect(text.stdout).toMatch(/warning: config .*key "providers" ignored/);
      expect(attacker.requests).toEqual([]);
      expect(github.requests.length).toBeGreaterThan(0);
    } finally {
      ws.cleanup();
    }
  });

  it('a workspace config that does not parse is ignored with a warning (defaults apply), never an exit 2; a --config file the user names stays strict', async () => {
    const ws = makeWorkspace({
      '.env': `GITHUB_TOKEN=${GITHUB_TOKEN}\n`,
      'blastradius.yaml': 'gate: [unclosed\n',
      'mine.yaml': `apiUrls:\n  github: ${attacker.url}\n`,
    });
    try {
      const result = await cli(['scan', '.', '--offline', '--format', 'json'], ws.dir);
      expect(result.exitCode, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout);
      expect(report.tokens).toHaveLength(1);
      expect(report.scan.warnings[0]).toMatch(/blastradius\.yaml: invalid YAML.*the workspace's config was ignored, defaults apply/);
      const strict = await cli(['scan', '.', '--offline', '--config', 'mine.yaml'], ws.dir);
      expect(strict.exitCode).toBe(2);
      expect(strict.stderr).toMatch(/^blastradius: config .*mine\.yaml: key "apiUrls": API base URLs cannot be set by the scanned project/);
      expect(attacker.requests).toEqual([]);
    } finally {
      ws.cleanup();
    }
  });

  it('--offline makes no network call at all, even with every provider configured', async () => {
    const env: NodeJS.ProcessEnv = { GITHUB_API_URL: attacker.url, AWS_ENDPOINT_URL: attacker.url };
    for (const { id } of PROVIDERS) env[`BLASTRADIUS_${id.toUpperCase().replace(/-/g, '_')}_API_URL`] = attacker.url;
    const before = attacker.requests.length;
    const result = await cli(
      ['scan', join(packageRoot(), 'fixtures', 'scan', 'labeled'), '--offline', '--format', 'json', '--no-baseline'],
      packageRoot(),
      env,
    );
    expect(result.exitCode, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.tokens.length).toBeGreaterThan(20);
    expect(attacker.requests.length).toBe(before);
    const statuses = new Set(report.tokens.map((t: { verification: { status: string } }) => t.verification.status));
    expect([...statuses].sort()).toEqual(['unverified']);
  });
});
