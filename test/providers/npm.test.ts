import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { VerificationResult } from '../../src/core/types.js';
import npm from '../../src/providers/npm/index.js';
import { closedPortUrl, FakeServer, type FakeResponse, type RecordedRequest } from '../helpers/fake-server.js';
import { fixture, makeToken, testContext } from '../helpers/provider.js';

const SECRET = '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';
const LEGACY = '4f6a1c3d-9b2e-4e5f-8a7b-6c5d4e3f2a1b';
const USER = 'acme-release-bot';

interface Registry {
  tokens: string[] | { status: number };
  profile: string;
  packages: string | { status: number };
  whoami?: (request: RecordedRequest) => FakeResponse | undefined;
}

const json = (name: string): FakeResponse => ({ status: 200, body: fixture('npm', name), headers: { 'content-type': 'application/json' } });

function registry(state: Registry, secrets = [SECRET, LEGACY]) {
  return (request: RecordedRequest): FakeResponse => {
    const auth = request.headers.authorization ?? '';
    if (!secrets.some((s) => auth === `Bearer ${s}`)) return { status: 401, body: fixture('npm', 'error-401.json') };
    if (request.path === '/-/whoami') return state.whoami?.(request) ?? json('whoami.json');
    if (request.path === '/-/npm/v1/tokens') {
      if (!Array.isArray(state.tokens)) return { status: state.tokens.status, body: { error: 'Forbidden' } };
      return json(state.tokens[Number(request.query.get('page') ?? 0)]);
    }
    if (request.path === '/-/npm/v1/user') return json(state.profile);
    if (request.path === `/-/user/${USER}/package`) {
      return typeof state.packages === 'string' ? json(state.packages) : { status: state.packages.status, body: { error: 'not found' } };
    }
    if (request.path === '/-/v1/search' && request.query.get('text') === `maintainer:${USER}`) return json('search-maintainer.json');
    return { status: 404, body: { error: 'Not found' } };
  };
}

const BROAD: Registry = { tokens: ['tokens-page1.json', 'tokens-page2-publish.json'], profile: 'profile.json', packages: 'user-packages.json' };

let server: FakeServer;
beforeAll(async () => {
  server = await new FakeServer(registry(BROAD)).start();
});
afterAll(() => server.stop());
beforeEach(() => {
  server.requests.length = 0;
  server.setHandler(registry(BROAD));
});

function ctxFor(url: string, overrides = {}) {
  return testContext({ env: { BLASTRADIUS_NPM_API_URL: url }, ...overrides });
}

/** Every test: nothing but GET reached the registry, and no secret leaked into the result or the log. */
function expectSafe(result: VerificationResult, logs: string[], secret = SECRET) {
  expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  expect(JSON.stringify(result)).not.toContain(secret);
  expect(logs.join('\n')).not.toContain(secret);
}

const grantsOf = (result: VerificationResult) => result.grants.map((g) => `${g.action} ${g.resource}`).sort();

