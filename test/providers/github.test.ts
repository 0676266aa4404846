import { describe, expect, it } from 'vitest';
import type { Grant, Token, VerificationResult } from '../../src/core/types.js';
import type { TokenHint } from '../../src/detect/hints.js';
import { FakeServer } from '../../src/providers/fake-server.js';
import { boundedFetch } from '../../src/providers/github/client.js';
import github from '../../src/providers/github/index.js';
import { githubAnswer, githubFake, type GithubOverride } from '../../src/providers/github/fake.js';
import { closedPortUrl, useFake, verifyWith } from '../helpers/provider-harness.js';
import { exampleSecret, makeToken, testContext } from '../helpers/provider.js';

const server = useFake(() => githubFake('classic-broad'));
const serve = (name: string, options: { prefix?: string; overrides?: GithubOverride } = {}) => {
  server.serve(githubFake(name, options));
  return server;
};
const requestsTo = (path: string) => server.requests.filter((r) => r.path === path);

/** The rule's example token (with `hints`), verified against the fake with the checks every test shares. */
function exampleToken(ruleId: string, exampleIndex = 0, hints: TokenHint[] = []): Token {
  return { ...makeToken(ruleId, exampleSecret(ruleId, exampleIndex)), hints };
}
const verifyRule = (ruleId: string, overrides = {}, exampleIndex = 0, hints: TokenHint[] = []) =>
  verifyWith(server, exampleToken(ruleId, exampleIndex, hints), overrides);

const has = (result: VerificationResult, action: Grant['action'], resource: string, operation?: string) =>
  result.grants.some((g) => g.action === action && g.resource === resource && (operation === undefined || g.operation === operation));
const grantOn = (result: VerificationResult, resource: string) => result.grants.filter((g) => g.resource === resource);

