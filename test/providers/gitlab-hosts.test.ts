import { afterEach, describe, expect, it } from 'vitest';
import type { TokenHint } from '../../src/detect/hints.js';
import gitlab from '../../src/providers/gitlab/index.js';
import { gitlabHostOf, gitlabHostRules } from '../../src/providers/gitlab/host-rules.js';
import { decideHost } from '../../src/providers/host.js';
import { loadRules } from '../../src/rules/load.js';
import { scanWorkspace } from '../../src/scan/scan.js';
import { FakeServer, type FakeResponse } from '../../src/providers/fake-server.js';
import { fixtureJson, makeToken, testContext } from '../helpers/provider.js';
import { makeWorkspace } from '../helpers/workspace.js';

// Which GitLab a token belongs to, and where it may be sent: src/providers/host.ts.
const SECRET = 'glpat-NWYJQfXBXHz95Shzwa78';
const OTHER = 'glpat-Tq3vXk9rPz0WbN4sLm7yHd2a';
const wire = (name: string): FakeResponse => fixtureJson<FakeResponse>('gitlab', `${name}.json`);
const hint = (name: string, value: string, line = 1, file = '.env'): TokenHint => ({ name, value, line, file });

const servers: FakeServer[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    await server.stop();
  }
  cleanups.splice(0).forEach((c) => c());
});

async function revokingGitLab(): Promise<FakeServer> {
  const server = await new FakeServer(() => wire('revoked')).start();
  servers.push(server);
  return server;
}

async function verify(hints: TokenHint[], env: (server: FakeServer) => NodeJS.ProcessEnv, server?: FakeServer) {
  const fake = server ?? (await revokingGitLab());
  const ctx = testContext({ env: env(fake) });
  const result = await gitlab.verify({ ...makeToken('gitlab.personal-access-token', SECRET), hints }, ctx);
  expect(JSON.stringify(result)).not.toContain(SECRET);
  return { result, fake };
}

const configured = (server: FakeServer) => ({ BLASTRADIUS_GITLAB_API_URL: server.url });

describe('gitlab: a 401 is a verdict only from the instance the token belongs to', () => {
  it('no instance named around the token: a 401 is unverified (host unknown)', async () => {
    const { result, fake } = await verify([], configured);
    expect(result.status).toBe('unverified');
    expect(result.detail).toMatch(/^host unknown: 127\.0\.0\.1 refused it \(GitLab rejected the token: Token was revoked/);
    expect(result.unknowns[0]).toMatchObject({ upTo: 'admin', settle: expect.stringContaining('BLASTRADIUS_GITLAB_API_URL') });
    expect(fake.requests.length).toBeGreaterThan(0);
  });

  it("CI_SERVER_URL of the scanning process is the instance; CI_SERVER_URL in the token's file names it: invalid", async () => {
    const { result, fake } = await verify([hint('server-url', 'http://127.0.0.1', 2)], (server) => ({ CI_SERVER_URL: server.url }));
    expect(result.status).toBe('invalid');
    expect(result.detail).toContain('host 127.0.0.1, named by the GitLab server named in the same file (.env:2)');
    expect(fake.requests[0].path).toBe('/api/v4/personal_access_tokens/self');
  });

  it('context says gitlab.com while a self-managed instance is configured: not sent to it', async () => {
    const { result, fake } = await verify([hint('gitlab-host', 'gitlab.com', 4)], configured);
    expect(result.status).toBe('unverified');
    expect(result.detail).toBe('belongs to gitlab.com (the GitLab URL on its line (.env:4)), not to the configured API at 127.0.0.1; not sent');
    expect(fake.requests).toEqual([]);
  });

  it('a hostile workspace naming its own server (CI_SERVER_URL=https://attacker.example): nothing is sent anywhere', async () => {
    const { result, fake } = await verify([hint('server-url', 'https://attacker.example', 1)], configured);
    expect(result.status).toBe('unverified');
    expect(result.unknowns[0].settle).toBe('BLASTRADIUS_GITLAB_API_URL (or apiUrls.gitlab in ~/.config/blastradius/config.yaml) = https://attacker.example');
    expect(fake.requests).toEqual([]);
  });

  it('glab config: each token goes only to the instance it is listed under', async () => {
    const workspace = makeWorkspace({
      '.config/glab-cli/config.yml': `hosts:\n    gitlab.com:\n        token: ${OTHER}\n    127.0.0.1:\n        api_protocol: http\n        token: ${SECRET}\n`,
    });
    cleanups.push(workspace.cleanup);
    const scan = await scanWorkspace({ roots: [workspace.dir], cwd: workspace.dir, maxFileSize: 1 << 20, rules: loadRules(), workers: 0 });
    const fake = await revokingGitLab();
    const ctx = testContext({ env: configured(fake) });
    const results = new Map(await Promise.all(scan.tokens.map(async (t) => [t.secret.reveal(), await gitlab.verify(t, ctx)] as const)));
    expect(results.get(SECRET)?.status).toBe('invalid');
    expect(results.get(OTHER)).toMatchObject({
      status: 'unverified',
      detail: expect.stringContaining('belongs to gitlab.com (its glab config entry (.config/glab-cli/config.yml:2))'),
    });
    expect(fake.requests.map((r) => r.headers['private-token'])).toEqual([SECRET]);
  });
});

describe('gitlab host rules (the decision alone, with gitlab.com configured)', () => {
  it('normalizes hosts and URLs', () => {
    expect(gitlabHostOf('https://gitlab.com/api/v4')).toBe('gitlab.com');
    expect(gitlabHostOf('registry.gitlab.com')).toBe('gitlab.com');
    expect(gitlabHostOf('https://GitLab.Example.com:8443')).toBe('gitlab.example.com');
  });

  it('a self-managed instance named around the token keeps it away from gitlab.com', () => {
    expect(decideHost([hint('server-url', 'https://gitlab.example.com')], gitlabHostRules, 'gitlab.com')).toMatchObject({
      send: false,
      reason: expect.stringContaining('belongs to gitlab.example.com'),
    });
    expect(decideHost([hint('url-host', 'gitlab.com')], gitlabHostRules, 'gitlab.com')).toMatchObject({ send: true, named: expect.any(String) });
  });
});
