import { bearerHeaders, restApi, type RestApi } from '../rest.js';
import type { ProviderContext } from '../types.js';

/** The parts of the Account object (GET /v1/account) that name the account. */
export interface StripeAccount {
  id: string;
  object: 'account';
  email?: string | null;
  country?: string;
  type?: string;
  business_profile?: { name?: string | null; url?: string | null } | null;
  settings?: { dashboard?: { display_name?: string | null } | null } | null;
}

// Stripe's error envelope: `{"error": {"type", "message", "code"?}}`.
interface StripeErrorBody {
  error?: { type?: string; message?: string; code?: string };
}

export function stripeApi(baseUrl: string, secret: string, ctx: ProviderContext): RestApi {
  return restApi({ baseUrl, headers: bearerHeaders(secret), secrets: [secret], label: 'Stripe' }, ctx);
}

/**
 * What a Stripe error says, without its message verbatim: the message quotes part of the key.
 * A restricted key's 403 names the account and the permission it lacks, which is worth keeping.
 */
export function stripeError(body: unknown): { type?: string; account?: string; permission?: string; expired: boolean } {
  const error = (body as StripeErrorBody | null | undefined)?.error;
  const message = error?.message ?? '';
  const type = error?.type;
  return {
    type,
    account: /on account '(acct_[A-Za-z0-9]+)'/.exec(message)?.[1],
    permission: /'(rak_[a-z0-9_]+)'/.exec(message)?.[1],
    expired: /^Expired API Key/i.test(message),
  };
}