describe('github provider: live tokens', () => {
  it('classic PAT with repo, delete_repo, admin:org: destroy where admin, org-wide admin, write elsewhere', async () => {
    serve('classic-broad');
    const { result } = await verifyRule('github.classic-pat');
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({
      principal: 'jdoe',
      type: 'user',
      displayName: 'Jane Doe',
      expiresAt: '2027-01-31T00:00:00.000Z',
      endpoint: server.url,
    });
    expect(result.detail).toContain('X-OAuth-Scopes: admin:org, delete_repo, repo, workflow');
    for (const repo of ['acme/app', 'acme/backups', 'jdoe/dotfiles']) expect(has(result, 'destroy', `github:${repo}`, 'delete_repo')).toBe(true);
    expect(has(result, 'write', 'github:partner-co/sdk', 'git push')).toBe(true);
    expect(has(result, 'write', 'github:partner-co/sdk', 'workflow')).toBe(true);
    expect(grantOn(result, 'github:partner-co/sdk').map((g) => g.action)).not.toContain('destroy');
    expect(grantOn(result, 'github:partner-co/docs')).toEqual([]); // public, pull only: nothing the world cannot do
    const orgAdmin = result.grants.find((g) => g.resource === 'github:acme/*' && g.operation === 'organization administration');
    expect(orgAdmin?.evidence).toMatch(/admin:org.*role admin/);
    expect(has(result, 'destroy', 'github:acme/*', 'delete_repo')).toBe(true);
    expect(has(result, 'destroy', 'github:jdoe/*', 'delete_repo')).toBe(true);
    expect(grantOn(result, 'github:partner-co/*')).toEqual([]); // only a member there
    expect(result.resources.map((r) => r.id).sort()).toEqual(
      [
        'github:acme',
        'github:acme/app',
        'github:acme/backups',
        'github:jdoe/dotfiles',
        'github:octo-tools/cli',
        'github:partner-co',
        'github:partner-co/docs',
        'github:partner-co/sdk',
      ].sort(),
    );
    expect(result.protections.find((p) => p.resource === 'github:acme/app')).toMatchObject({ kind: 'soft-delete', mitigationOnly: true });
    const repoPages = requestsTo('/user/repos');
    expect(repoPages.map((r) => r.query.get('page') ?? '1')).toEqual(['1', '2']);
    expect(repoPages[0].query.get('affiliation')).toBe('owner,collaborator,organization_member');
    expect(server.requests[0].headers.authorization).toBe(`token ${exampleSecret('github.classic-pat')}`);
  });

  it('OAuth token with public_repo only: narrow grants, organization roles unknown', async () => {
    serve('oauth-narrow');
    const { result } = await verifyRule('github.oauth');
    expect(result.status).toBe('live');
    expect(result.detail).toContain('OAuth app token; X-OAuth-Scopes: public_repo');
    expect(has(result, 'write', 'github:acme/website', 'git push')).toBe(true);
    expect(result.grants.filter((g) => g.action === 'destroy' || g.resource.endsWith('/*'))).toEqual([]);
    const orgs = result.unknowns.find((u) => u.what.startsWith('organization roles of jdoe'));
    expect(orgs?.reason).toContain('read:org');
  });

  it('fine-grained PAT for one repository: contents read proven, writes and deletion unknown', async () => {
    serve('fine-grained-one-repo');
    const { result } = await verifyRule('github.fine-grained-pat');
    expect(result.status).toBe('live');
    expect(result.grants.map((g) => [g.action, g.resource])).toEqual([['read', 'github:acme/app']]);
    expect(result.grants[0].evidence).toContain('Contents read');
    const unknown = result.unknowns.map((u) => u.what);
    expect(unknown).toContain('write to github:acme/app (Contents, Workflows: write)');
    expect(unknown.some((w) => w.startsWith('administration and deletion of github:acme/app'))).toBe(true);
    expect(requestsTo('/repos/acme/app/commits')[0].query.get('per_page')).toBe('1');
    expect(result.identity?.expiresAt).toBe('2027-02-24T10:30:00.000Z');
  });

  for (const [label, index, principal] of [
    ['classic 40-character', 0, 'installation@acme'],
    ['2026 stateless ghs_APPID_JWT', 1, 'app/2871634/installation@acme'],
  ] as const) {
    it(`installation token (${label}): lists /installation/repositories, proves reads, settles what is refused, leaves writes unknown`, async () => {
      serve('installation');
      const { result } = await verifyRule('github.installation', {}, index);
      const secret = exampleSecret('github.installation', index);
      expect(result.status).toBe('live');
      expect(result.identity).toMatchObject({ principal, type: 'app-installation', account: 'acme' });
      expect(result.grants.map((g) => [g.action, g.resource])).toEqual([['read', 'github:acme/app']]);
      expect(result.notes.join('\n')).toContain(
        'acme/infra: listed, but its contents are not readable with this token (X-Accepted-GitHub-Permissions: contents=read)',
      );
      // acme/infra refused both Contents read and Administration read: nothing to write or delete there.
      expect(result.unknowns.find((u) => u.what.startsWith('write to the contents of'))).toMatchObject({
        what: 'write to the contents of github:acme/app (Contents, Workflows: write)',
        upTo: 'write',
        resources: ['github:acme/app'],
      });
      expect(result.unknowns.find((u) => u.what.startsWith('administration and deletion'))).toMatchObject({ upTo: 'destroy', resources: ['github:acme/app'] });
      expect(result.notes.join('\n')).toContain('no Administration permission on acme/infra');
      expect(requestsTo('/user')).toEqual([]);
      expect(server.requests[0].headers.authorization).toMatch(new RegExp(`^(token|bearer) ${secret}$`));
    });
  }

  it('user-to-server token: app permissions intersected with the user role', async () => {
    serve('app-user');
    const { result } = await verifyRule('github.user-to-server');
    expect(result.status).toBe('live');
    expect(has(result, 'destroy', 'github:acme/app', 'delete_repo')).toBe(true);
    expect(result.grants.find((g) => g.action === 'destroy')?.evidence).toContain('acme-deploy-bot holds administration:write; jdoe has admin on acme/app');
    expect(has(result, 'write', 'github:acme/web', 'git push')).toBe(true);
    expect(grantOn(result, 'github:acme/web').map((g) => g.action)).not.toContain('destroy');
  });

  it('refresh token: never sent anywhere, reported as unverified with the reason', async () => {
    serve('classic-broad');
    const { result } = await verifyRule('github.refresh');
    expect(result.status).toBe('unverified');
    expect(result.detail).toContain('client secret');
    expect(server.requests).toEqual([]);
  });
});

