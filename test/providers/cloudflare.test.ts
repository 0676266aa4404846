import { afterEach, describe, expect, it } from 'vitest';
import type { VerificationResult } from '../../src/core/types.js';
import cloudflare from '../../src/providers/cloudflare/index.js';
import { closedPortUrl, FakeServer, type FakeResponse, type RecordedRequest } from '../helpers/fake-server.js';
import { fixtureJson, makeToken, testContext } from '../helpers/provider.js';

const TOKEN = 'TLql7V8lz7KyNkk4piKleKcxtOIkXJPtA_pdBI6g';
const GLOBAL_KEY = '1e5a3c9b7d2f4e6a8c0b1d3f5a7c9e2b4d6f8';
const ACCT = '01a7362d577a6c3019a474fd6f485823';
const ZONE1 = '023e105f4ecef8ad9ca31a8372d0c353';
const ZONE2 = '9a7806061c88ada191ed06f989cc3dac';
const apiToken = makeToken('cloudflare.api-token', TOKEN);
const wire = (name: string): FakeResponse => fixtureJson<FakeResponse>('cloudflare', `${name}.json`);

const servers: FakeServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    expectReadOnly(server);
    await server.stop();
  }
});

type Route = string | ((request: RecordedRequest) => FakeResponse);

/** A fake api.cloudflare.com/client/v4: recorded responses by path, for the expected credential only. */
async function cloudflareServer(routes: Record<string, Route>, accepts: (request: RecordedRequest) => boolean = (r) => r.headers.authorization === `Bearer ${TOKEN}`): Promise<FakeServer> {
  const server = await new FakeServer((request) => {
    if (!accepts(request)) return wire('invalid-token');
    const route = routes[request.path.replace(/^\/client\/v4/, '')];
    if (route === undefined) return { status: 404, body: { success: false, errors: [{ code: 7003, message: 'Could not route to /client/v4' + request.path }], messages: [], result: null } };
    return typeof route === 'string' ? wire(route) : route(request);
  }).start();
  servers.push(server);
  return server;
}

