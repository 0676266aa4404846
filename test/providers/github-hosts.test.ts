import { afterEach, describe, expect, it } from 'vitest';
import type { TokenHint } from '../../src/detect/hints.js';
import { FakeServer } from '../../src/providers/fake-server.js';
import { githubAnswer, githubFake, type GithubOverride } from '../../src/providers/github/fake.js';
import { githubHostOf, githubHostRules } from '../../src/providers/github/host-rules.js';
import github from '../../src/providers/github/index.js';
import { decideHost } from '../../src/providers/host.js';
import { loadRules } from '../../src/rules/load.js';
import { scanWorkspace } from '../../src/scan/scan.js';
import { makeRepo } from '../helpers/git.js';
import { useFake, verifyWith } from '../helpers/provider-harness.js';
import { exampleSecret, makeToken, testContext } from '../helpers/provider.js';
import { makeWorkspace, TOKENS } from '../helpers/workspace.js';

// Which GitHub a token belongs to, and where it may be sent: src/providers/host.ts.
const server = useFake(() => githubFake('classic-broad'));
const serve = (name: string, options: { prefix?: string; overrides?: GithubOverride } = {}) => server.serve(githubFake(name, options));
const others: FakeServer[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(others.splice(0).map((s) => s.stop()));
  cleanups.splice(0).forEach((c) => c());
});

/** A server the token must never reach (an attacker's, another port on the same host). */
async function another(): Promise<FakeServer> {
  const other = await new FakeServer(() => ({ status: 200, body: { login: 'stolen' } })).start();
  others.push(other);
  return other;
}

const hint = (name: string, value: string, line = 1, file = '.env'): TokenHint => ({ name, value, line, file });
const revoked = () => githubAnswer(401, 'error-bad-credentials.json');

async function verify(hints: TokenHint[], ruleId = 'github.classic-pat', apiUrl = server.url) {
  const token = { ...makeToken(ruleId, exampleSecret(ruleId)), hints };
  return (await verifyWith(server, token, { env: {}, apiUrls: { github: apiUrl } })).result;
}

describe('github: a 401 is a verdict only from the host the token belongs to', () => {
  it('no host named around the token: a 401 is unverified (host unknown), not invalid', async () => {
    serve('classic-broad', { overrides: revoked });
    const result = await verify([]);
    expect(result.status).toBe('unverified');
    expect(result.detail).toMatch(/^host unknown: 127\.0\.0\.1 refused it \(GET \/user: HTTP 401 Bad credentials\)/);
    expect(result.unknowns[0]).toMatchObject({ what: 'everything this token can do', upTo: 'admin' });
    expect(result.unknowns[0].settle).toContain('GITHUB_API_URL');
    expect(server.requests).toHaveLength(1);
  });

  it('no host named, but the API answers 200: live (the answer proves whose token it is)', async () => {
    serve('classic-broad');
    expect((await verify([])).status).toBe('live');
  });

  it('GH_HOST in the same file names the configured host: its 401 is invalid', async () => {
    serve('classic-broad', { overrides: revoked });
    const result = await verify([hint('gh-host', '127.0.0.1', 3)]);
    expect(result.status).toBe('invalid');
    expect(result.detail).toContain('host 127.0.0.1, named by GH_HOST (.env:3)');
  });

  it('an expired installation token whose URL names the configured host is invalid', async () => {
    serve('installation', { overrides: revoked });
    const result = await verify([hint('url-host', '127.0.0.1')], 'github.installation');
    expect(result.status).toBe('invalid');
    expect(result.detail).toContain('GET /installation/repositories: HTTP 401');
  });

  it('context says github.com while a GitHub Enterprise Server is configured: not sent to it', async () => {
    serve('classic-broad', { prefix: '/api/v3' });
    const result = await verify([hint('github-host', 'github.com', 7)], 'github.classic-pat', `${server.url}/api/v3`);
    expect(result.status).toBe('unverified');
    expect(result.detail).toBe('belongs to github.com (the GitHub URL on its line (.env:7)), not to the configured API at 127.0.0.1; not sent');
    expect(result.unknowns[0].settle).toBe('run without the API override (the configured API is 127.0.0.1)');
    expect(server.requests).toEqual([]);
  });

  it('a hostile workspace naming its own server next to the token: nothing is sent anywhere', async () => {
    const attacker = await another();
    serve('classic-broad');
    const result = await verify([hint('api-url', 'https://attacker.example/api/v3', 2)]);
    expect(result.status).toBe('unverified');
    expect(result.detail).toContain('belongs to attacker.example (GITHUB_API_URL (.env:2))');
    expect(result.unknowns[0].settle).toBe('GITHUB_API_URL (or --github-api-url) = https://attacker.example/api/v3');
    expect(server.requests).toEqual([]);
    expect(attacker.requests).toEqual([]);
  });

  it('a URL named in the workspace is never contacted: only its host is compared with the configured API', async () => {
    const elsewhere = await another();
    serve('classic-broad');
    // Same host (127.0.0.1) as the configured API, another port: the token still goes to the configured URL only.
    const result = await verify([hint('api-url', `${elsewhere.url}/api/v3`)]);
    expect(result.status).toBe('live');
    expect(elsewhere.requests).toEqual([]);
    expect(server.requests.length).toBeGreaterThan(0);
  });

  it('two hosts named with the same weight: ambiguous, not sent', async () => {
    serve('classic-broad');
    const result = await verify([hint('gh-host', '127.0.0.1', 1), hint('api-url', 'https://ghe.example.com/api/v3', 9)]);
    expect(result.status).toBe('unverified');
    expect(result.detail).toMatch(/^host ambiguous: its context names 127\.0\.0\.1 \(GH_HOST \(\.env:1\)\) and ghe\.example\.com/);
    expect(server.requests).toEqual([]);
  });

  it('the URL carrying the token outweighs a GH_HOST elsewhere in the file', async () => {
    serve('classic-broad', { overrides: revoked });
    const result = await verify([hint('gh-host', 'ghe.example.com', 1), hint('url-host', '127.0.0.1', 5)]);
    expect(result.status).toBe('invalid');
  });
});

