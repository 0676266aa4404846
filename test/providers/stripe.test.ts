import { describe, expect, it } from 'vitest';
import { recordedAnswer } from '../../src/providers/fake-kit.js';
import { stripeFake } from '../../src/providers/stripe/fake.js';
import { providerCases } from '../helpers/provider-cases.js';
import { grantsOf, useFake, verifyWith } from '../helpers/provider-harness.js';
import { makeToken } from '../helpers/provider.js';

const SECRET_KEY = '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';
const RESTRICTED_KEY = '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';
const secretToken = () => makeToken('stripe.secret-key', SECRET_KEY);
const restrictedToken = () => makeToken('stripe.restricted-key', RESTRICTED_KEY);
const fake = useFake(() => stripeFake(SECRET_KEY, { '/v1/account': 'account' }));
/** A restricted key whose answers are these (account, customers, charges, balance). */
const serveRestricted = (account: string, customers: string, charges: string, balance: string) =>
  fake.serve(stripeFake(RESTRICTED_KEY, { '/v1/account': account, '/v1/customers': customers, '/v1/charges': charges, '/v1/balance': balance }));

describe('stripe provider', () => {
  it('live, broad: a live secret key is admin over its account and can destroy customers and charges', async () => {
    const { result, requests } = await verifyWith(fake, secretToken());
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({
      principal: 'acct_1Nv0FGQ9RKHgCVdK',
      type: 'live-secret-key',
      displayName: 'Acme',
      livemode: true,
      endpoint: fake.url,
    });
    expect(grantsOf(result)).toEqual([
      'admin stripe:acct_1Nv0FGQ9RKHgCVdK',
      'destroy stripe:acct_1Nv0FGQ9RKHgCVdK/charges',
      'destroy stripe:acct_1Nv0FGQ9RKHgCVdK/customers',
      'read stripe:acct_1Nv0FGQ9RKHgCVdK/*',
    ]);
    expect(result.grants.find((g) => g.resource.endsWith('/customers'))?.operation).toBe('DELETE /v1/customers/{id}');
    expect(result.resources).toEqual([expect.objectContaining({ id: 'stripe:acct_1Nv0FGQ9RKHgCVdK', type: 'account', name: 'Acme Shop' })]);
    expect(requests.map((r) => r.path)).toEqual(['/v1/account']);
  });

  it('live, narrow: a restricted key that reads customers only; the account comes from a 403, writes are unknown', async () => {
    serveRestricted('forbidden-account', 'customers', 'forbidden-charges', 'forbidden-balance');
    const { result, requests } = await verifyWith(fake, restrictedToken());
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
    expect(requests.find((r) => r.path === '/v1/customers')?.query.get('limit')).toBe('1');
  });

  it('a restricted key that reads every probed area gets read grants on each, and still no write', async () => {
    serveRestricted('account', 'customers', 'charges', 'balance');
    const { result } = await verifyWith(fake, restrictedToken());
    expect(grantsOf(result)).toEqual([
      'read stripe:acct_1Nv0FGQ9RKHgCVdK',
      'read stripe:acct_1Nv0FGQ9RKHgCVdK/balance',
      'read stripe:acct_1Nv0FGQ9RKHgCVdK/charges',
      'read stripe:acct_1Nv0FGQ9RKHgCVdK/customers',
    ]);
    expect(result.identity?.displayName).toBe('Acme');
  });

  it('invalid: 401 for a secret key, and an expired restricted key, are status invalid', async () => {
    fake.serve(stripeFake('sk_live_someotherkey', {}));
    const { result } = await verifyWith(fake, secretToken());
    expect(result.status).toBe('invalid');
    expect(result.detail).toContain('invalid, rolled or deleted');

    fake.serve(stripeFake(RESTRICTED_KEY, { '/v1/account': 'expired-key' }));
    const { result: expired, requests } = await verifyWith(fake, restrictedToken());
    expect(expired.status).toBe('invalid');
    expect(expired.detail).toContain('expired');
    expect(requests).toHaveLength(1);
  });

  it('a 200 page that is not JSON (a captive portal or proxy) proves no read: error, no grants', async () => {
    fake.serve(() => ({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body>Sign in to the guest Wi-Fi</body></html>' }));
    const { result } = await verifyWith(fake, restrictedToken());
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/not JSON/);
    expect(result.grants).toEqual([]);
  });

  it('a probe that fails after the key was accepted becomes an unknown on a live result', async () => {
    serveRestricted('forbidden-account', 'customers', 'server-error', 'balance');
    const { result } = await verifyWith(fake, restrictedToken(), { retries: 0 });
    expect(result.status).toBe('live');
    expect(grantsOf(result)).toEqual(['read stripe:acct_1Nv0FGQ9RKHgCVdK/balance', 'read stripe:acct_1Nv0FGQ9RKHgCVdK/customers']);
    expect(result.unknowns[0]).toMatchObject({ what: 'read access to charges' });
  });

  providerCases(fake, secretToken, {
    serverError: { answer: recordedAnswer('stripe', 'server-error'), detail: /HTTP 500/ },
    rateLimited: recordedAnswer('stripe', 'rate-limited'),
  });

  it('declares its rules and documentation', async () => {
    const { default: stripe } = await import('../../src/providers/stripe/index.js');
    expect(stripe.rules).toEqual(['stripe.secret-key', 'stripe.restricted-key']);
    expect(stripe.docsUrl).toMatch(/^https:\/\/docs\.stripe\.com\//);
  });
});
