import { afterEach, describe, expect, it } from 'vitest';
import type { VerificationResult } from '../../src/core/types.js';
import gitlab from '../../src/providers/gitlab/index.js';
import { closedPortUrl, FakeServer, type FakeResponse, type RecordedRequest } from '../helpers/fake-server.js';
import { fixtureJson, makeToken, testContext } from '../helpers/provider.js';

const SECRET = 'glpat-NWYJQfXBXHz95Shzwa78';
const token = makeToken('gitlab.personal-access-token', SECRET);
const wire = (name: string): FakeResponse => fixtureJson<FakeResponse>('gitlab', `${name}.json`);

const servers: FakeServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    expectReadOnly(server);
    await server.stop();
  }
});

/** A fake GitLab: answers only requests that carry the token, from recorded responses keyed by path. */
async function gitlabServer(routes: Record<string, string | ((request: RecordedRequest) => FakeResponse)>): Promise<FakeServer> {
  const server = await new FakeServer((request) => {
    if (request.headers['private-token'] !== SECRET) return wire('unauthorized');
    const route = routes[request.path.replace(/^\/api\/v4/, '')];
    if (route === undefined) return wire('not-found');
    return typeof route === 'string' ? wire(route) : route(request);
  }).start();
  servers.push(server);
  return server;
}

const BROAD = { '/personal_access_tokens/self': 'self-api', '/user': 'user-alice', '/personal_access_tokens/self/associations': 'associations-broad' };
const NARROW = { '/personal_access_tokens/self': 'self-read-repository', '/user': 'insufficient-scope', '/personal_access_tokens/self/associations': 'associations-narrow' };