function expectReadOnly(server: FakeServer): void {
  expect(server.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual([]);
}

function expectNoSecret(result: VerificationResult, logs: string[], secret = TOKEN): void {
  expect(JSON.stringify(result)).not.toContain(secret);
  expect(logs.join('\n')).not.toContain(secret);
}

const grantsOf = (result: VerificationResult) => result.grants.map((g) => `${g.action} ${g.resource} ${g.operation}`).sort();
const ctxFor = (server: FakeServer, extra = {}) => testContext({ env: { BLASTRADIUS_CLOUDFLARE_API_URL: server.url }, ...extra });

const USER_TOKEN = { '/user/tokens/verify': 'verify-active', '/accounts': 'accounts', '/zones': 'zones', '/user/tokens/f267e341f3dd4697bd3b9f71dd96247f': 'token-details-broad' };

describe('cloudflare provider: API tokens', () => {
  it('live, broad: policies become grants — DNS Write deletes, R2 Write deletes, API Tokens Write is admin, a deny is a protection', async () => {
    const server = await cloudflareServer(USER_TOKEN);
    const ctx = ctxFor(server);
    const result = await cloudflare.verify(apiToken, ctx);

    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'token:f267e341f3dd4697bd3b9f71dd96247f', type: 'user API token', displayName: 'custom-domains', status: 'active', endpoint: server.url });
    expect(grantsOf(result)).toEqual([
      'admin cloudflare:* API Tokens Write',
      `destroy cloudflare:account/${ACCT} Workers R2 Storage Write`,
      `destroy cloudflare:zone/${ZONE1} DNS Write`,
      `destroy cloudflare:zone/${ZONE2} DNS Write`,
      `read cloudflare:account/${ACCT} Account Settings Read`,
      `read cloudflare:zone/${ZONE1} Zone Read`,
      `read cloudflare:zone/${ZONE2} Zone Read`,
    ]);
    expect(result.grants.find((g) => g.operation === 'DNS Write')?.evidence).toContain('include delete');
    expect(result.protections).toEqual([expect.objectContaining({ kind: 'explicit-deny', resource: `cloudflare:zone/${ZONE2}`, blocks: ['DNS Write'] })]);
    expect(result.resources.map((r) => `${r.id} ${r.name}`)).toEqual([`cloudflare:account/${ACCT} Acme Production`, `cloudflare:zone/${ZONE1} acme.example`, `cloudflare:zone/${ZONE2} acme-backups.example`]);
    expect(server.requests.find((r) => r.path.endsWith('/zones'))?.query.get('per_page')).toBe('50');
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs);
  });

  it('live, narrow: one zone, read only, with its IP restriction noted', async () => {
    const server = await cloudflareServer({ ...USER_TOKEN, '/accounts': 'accounts-empty', '/zones': 'zones-narrow', '/user/tokens/f267e341f3dd4697bd3b9f71dd96247f': 'token-details-narrow' });
    const ctx = ctxFor(server);
    const result = await cloudflare.verify(apiToken, ctx);

    expect(result.status).toBe('live');
    expect(grantsOf(result)).toEqual([`read cloudflare:zone/${ZONE1} DNS Read`, `read cloudflare:zone/${ZONE1} Zone Read`]);
    expect(result.notes).toContain('usable only from 203.0.113.0/24');
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs);
  });

  it('a token that cannot read its own policies: what it listed is read, the rest is unknown', async () => {
    const server = await cloudflareServer({ ...USER_TOKEN, '/user/tokens/f267e341f3dd4697bd3b9f71dd96247f': 'forbidden' });
    const ctx = ctxFor(server);
    const result = await cloudflare.verify(apiToken, ctx);

    expect(result.status).toBe('live');
    expect(result.grants.every((g) => g.action === 'read')).toBe(true);
    expect(result.grants).toHaveLength(3);
    expect(result.unknowns.map((u) => u.what)).toContain('the permission policies of this token (what it can write or delete)');
    expectNoSecret(result, ctx.logs);
  });

  it('an account-owned token (refused by /user/tokens/verify) is verified at /accounts/{id}/tokens/verify', async () => {
    const server = await cloudflareServer({
      '/user/tokens/verify': 'invalid-token',
      '/accounts': 'accounts-account-owned',
      '/zones': 'zones',
      [`/accounts/${ACCT}/tokens/verify`]: 'verify-account-token',
      [`/accounts/${ACCT}/tokens/ed17574386854bf78a67040be0a770b0`]: 'forbidden',
    });
    const ctx = ctxFor(server);
    const result = await cloudflare.verify(apiToken, ctx);

    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'token:ed17574386854bf78a67040be0a770b0', type: 'account API token', account: ACCT });
    expect(server.requests.map((r) => r.path)).toContain(`/client/v4/accounts/${ACCT}/tokens/verify`);
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs);
  });

  it('invalid: refused at /user/tokens/verify and at /accounts; an expired token is invalid too', async () => {
    const server = await cloudflareServer({}, () => false);
    const ctx = ctxFor(server);
    const result = await cloudflare.verify(apiToken, ctx);
    expect(result.status).toBe('invalid');
    expect(result.detail).toContain('1000 Invalid API Token');
    expectNoSecret(result, ctx.logs);

    const expiredServer = await cloudflareServer({ '/user/tokens/verify': 'verify-expired' });
    const expired = await cloudflare.verify(apiToken, ctxFor(expiredServer));
    expect(expired.status).toBe('invalid');
    expect(expired.detail).toContain('expired');
  });

  it('provider down: 502 on every attempt, a hang and a closed port are status error', async () => {
    const server = await cloudflareServer({ '/user/tokens/verify': 'server-error' });
    const ctx = ctxFor(server, { retries: 1 });
    const down = await cloudflare.verify(apiToken, ctx);
    expect(down.status).toBe('error');
    expect(down.detail).toContain('HTTP 502');
    expectNoSecret(down, ctx.logs);

    const hanging = await cloudflareServer({ '/user/tokens/verify': () => ({ hang: true }) });
    const timedOut = await cloudflare.verify(apiToken, ctxFor(hanging, { timeoutMs: 300 }));
    expect(timedOut.status).toBe('error');
    expect(timedOut.detail).toContain('timed out');

    const refused = await cloudflare.verify(apiToken, testContext({ env: { BLASTRADIUS_CLOUDFLARE_API_URL: await closedPortUrl() }, retries: 0 }));
    expect(refused.status).toBe('error');
  });

  it('rate limited then recovered: 429 with Retry-After, then the full answer', async () => {
    let calls = 0;
    const server = await cloudflareServer({ ...USER_TOKEN, '/zones': () => (++calls === 1 ? wire('rate-limited') : wire('zones')) });
    const ctx = ctxFor(server);
    const started = Date.now();
    const result = await cloudflare.verify(apiToken, ctx);
    expect(result.status).toBe('live');
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(result.resources).toHaveLength(3);
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs);
  });

  it('base URL: BLASTRADIUS_CLOUDFLARE_API_URL is used, and ctx.apiUrls wins over it', async () => {
    const server = await cloudflareServer(USER_TOKEN);
    const ctx = testContext({ env: { BLASTRADIUS_CLOUDFLARE_API_URL: await closedPortUrl() }, apiUrls: { cloudflare: server.url }, retries: 0 });
    const result = await cloudflare.verify(apiToken, ctx);
    expect(result.status).toBe('live');
    expect(result.identity?.endpoint).toBe(server.url);
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs);
  });
});