describe('npm provider', () => {
  it('publish token: write and unpublish (destroy) on every package the user can publish, read on the rest', async () => {
    const ctx = ctxFor(server.url);
    const result = await npm.verify(makeToken('npm.access-token', SECRET), ctx);
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: USER, type: 'user', tokenType: 'publish', twoFactor: 'auth-only', endpoint: server.url });
    expect(grantsOf(result)).toEqual([
      'destroy npm:@acme/api-client',
      'destroy npm:acme-cli',
      'read npm:@acme/internal-config',
      'write npm:@acme/api-client',
      'write npm:acme-cli',
    ]);
    const unpublish = result.grants.find((g) => g.action === 'destroy' && g.resource === 'npm:acme-cli')!;
    expect(unpublish.operation).toBe('npm unpublish');
    expect(unpublish.evidence).toMatch(/readonly=false/);
    expect(unpublish.evidence).toMatch(/72 hours/);
    expect(result.resources.map((r) => r.id).sort()).toEqual(['npm:@acme/api-client', 'npm:@acme/internal-config', 'npm:acme-cli']);
    expect(result.unknowns.map((u) => u.what)).toContain('which versions can still be unpublished');
    // both pages of the token list were read
    expect(server.requests.filter((r) => r.path === '/-/npm/v1/tokens')).toHaveLength(2);
    expectSafe(result, ctx.logs);
  });

  it('read-only token: read grants only, and its CIDR restriction as a note', async () => {
    server.setHandler(registry({ ...BROAD, tokens: ['tokens-readonly.json'] }));
    const ctx = ctxFor(server.url);
    const result = await npm.verify(makeToken('npm.access-token', SECRET), ctx);
    expect(result.status).toBe('live');
    expect(result.identity?.tokenType).toBe('read-only');
    expect(result.grants.every((g) => g.action === 'read')).toBe(true);
    expect(grantsOf(result)).toHaveLength(3);
    expect(result.notes.join('\n')).toMatch(/203\.0\.113\.0\/24/);
    expectSafe(result, ctx.logs);
  });

  it('classic publish token on an account with 2FA for writes: the token alone cannot publish', async () => {
    server.setHandler(registry({ ...BROAD, profile: 'profile-2fa-writes.json' }));
    const ctx = ctxFor(server.url);
    const result = await npm.verify(makeToken('npm.access-token', SECRET), ctx);
    expect(result.status).toBe('live');
    expect(result.grants.filter((g) => g.action !== 'read')).toEqual([]);
    expect(result.notes.join('\n')).toMatch(/one-time password/);
    expectSafe(result, ctx.logs);
  });

  it('automation token bypasses 2FA for writes: publish and unpublish stay', async () => {
    server.setHandler(registry({ ...BROAD, tokens: ['tokens-automation.json'], profile: 'profile-2fa-writes.json' }));
    const ctx = ctxFor(server.url);
    const result = await npm.verify(makeToken('npm.access-token', SECRET), ctx);
    expect(result.identity?.tokenType).toBe('automation');
    expect(grantsOf(result)).toContain('destroy npm:acme-cli');
    expectSafe(result, ctx.logs);
  });

  it('granular token: reach limited to its package scope, org write is admin of the org scope', async () => {
    server.setHandler(registry({ ...BROAD, tokens: ['tokens-granular.json'], profile: 'profile-2fa-writes.json' }));
    const ctx = ctxFor(server.url);
    const result = await npm.verify(makeToken('npm.access-token', SECRET), ctx);
    expect(result.identity?.tokenType).toBe('granular');
    expect(grantsOf(result)).toEqual(['admin npm:@acme/*', 'destroy npm:@acme/api-client', 'write npm:@acme/api-client']);
    expect(result.notes.join('\n')).toMatch(/expires 2026-09-30/);
    expectSafe(result, ctx.logs);
  });

  it('legacy UUID token is recognised by the truncated prefix the token list shows', async () => {
    server.setHandler(registry({ ...BROAD, tokens: ['tokens-legacy.json'] }));
    const ctx = ctxFor(server.url);
    const result = await npm.verify(makeToken('npm.legacy-auth-token', LEGACY), ctx);
    expect(result.status).toBe('live');
    expect(result.identity?.tokenType).toBe('publish');
    expect(grantsOf(result)).toContain('write npm:acme-cli');
    expectSafe(result, ctx.logs, LEGACY);
  });

  it('token list and package list unavailable: live, publish ability unknown, packages from the maintainer search', async () => {
    server.setHandler(registry({ ...BROAD, tokens: { status: 403 }, packages: { status: 404 } }));
    const ctx = ctxFor(server.url);
    const result = await npm.verify(makeToken('npm.access-token', SECRET), ctx);
    expect(result.status).toBe('live');
    expect(result.identity?.tokenType).toBe('unknown');
    expect(result.unknowns.map((u) => u.what)).toContain('whether this token can publish or unpublish');
    expect(grantsOf(result)).toEqual(['read npm:acme-cli']);
    expect(result.grants[0].evidence).toMatch(/maintainer:acme-release-bot/);
    expect(result.notes.join('\n')).toMatch(/token list unavailable/);
    expectSafe(result, ctx.logs);
  });

  it('revoked token: 401 from /-/whoami is invalid', async () => {
    const ctx = ctxFor(server.url);
    const result = await npm.verify(makeToken('npm.access-token', 'npm_' + 'x'.repeat(36)), ctx);
    expect(result.status).toBe('invalid');
    expect(result.grants).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expectSafe(result, ctx.logs, 'npm_' + 'x'.repeat(36));
  });

  it('registry down (connection refused): error, never invalid', async () => {
    const ctx = ctxFor(await closedPortUrl(), { retries: 0 });
    const result = await npm.verify(makeToken('npm.access-token', SECRET), ctx);
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/connection refused/);
    expectSafe(result, ctx.logs);
  });

  it('registry hangs: timeout is error with the reason', async () => {
    server.setHandler(() => ({ hang: true }));
    const ctx = ctxFor(server.url, { timeoutMs: 300 });
    const result = await npm.verify(makeToken('npm.access-token', SECRET), ctx);
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/timed out after 300 ms/);
    expectSafe(result, ctx.logs);
  });

  it('registry answers 500 on every attempt: error after the retries', async () => {
    server.setHandler(() => ({ status: 500, body: fixture('npm', 'error-500.json') }));
    const ctx = ctxFor(server.url, { retries: 1 });
    const result = await npm.verify(makeToken('npm.access-token', SECRET), ctx);
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/HTTP 500 after 2 attempt/);
    expect(server.requests).toHaveLength(2);
    expectSafe(result, ctx.logs);
  });

  it('rate limited (429 + Retry-After) then recovered: live', async () => {
    let whoamiCalls = 0;
    server.setHandler(
      registry({ ...BROAD, whoami: () => (++whoamiCalls === 1 ? { status: 429, headers: { 'retry-after': '1' }, body: { error: 'rate limited' } } : undefined) }),
    );
    const ctx = ctxFor(server.url);
    const started = Date.now();
    const result = await npm.verify(makeToken('npm.access-token', SECRET), ctx);
    expect(result.status).toBe('live');
    expect(whoamiCalls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expectSafe(result, ctx.logs);
  });

  it('base URL: a --npm-api-url style override (ctx.apiUrls) wins over the environment variable', async () => {
    const ctx = testContext({ env: { BLASTRADIUS_NPM_API_URL: await closedPortUrl() }, apiUrls: { npm: server.url } });
    const result = await npm.verify(makeToken('npm.access-token', SECRET), ctx);
    expect(result.status).toBe('live');
    expect(result.identity?.endpoint).toBe(server.url);
    expect(server.requests.length).toBeGreaterThan(0);
    expectSafe(result, ctx.logs);
  });
});
