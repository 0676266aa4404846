// Stripe API reference: https://docs.stripe.com/api — keys: https://docs.stripe.com/keys
// Restricted keys: https://docs.stripe.com/keys/restricted-api-keys (permissions are not introspectable).
import { scrub } from '../../core/secret.js';
import type { Grant, Identity, Token, Unknown, VerificationResult } from '../../core/types.js';
import { apiBaseUrl } from '../http.js';
import { noAnswer } from '../outcome.js';
import type { RestApi } from '../rest.js';
import { invalid, live, unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { stripeApi, stripeError, type StripeAccount } from './api.js';
import { probeRestrictedKey, restrictedGrants } from './restricted.js';
import manifest from './manifest.js';

const DEFAULT_BASE = 'https://api.stripe.com';

const stripe: Provider = {
  ...manifest,
  async verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
    const { url, overridden } = apiBaseUrl('stripe', ctx, DEFAULT_BASE);
    const api = stripeApi(url, token.secret.reveal(), ctx);
    const endpoint = overridden ? url : undefined;
    try {
      return token.ruleId === 'stripe.restricted-key' ? await verifyRestricted(api, endpoint) : await verifySecret(api, endpoint);
    } catch (error) {
      // Only a bug gets here: the client reports every failed call as an outcome.
      return unknownError(scrub(`Stripe verification failed: ${(error as Error)?.message ?? String(error)}`, api.secrets));
    }
  },
};

export default stripe;

async function verifySecret(api: RestApi, endpoint: string | undefined): Promise<VerificationResult> {
  const answer = await api.get<StripeAccount>('/v1/account');
  if (!answer.ok) {
    if (noAnswer(answer)) return unknownError(answer.reason);
    const { expired, type } = stripeError(answer.body);
    if (answer.status === 401) return refused(expired, endpoint);
    return unknownError(`Stripe /v1/account answered HTTP ${answer.status}${type ? ` (${type})` : ''}${at(endpoint)}`);
  }
  const account = answer.data;
  const principal = account.id;
  const evidence = 'live secret key: unrestricted access to every API of the account';
  const grants: Grant[] = [
    { action: 'admin', resource: `stripe:${principal}`, evidence, operation: '*', principal },
    {
      action: 'destroy',
      resource: `stripe:${principal}/customers`,
      evidence: `${evidence} (deletes customers and their saved payment methods)`,
      operation: 'DELETE /v1/customers/{id}',
      principal,
    },
    {
      action: 'destroy',
      resource: `stripe:${principal}/charges`,
      evidence: `${evidence} (refunds move money out irreversibly)`,
      operation: 'POST /v1/refunds',
      principal,
    },
    { action: 'read', resource: `stripe:${principal}/*`, evidence, operation: 'GET /v1/*', principal },
  ];
  return live({
    identity: identityOf(principal, 'live-secret-key', account, true, endpoint),
    grants,
    resources: [accountResource(principal, account)],
    notes: ['A secret key of a Connect platform can also act on its connected accounts (Stripe-Account header); they are not listed.'],
  });
}

async function verifyRestricted(api: RestApi, endpoint: string | undefined): Promise<VerificationResult> {
  const probe = await probeRestrictedKey(api);
  if (probe.refused) return refused(probe.refused.expired, endpoint);
  if (!probe.answered) {
    if (probe.firstFailure) return unknownError(probe.firstFailure);
    return unknownError(
      `Stripe answered none of the read probes${at(endpoint)}`,
      undefined,
      probe.unknowns.map((u) => `${u.what}: ${u.reason}`),
    );
  }
  const accountId = probe.accountId ?? 'unknown-account';
  const account = probe.accountId ?? '*';
  const unknowns: Unknown[] = [
    ...probe.unknowns,
    {
      what: 'what this restricted key can write or delete (customers, charges, refunds, payouts, subscriptions)',
      reason: "Stripe does not expose a restricted key's permissions; only a write request would tell, and none is sent",
    },
    { what: 'read access beyond account, customers, charges and balance', reason: 'not probed' },
  ];
  if (!probe.accountId) unknowns.push({ what: 'the account this key belongs to', reason: 'no probe named it' });
  return live({
    identity: identityOf(accountId, 'live-restricted-key', probe.account, probe.livemode ?? true, endpoint),
    grants: restrictedGrants(probe, account, accountId),
    resources: probe.accountId ? [accountResource(probe.accountId, probe.account)] : [],
    unknowns,
    notes: probe.notes,
  });
}

function refused(expired: boolean, endpoint: string | undefined): VerificationResult {
  return invalid(`Stripe answered 401: ${expired ? 'the key has expired' : 'invalid, rolled or deleted API key'}${at(endpoint)}`);
}

function identityOf(principal: string, type: string, account: StripeAccount | undefined, livemode: boolean, endpoint: string | undefined): Identity {
  const identity: Identity = {
    principal,
    type,
    account: principal,
    displayName: account?.settings?.dashboard?.display_name ?? account?.business_profile?.name ?? undefined,
    livemode,
    country: account?.country,
  };
  if (endpoint) identity.endpoint = endpoint;
  return identity;
}

function accountResource(id: string, account: StripeAccount | undefined) {
  return {
    id: `stripe:${id}`,
    type: 'account',
    name: account?.business_profile?.name ?? account?.settings?.dashboard?.display_name ?? id,
    provider: 'stripe',
    attributes: { country: account?.country, type: account?.type },
  };
}

function at(endpoint: string | undefined): string {
  return endpoint ? ` (endpoint ${endpoint})` : '';
}