describe('cloudflare provider: global API key', () => {
  const withKey = (email: string) => (r: RecordedRequest) => r.headers['x-auth-key'] === GLOBAL_KEY && r.headers['x-auth-email'] === email && r.headers.authorization === undefined;

  it('without the owner\'s email nothing is asked: unverified, with the key type\'s full authority', async () => {
    const server = await cloudflareServer({ '/user': 'user' }, withKey('ops@acme.example'));
    const ctx = ctxFor(server);
    const result = await cloudflare.verify(makeToken('cloudflare.global-api-key', GLOBAL_KEY), ctx);

    expect(result.status).toBe('unverified');
    expect(grantsOf(result)).toEqual(['admin cloudflare:account/* *', 'destroy cloudflare:zone/* DELETE /zones/{zone_id}']);
    expect(result.unknowns[0].what).toContain('whether this global API key is live');
    expect(server.requests).toEqual([]);
    expectNoSecret(result, ctx.logs, GLOBAL_KEY);
  });

  it('with the email found next to it: live, admin over the accounts and zones it lists', async () => {
    const server = await cloudflareServer({ '/user': 'user', '/accounts': 'accounts', '/zones': 'zones' }, withKey('ops@acme.example'));
    const ctx = ctxFor(server);
    const result = await cloudflare.verify(makeToken('cloudflare.global-api-key', GLOBAL_KEY, { email: 'ops@acme.example' }), ctx);

    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'ops@acme.example', type: 'global API key' });
    expect(grantsOf(result)).toEqual([`admin cloudflare:account/${ACCT} *`, `destroy cloudflare:zone/${ZONE1} DELETE /zones/{zone_id}`, `destroy cloudflare:zone/${ZONE2} DELETE /zones/{zone_id}`]);
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs, GLOBAL_KEY);
  });

  it('refused with that email is status error, not invalid: the email may be the wrong one', async () => {
    const server = await cloudflareServer({ '/user': 'auth-key-refused' }, () => true);
    const ctx = ctxFor(server);
    const result = await cloudflare.verify(makeToken('cloudflare.global-api-key', GLOBAL_KEY, { email: 'someone@acme.example' }), ctx);
    expect(result.status).toBe('error');
    expect(result.detail).toContain('9103');
    expectNoSecret(result, ctx.logs, GLOBAL_KEY);
  });

  it('declares its rules and documentation', () => {
    expect(cloudflare.rules).toEqual(['cloudflare.api-token', 'cloudflare.global-api-key']);
    expect(cloudflare.docsUrl).toMatch(/^https:\/\/developers\.cloudflare\.com\//);
  });
});
