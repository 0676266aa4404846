import { afterEach, describe, expect, it } from 'vitest';
import type { VerificationResult } from '../../src/core/types.js';
import stripe from '../../src/providers/stripe/index.js';
import { closedPortUrl, FakeServer, type FakeResponse } from '../helpers/fake-server.js';
import { fixtureJson, makeToken, testContext } from '../helpers/provider.js';

const SECRET_KEY = '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';
const RESTRICTED_KEY = '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';
const secretToken = makeToken('stripe.secret-key', SECRET_KEY);
const restrictedToken = makeToken('stripe.restricted-key', RESTRICTED_KEY);
const wire = (name: string): FakeResponse => fixtureJson<FakeResponse>('stripe', `${name}.json`);

const servers: FakeServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    expectReadOnly(server);
    await server.stop();
  }
});

type Route = string | (() => FakeResponse);

/** A fake api.stripe.com: recorded responses by path, only for the expected bearer key. */
async function stripeServer(key: string, routes: Record<string, Route>): Promise<FakeServer> {
  const server = await new FakeServer((request) => {
    if (request.headers.authorization !== `Bearer ${key}`) return wire('invalid-key');
    const route = routes[request.path];
    if (route === undefined) return { status: 404, body: { error: { message: `Unrecognized request URL (GET: ${request.path}).`, type: 'invalid_request_error' } } };
    return typeof route === 'string' ? wire(route) : route();
  }).start();
  servers.push(server);
  return server;
}