function expectReadOnly(server: FakeServer): void {
  expect(server.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual([]);
}

function expectNoSecret(result: VerificationResult, logs: string[]): void {
  expect(JSON.stringify(result)).not.toContain(SECRET);
  expect(logs.join('\n')).not.toContain(SECRET);
}

const grantsOf = (result: VerificationResult) => result.grants.map((g) => `${g.action} ${g.resource}`).sort();

describe('gitlab provider', () => {
  it('live, broad: scope api over an owned group, an owned project and the personal namespace', async () => {
    const server = await gitlabServer(BROAD);
    const ctx = testContext({ env: { BLASTRADIUS_GITLAB_API_URL: server.url } });
    const result = await gitlab.verify(token, ctx);

    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'alice', type: 'personal-access-token', scopes: ['api'], tokenName: 'deploy-helper', expiresAt: '2027-03-01', endpoint: server.url });
    expect(grantsOf(result)).toEqual([
      'admin gitlab:acme/*',
      'admin gitlab:alice/*',
      'destroy gitlab:acme/*',
      'destroy gitlab:acme/app',
      'destroy gitlab:alice/*',
      'write gitlab:acme/infra',
      'write gitlab:acme/platform/*',
      'write gitlab:acme/platform/db-backups',
    ]);
    const deleteApp = result.grants.find((g) => g.resource === 'gitlab:acme/app');
    expect(deleteApp).toMatchObject({ operation: 'DELETE /projects/:id', principal: 'alice' });
    expect(deleteApp?.evidence).toContain('scope api with the Owner role');
    expect(result.resources.map((r) => r.id).sort()).toEqual(['gitlab:acme', 'gitlab:acme/app', 'gitlab:acme/infra', 'gitlab:acme/platform', 'gitlab:acme/platform/db-backups']);
    // The associations call is limited to memberships (without it GitLab lists every public project).
    const associations = server.requests.find((r) => r.path.endsWith('/self/associations'));
    expect(associations?.query.get('min_access_level')).toBe('10');
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs);
  });

  it('live, narrow: a read_repository token as Reporter on one project reads it and nothing else', async () => {
    const server = await gitlabServer(NARROW);
    const ctx = testContext({ env: { BLASTRADIUS_GITLAB_API_URL: server.url } });
    const result = await gitlab.verify(token, ctx);

    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'user-id:9001', scopes: ['read_repository'] });
    expect(grantsOf(result)).toEqual(['read gitlab:acme/app']);
    expect(result.grants[0].evidence).toContain('scope read_repository with the Reporter role');
    // The user is unknown, but a read_repository token could only read in its namespace.
    expect(result.unknowns.find((u) => u.what.startsWith('the user behind this token'))).toMatchObject({ upTo: 'read', settle: 'GET /users/9001 (with a token that may read users)' });
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs);
  });

  it('an instance administrator with scope api is admin over gitlab:*, with Admin Mode left as an unknown', async () => {
    const alice = wire('user-alice');
    const admin: FakeResponse = { ...alice, body: { ...(alice.body as object), is_admin: true } };
    const server = await gitlabServer({ ...BROAD, '/user': () => admin });
    const ctx = testContext({ env: { BLASTRADIUS_GITLAB_API_URL: server.url } });
    const result = await gitlab.verify(token, ctx);

    expect(result.identity?.type).toBe('personal-access-token (instance administrator)');
    expect(grantsOf(result)).toContain('admin gitlab:*');
    // Admin Mode could only take the administrator grants away: it does not widen the bound.
    expect(result.unknowns.find((u) => u.reason.includes('Admin Mode'))).toMatchObject({ upTo: 'none', resources: ['gitlab:*'] });
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs);
  });

  it('invalid: a revoked token whose context names this instance is status invalid with GitLab\'s reason', async () => {
    const server = await gitlabServer({ '/personal_access_tokens/self': 'revoked', '/user': 'revoked' });
    const ctx = testContext({ env: { BLASTRADIUS_GITLAB_API_URL: server.url } });
    // CI_SERVER_URL in the token's file names the fake's host: its 401 is a verdict (src/providers/host.ts).
    const result = await gitlab.verify({ ...token, hints: [{ name: 'server-url', value: server.url, file: '.env', line: 1 }] }, ctx);

    expect(result.status).toBe('invalid');
    expect(result.detail).toContain('Token was revoked');
    expect(result.grants).toEqual([]);
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs);
  });

  it('provider down: 5xx on every attempt is status error with the reason, never invalid', async () => {
    const server = await gitlabServer({ '/personal_access_tokens/self': 'server-error' });
    const ctx = testContext({ env: { BLASTRADIUS_GITLAB_API_URL: server.url }, retries: 1 });
    const result = await gitlab.verify(token, ctx);

    expect(result.status).toBe('error');
    expect(result.detail).toContain('HTTP 503');
    expect(result.unknowns.length).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(2);
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs);
  });

  it('provider down: a hanging server times out as status error; a closed port is status error', async () => {
    const server = await gitlabServer({ '/personal_access_tokens/self': () => ({ hang: true }) });
    const ctx = testContext({ env: { BLASTRADIUS_GITLAB_API_URL: server.url }, timeoutMs: 300 });
    const timedOut = await gitlab.verify(token, ctx);
    expect(timedOut.status).toBe('error');
    expect(timedOut.detail).toContain('timed out');
    expectReadOnly(server);
    expectNoSecret(timedOut, ctx.logs);

    const refusedCtx = testContext({ env: { BLASTRADIUS_GITLAB_API_URL: await closedPortUrl() }, retries: 0 });
    const refused = await gitlab.verify(token, refusedCtx);
    expect(refused.status).toBe('error');
    expect(refused.detail).toContain('connection refused');
    expectNoSecret(refused, refusedCtx.logs);
  });

  it('a failed sub-call (associations 500) leaves a live result with an unknown, not a lost result', async () => {
    const server = await gitlabServer({ ...BROAD, '/personal_access_tokens/self/associations': () => ({ status: 500, body: { message: '500 Internal Server Error' } }) });
    const ctx = testContext({ env: { BLASTRADIUS_GITLAB_API_URL: server.url }, retries: 0 });
    const result = await gitlab.verify(token, ctx);

    expect(result.status).toBe('live');
    expect(grantsOf(result)).toEqual(['admin gitlab:alice/*', 'destroy gitlab:alice/*']);
    // Scope api with an unknown role (up to Owner) on namespaces not shown: deletion is possible.
    expect(result.unknowns.find((u) => u.what === 'which groups and projects this token reaches, and with which role')).toMatchObject({ upTo: 'destroy', settle: expect.stringContaining('/associations') });
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs);
  });

  it('rate limited then recovered: waits for Retry-After, then answers', async () => {
    let calls = 0;
    const server = await gitlabServer({ ...BROAD, '/personal_access_tokens/self': () => (++calls === 1 ? wire('rate-limited') : wire('self-api')) });
    const ctx = testContext({ env: { BLASTRADIUS_GITLAB_API_URL: server.url } });
    const started = Date.now();
    const result = await gitlab.verify(token, ctx);

    expect(result.status).toBe('live');
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(ctx.logs.join('\n')).toContain('HTTP 429');
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs);
  });

  it('base URL: BLASTRADIUS_GITLAB_API_URL is used, and ctx.apiUrls (flag / user config) wins over it', async () => {
    const server = await gitlabServer(BROAD);
    const ctx = testContext({ env: { BLASTRADIUS_GITLAB_API_URL: await closedPortUrl() }, apiUrls: { gitlab: `${server.url}/` }, retries: 0 });
    const result = await gitlab.verify(token, ctx);

    expect(result.status).toBe('live');
    expect(result.identity?.endpoint).toBe(server.url);
    expect(result.identity?.account).toBe(new URL(server.url).host);
    expect(server.requests.map((r) => r.path)).toContain('/api/v4/personal_access_tokens/self');
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs);
  });

  it('deploy tokens are not asked: unverified, with the unknowns stated and no request sent', async () => {
    const server = await gitlabServer(BROAD);
    const ctx = testContext({ env: { BLASTRADIUS_GITLAB_API_URL: server.url } });
    const deploySecret = 'gldt-Kx8PzQ2mVb7nRc4tLw9y';
    const result = await gitlab.verify(makeToken('gitlab.deploy-token', deploySecret), ctx);

    expect(result.status).toBe('unverified');
    expect(result.grants).toEqual([]);
    expect(result.unknowns.length).toBeGreaterThan(0);
    for (const u of result.unknowns) expect(u).toMatchObject({ upTo: 'write', settle: expect.any(String) });
    expect(server.requests).toEqual([]);
    expect(JSON.stringify(result)).not.toContain(deploySecret);
  });

  it('declares its rules and documentation', () => {
    expect(gitlab.id).toBe('gitlab');
    expect(gitlab.rules).toEqual(['gitlab.personal-access-token', 'gitlab.deploy-token']);
    expect(gitlab.docsUrl).toMatch(/^https:\/\/docs\.gitlab\.com\//);
  });
});