describe('github provider: failures', () => {
  // A 401 is a verdict only from the host the token's context names (test/providers/github-hosts.test.ts).
  const namesFake: TokenHint[] = [{ name: 'gh-host', value: '127.0.0.1', file: '.env', line: 1 }];

  it('revoked classic token (401 Bad credentials) from its own host is invalid, asked once', async () => {
    serve('classic-broad', { overrides: () => githubAnswer(401, 'error-bad-credentials.json') });
    const { result } = await verifyRule('github.classic-pat', {}, 0, namesFake);
    expect(result.status).toBe('invalid');
    expect(result.detail).toContain('GET /user: HTTP 401 Bad credentials');
    expect(server.requests).toHaveLength(1);
  });

  it('expired installation token (401) from its own host is invalid', async () => {
    serve('installation', { overrides: () => githubAnswer(401, 'error-bad-credentials.json') });
    const { result } = await verifyRule('github.installation', {}, 0, namesFake);
    expect(result.status).toBe('invalid');
    expect(result.detail).toContain('GET /installation/repositories: HTTP 401');
  });

  it('GitHub answering 502 is an error with the reason, never invalid', async () => {
    serve('classic-broad', {
      overrides: () => ({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>Unicorn!</h1></body></html>' }),
    });
    const { result } = await verifyRule('github.classic-pat');
    expect(result.status).toBe('error');
    expect(result.detail).toContain('HTTP 502');
    expect(result.unknowns[0].what).toBe('everything this token can do');
    expect(server.requests).toHaveLength(2); // one retry fits the 3 s wait budget (plugin-retry waits 1 s, then 4 s)
  });

  it('a hanging GitHub times out as an error, without retrying the timeout', async () => {
    serve('classic-broad', { overrides: () => ({ hang: true }) });
    const started = Date.now();
    const { result } = await verifyRule('github.classic-pat', { timeoutMs: 300 });
    expect(result.status).toBe('error');
    expect(result.detail).toContain('timed out after 300 ms');
    expect(server.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('connection refused is an error', async () => {
    const secret = exampleSecret('github.classic-pat');
    const ctx = testContext({ apiUrls: { github: await closedPortUrl() }, retries: 0 });
    const result = await github.verify(makeToken('github.classic-pat', secret), ctx);
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/GET \/user: no answer/);
    expect(JSON.stringify(result)).not.toContain(secret);
  });

  it('a 200 that is not GitHub JSON (a proxy page) is an error', async () => {
    serve('classic-broad', {
      overrides: (r) => (r.path === '/user' ? { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>Sign in to the proxy</html>' } : undefined),
    });
    const { result } = await verifyRule('github.classic-pat');
    expect(result.status).toBe('error');
    expect(result.detail).toContain('GET /user answered without a login');
  });

  it('a failing sub-call keeps a live result and names the gap', async () => {
    serve('classic-broad', { overrides: (r) => (r.path === '/user/memberships/orgs' ? { status: 500, body: { message: 'Server Error' } } : undefined) });
    const { result } = await verifyRule('github.classic-pat');
    expect(result.status).toBe('live');
    expect(result.unknowns.find((u) => u.what.startsWith('organization roles of jdoe'))?.reason).toContain('HTTP 500');
    expect(has(result, 'destroy', 'github:acme/app', 'delete_repo')).toBe(true);
    expect(grantOn(result, 'github:acme/*')).toEqual([]); // ownership of acme not proven without the membership
  });
});

describe('github provider: rate limits', () => {
  const resetIn = (seconds: number) => String(Math.floor(Date.now() / 1000) + seconds);

  it('primary rate limit (403, x-ratelimit-remaining: 0) is waited out, then the token verifies', async () => {
    let limited = 1;
    serve('classic-broad', {
      overrides: (r) =>
        r.path === '/user' && limited-- > 0
          ? githubAnswer(403, 'error-rate-limit.json', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': resetIn(1) })
          : undefined,
    });
    const { result, ctx } = await verifyRule('github.classic-pat');
    expect(result.status).toBe('live');
    expect(requestsTo('/user')).toHaveLength(2);
    expect(ctx.logs.join('\n')).toMatch(/rate limit on GET \/user: retrying in \d+s/);
  });

  it('secondary rate limit (429 with Retry-After) is waited out, then the token verifies', async () => {
    let limited = 1;
    serve('fine-grained-one-repo', {
      overrides: (r) => (r.path === '/user/repos' && limited-- > 0 ? githubAnswer(429, 'error-secondary-rate-limit.json', { 'retry-after': '1' }) : undefined),
    });
    const { result } = await verifyRule('github.fine-grained-pat');
    expect(result.status).toBe('live');
    expect(requestsTo('/user/repos')).toHaveLength(2);
    expect(has(result, 'read', 'github:acme/app')).toBe(true);
  });

  it('a rate limit longer than the wait budget is an error naming the reset time', async () => {
    const reset = resetIn(3600);
    serve('classic-broad', { overrides: () => githubAnswer(403, 'error-rate-limit.json', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }) });
    const { result } = await verifyRule('github.classic-pat');
    expect(result.status).toBe('error');
    expect(result.detail).toContain(`rate limited until ${new Date(Number(reset) * 1000).toISOString()}`);
    expect(server.requests).toHaveLength(1);
  });
});

describe('github provider: endpoints and pagination', () => {
  it('GITHUB_API_URL points at GitHub Enterprise Server (/api/v3) and is named in the result', async () => {
    serve('classic-broad', { prefix: '/api/v3' });
    const base = `${server.url}/api/v3`;
    const { result } = await verifyRule('github.classic-pat', { apiUrls: {}, env: { GITHUB_API_URL: base } });
    expect(result.status).toBe('live');
    expect(result.identity?.endpoint).toBe(base);
    expect(result.detail).toContain(`via ${base}`);
    expect(requestsTo('/api/v3/user/repos')).toHaveLength(2); // Link pages stay under the prefix
  });

  it('--github-api-url (ctx.apiUrls) wins over GITHUB_API_URL', async () => {
    serve('fine-grained-one-repo');
    const { result } = await verifyRule('github.fine-grained-pat', { env: { GITHUB_API_URL: await closedPortUrl() }, apiUrls: { github: server.url } });
    expect(result.status).toBe('live');
  });

  it('pagination that never ends is capped at 10 pages and reported', async () => {
    serve('classic-broad', {
      overrides: (r) => {
        if (r.path !== '/user/repos') return undefined;
        const next = Number(r.query.get('page') ?? '1') + 1;
        return githubAnswer(200, 'user-repos-classic-page2.json', {
          'x-oauth-scopes': 'repo',
          link: `<${server.url}/user/repos?per_page=100&page=${next}>; rel="next"`,
        });
      },
    });
    const { result } = await verifyRule('github.classic-pat');
    expect(result.status).toBe('live');
    expect(requestsTo('/user/repos')).toHaveLength(10);
    expect(result.notes.join('\n')).toContain('repository listing incomplete');
    expect(result.unknowns.map((u) => u.what)).toContain('access of jdoe to repositories of partner-co beyond those listed');
  });

  it('a Link header to another origin is not followed with the token', async () => {
    const elsewhere = await new FakeServer(() => ({ status: 200, body: [] })).start();
    serve('classic-broad', {
      overrides: (r) =>
        r.path === '/user/repos'
          ? githubAnswer(200, 'user-repos-classic-page1.json', { 'x-oauth-scopes': 'repo', link: `<${elsewhere.url}/user/repos?page=2>; rel="next"` })
          : undefined,
    });
    const { result } = await verifyRule('github.classic-pat').finally(() => elsewhere.stop());
    expect(elsewhere.requests).toEqual([]);
    expect(result.status).toBe('live');
    expect(result.notes.join('\n')).toContain('refused to send the token to');
  });
});

describe('github provider: guards', () => {
  it('the transport refuses anything but GET, before it reaches the network', async () => {
    serve('classic-broad');
    const send = boundedFetch(server.url, testContext());
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      await expect(send(`${server.url}/user/repos`, { method, body: '{}' })).rejects.toThrow(`refused to send ${method}`);
    }
    expect(server.requests).toEqual([]);
  });

  it('X-GitHub-SSO partial results are reported', async () => {
    const sso = 'partial-results; organizations=21955855,20582480';
    serve('classic-broad', {
      overrides: (r) =>
        r.path === '/user/repos' ? githubAnswer(200, 'user-repos-classic-page2.json', { 'x-oauth-scopes': 'repo', 'x-github-sso': sso }) : undefined,
    });
    const { result } = await verifyRule('github.classic-pat');
    expect(result.notes.join('\n')).toContain(`X-GitHub-SSO: ${sso}`);
  });
});

// Keeps the replay honest: a route missing from a scenario answers GitHub's 404, not a crash.
it('the GitHub fake answers unknown routes with GitHub 404 JSON', async () => {
  const answer = await githubFake('classic-broad').handler({ method: 'GET', path: '/nope', query: new URLSearchParams(), headers: {}, body: '' }, 'http://x');
  expect(answer.status).toBe(404);
});