/** Read-only for Stripe: GET only (a POST would create, refund or update; DELETE would delete). */
function expectReadOnly(server: FakeServer): void {
  expect(server.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual([]);
}

function expectNoSecret(result: VerificationResult, logs: string[], key: string): void {
  expect(JSON.stringify(result)).not.toContain(key);
  expect(logs.join('\n')).not.toContain(key);
}

const grantsOf = (result: VerificationResult) => result.grants.map((g) => `${g.action} ${g.resource}`).sort();
const ctxFor = (server: FakeServer, extra = {}) => testContext({ env: { BLASTRADIUS_STRIPE_API_URL: server.url }, ...extra });

describe('stripe provider', () => {
  it('live, broad: a live secret key is admin over its account and can destroy customers and charges', async () => {
    const server = await stripeServer(SECRET_KEY, { '/v1/account': 'account' });
    const ctx = ctxFor(server);
    const result = await stripe.verify(secretToken, ctx);

    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'acct_1Nv0FGQ9RKHgCVdK', type: 'live-secret-key', displayName: 'Acme', livemode: true, endpoint: server.url });
    expect(grantsOf(result)).toEqual(['admin stripe:acct_1Nv0FGQ9RKHgCVdK', 'destroy stripe:acct_1Nv0FGQ9RKHgCVdK/charges', 'destroy stripe:acct_1Nv0FGQ9RKHgCVdK/customers', 'read stripe:acct_1Nv0FGQ9RKHgCVdK/*']);
    expect(result.grants.find((g) => g.resource.endsWith('/customers'))?.operation).toBe('DELETE /v1/customers/{id}');
    expect(result.resources).toEqual([expect.objectContaining({ id: 'stripe:acct_1Nv0FGQ9RKHgCVdK', type: 'account', name: 'Acme Shop' })]);
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/account']);
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs, SECRET_KEY);
  });

  it('live, narrow: a restricted key that reads customers only; the account comes from a 403, writes are unknown', async () => {
    const server = await stripeServer(RESTRICTED_KEY, { '/v1/account': 'forbidden-account', '/v1/customers': 'customers', '/v1/charges': 'forbidden-charges', '/v1/balance': 'forbidden-balance' });
    const ctx = ctxFor(server);
    const result = await stripe.verify(restrictedToken, ctx);

    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'acct_1Nv0FGQ9RKHgCVdK', type: 'live-restricted-key', livemode: true });
    expect(grantsOf(result)).toEqual(['read stripe:acct_1Nv0FGQ9RKHgCVdK/customers']);
    expect(result.notes).toEqual([
      'no read access to account: Stripe answered 403 (needs rak_accounts_kyc_basic_read)',
      'no read access to charges: Stripe answered 403 (needs rak_charge_read)',
      'no read access to balance: Stripe answered 403 (needs rak_balance_read)',
    ]);
    expect(result.unknowns.map((u) => u.what)).toContain('what this restricted key can write or delete (customers, charges, refunds, payouts, subscriptions)');
    expect(result.grants.some((g) => g.action !== 'read')).toBe(false);
    expect(server.requests.find((r) => r.path === '/v1/customers')?.query.get('limit')).toBe('1');
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs, RESTRICTED_KEY);
  });

  it('a restricted key that reads every probed area gets read grants on each, and still no write', async () => {
    const server = await stripeServer(RESTRICTED_KEY, { '/v1/account': 'account', '/v1/customers': 'customers', '/v1/charges': 'charges', '/v1/balance': 'balance' });
    const ctx = ctxFor(server);
    const result = await stripe.verify(restrictedToken, ctx);

    expect(grantsOf(result)).toEqual(['read stripe:acct_1Nv0FGQ9RKHgCVdK', 'read stripe:acct_1Nv0FGQ9RKHgCVdK/balance', 'read stripe:acct_1Nv0FGQ9RKHgCVdK/charges', 'read stripe:acct_1Nv0FGQ9RKHgCVdK/customers']);
    expect(result.identity?.displayName).toBe('Acme');
    expectNoSecret(result, ctx.logs, RESTRICTED_KEY);
  });

  it('invalid: 401 for a secret key, and an expired restricted key, are status invalid', async () => {
    const server = await stripeServer('sk_live_someotherkey', {});
    const ctx = ctxFor(server);
    const result = await stripe.verify(secretToken, ctx);
    expect(result.status).toBe('invalid');
    expect(result.detail).toContain('invalid, rolled or deleted');
    expectNoSecret(result, ctx.logs, SECRET_KEY);

    const expiredServer = await stripeServer(RESTRICTED_KEY, { '/v1/account': 'expired-key' });
    const expired = await stripe.verify(restrictedToken, ctxFor(expiredServer));
    expect(expired.status).toBe('invalid');
    expect(expired.detail).toContain('expired');
    expect(expiredServer.requests).toHaveLength(1);
    expectNoSecret(expired, [], RESTRICTED_KEY);
  });

  it('provider down: 5xx and a timeout are status error, never invalid', async () => {
    const server = await stripeServer(SECRET_KEY, { '/v1/account': 'server-error' });
    const ctx = ctxFor(server, { retries: 1 });
    const down = await stripe.verify(secretToken, ctx);
    expect(down.status).toBe('error');
    expect(down.detail).toContain('HTTP 500');
    expectNoSecret(down, ctx.logs, SECRET_KEY);

    const hanging = await stripeServer(RESTRICTED_KEY, { '/v1/account': () => ({ hang: true }) });
    const hangCtx = ctxFor(hanging, { timeoutMs: 300 });
    const timedOut = await stripe.verify(restrictedToken, hangCtx);
    expect(timedOut.status).toBe('error');
    expect(timedOut.detail).toContain('timed out');
    expectNoSecret(timedOut, hangCtx.logs, RESTRICTED_KEY);

    const refused = await stripe.verify(secretToken, testContext({ env: { BLASTRADIUS_STRIPE_API_URL: await closedPortUrl() }, retries: 0 }));
    expect(refused.status).toBe('error');
  });

  it('a probe that fails after the key was accepted becomes an unknown on a live result', async () => {
    const server = await stripeServer(RESTRICTED_KEY, { '/v1/account': 'forbidden-account', '/v1/customers': 'customers', '/v1/charges': 'server-error', '/v1/balance': 'balance' });
    const ctx = ctxFor(server, { retries: 0 });
    const result = await stripe.verify(restrictedToken, ctx);
    expect(result.status).toBe('live');
    expect(grantsOf(result)).toEqual(['read stripe:acct_1Nv0FGQ9RKHgCVdK/balance', 'read stripe:acct_1Nv0FGQ9RKHgCVdK/customers']);
    expect(result.unknowns[0]).toMatchObject({ what: 'read access to charges' });
    expectNoSecret(result, ctx.logs, RESTRICTED_KEY);
  });

  it('rate limited then recovered: 429 with Retry-After, then the account', async () => {
    let calls = 0;
    const server = await stripeServer(SECRET_KEY, { '/v1/account': () => (++calls === 1 ? wire('rate-limited') : wire('account')) });
    const ctx = ctxFor(server);
    const started = Date.now();
    const result = await stripe.verify(secretToken, ctx);
    expect(result.status).toBe('live');
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs, SECRET_KEY);
  });

  it('base URL: BLASTRADIUS_STRIPE_API_URL is used, and ctx.apiUrls wins over it', async () => {
    const server = await stripeServer(SECRET_KEY, { '/v1/account': 'account' });
    const ctx = testContext({ env: { BLASTRADIUS_STRIPE_API_URL: await closedPortUrl() }, apiUrls: { stripe: server.url }, retries: 0 });
    const result = await stripe.verify(secretToken, ctx);
    expect(result.status).toBe('live');
    expect(result.identity?.endpoint).toBe(server.url);
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs, SECRET_KEY);
  });

  it('declares its rules and documentation', () => {
    expect(stripe.rules).toEqual(['stripe.secret-key', 'stripe.restricted-key']);
    expect(stripe.docsUrl).toMatch(/^https:\/\/docs\.stripe\.com\//);
  });
});