describe('github: host evidence from a scanned workspace', () => {
  async function scanned(files: Record<string, string>, remote?: string) {
    let workspace: { dir: string; cleanup: () => void };
    if (remote) {
      const repo = makeRepo(files, { commit: false });
      repo.git(['remote', 'add', 'origin', remote]);
      workspace = repo;
    } else {
      workspace = makeWorkspace(files);
    }
    cleanups.push(workspace.cleanup);
    const scan = await scanWorkspace({ roots: [workspace.dir], cwd: workspace.dir, maxFileSize: 1 << 20, rules: loadRules(), workers: 0 });
    return scan.tokens;
  }

  it('gh hosts.yml: each token goes only to the host it is listed under', async () => {
    const tokens = await scanned({
      '.config/gh/hosts.yml': `github.com:\n    oauth_token: ${TOKENS.githubClassic2}\n    user: jdoe\n127.0.0.1:\n    user: jdoe\n    oauth_token: ${TOKENS.githubClassic}\n`,
    });
    serve('classic-broad', { overrides: revoked });
    const ctx = testContext({ apiUrls: { github: server.url } });
    const results = await Promise.all(tokens.map((t) => github.verify(t, ctx)));
    const bySecret = new Map(tokens.map((t, i) => [t.secret.reveal(), results[i]]));
    expect(bySecret.get(TOKENS.githubClassic)?.status).toBe('invalid');
    expect(bySecret.get(TOKENS.githubClassic2)).toMatchObject({
      status: 'unverified',
      detail: expect.stringContaining('belongs to github.com (its gh hosts.yml entry (.config/gh/hosts.yml:1))'),
    });
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([`token ${TOKENS.githubClassic}`]);
  });

  it("the repository's git remote names the configured host: a 401 is invalid", async () => {
    const [token] = await scanned({ 'deploy.sh': `export GITHUB_TOKEN=${TOKENS.githubClassic}\n` }, 'https://127.0.0.1/acme/app.git');
    expect(token.hints).toEqual([{ name: 'git-remote', value: '127.0.0.1', line: 0, file: '.git/config' }]);
    serve('classic-broad', { overrides: revoked });
    const result = await github.verify(token, testContext({ apiUrls: { github: server.url } }));
    expect(result.status).toBe('invalid');
    expect(result.detail).toContain("named by the repository's git remote (.git/config)");
  });

  it('a git remote on another forge is no evidence: the 401 stays unverified and names the remote', async () => {
    const [token] = await scanned({ 'deploy.sh': `export GITHUB_TOKEN=${TOKENS.githubClassic}\n` }, 'git@gitlab.example.com:acme/app.git');
    serve('classic-broad', { overrides: revoked });
    const result = await github.verify(token, testContext({ apiUrls: { github: server.url } }));
    expect(result.status).toBe('unverified');
    expect(result.detail).toContain("(the repository's remote is gitlab.example.com)");
  });
});

describe('github host rules (no network: the decision alone, with github.com configured)', () => {
  const decide = (hints: TokenHint[], configured = 'github.com') => decideHost(hints, githubHostRules, configured);

  it('normalizes GitHub hosts and URLs', () => {
    expect(githubHostOf('https://api.github.com')).toBe('github.com');
    expect(githubHostOf('https://raw.githubusercontent.com/x')).toBe('github.com');
    expect(githubHostOf('https://api.octocorp.ghe.com')).toBe('octocorp.ghe.com');
    expect(githubHostOf('https://GHE.Example.com:8443/api/v3')).toBe('ghe.example.com');
    expect(githubHostOf('ghe.example.com')).toBe('ghe.example.com');
    expect(githubHostOf('not a host')).toBeUndefined();
  });

  it('a token named github.com goes to github.com, and its 401 is definitive', () => {
    expect(decide([hint('github-host', 'github.com')])).toMatchObject({ send: true, named: expect.stringContaining('github.com') });
  });

  it('a token whose context names a GitHub Enterprise Server is not sent to github.com', () => {
    expect(decide([hint('gh-host', 'ghe.example.com')])).toMatchObject({
      send: false,
      settle: 'GITHUB_API_URL (or --github-api-url) = https://ghe.example.com/api/v3',
    });
    expect(decide([hint('cli-host', 'octocorp.ghe.com')])).toMatchObject({
      send: false,
      settle: 'GITHUB_API_URL (or --github-api-url) = https://api.octocorp.ghe.com',
    });
  });

  it('GH_ENTERPRISE_TOKEN without a host: not sent to github.com; sent to a configured Enterprise Server', () => {
    const marker = hint('enterprise-key', 'GH_ENTERPRISE_TOKEN', 4);
    expect(decide([marker])).toMatchObject({
      send: false,
      reason: expect.stringContaining('GH_ENTERPRISE_TOKEN (.env:4) marks a token of a self-hosted server'),
    });
    expect(decide([marker], 'ghe.example.com')).toEqual({ send: true });
  });

  it('a git remote on github.com counts for github.com; on an unknown host it is no evidence', () => {
    expect(decide([hint('git-remote', 'github.com', 0, '.git/config')])).toMatchObject({ send: true, named: expect.any(String) });
    expect(decide([hint('git-remote', 'git.example.com', 0, '.git/config')])).toEqual({ send: true, elsewhere: 'git.example.com' });
  });
});
