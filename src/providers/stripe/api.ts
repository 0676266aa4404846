import { httpRequest, parseJson, type HttpResponse } from '../http.js';
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

export interface StripeApi {
  secrets: readonly string[];
  get(path: string): Promise<HttpResponse>;
  json<T>(response: HttpResponse, what: string): T;
}

export function stripeApi(baseUrl: string, secret: string, ctx: ProviderContext): StripeApi {
  const secrets = [secret];
  return {
    secrets,
    get: (path) => httpRequest({ url: `${baseUrl}${path}`, headers: { authorization: `Bearer ${secret}`, accept: 'application/json' }, secrets }, ctx),
    json: (response, what) => parseJson(response, what, secrets),
  };
}

/**
 * What a Stripe error says, without its message verbatim: the message quotes part of the key.
 * A restricted key's 403 names the account and the permission it lacks, which is worth keeping.
 */
export function stripeError(response: HttpResponse): { type?: string; account?: string; permission?: string; expired: boolean } {
  let message = '';
  let type: string | undefined;
  try {
    const body = JSON.parse(response.text) as StripeErrorBody;
    message = body.error?.message ?? '';
    type = body.error?.type;
  } catch {
    // not JSON: nothing to read
  }
  return {
    type,
    account: /on account '(acct_[A-Za-z0-9]+)'/.exec(message)?.[1],
    permission: /'(rak_[a-z0-9_]+)'/.exec(message)?.[1],
    expired: /^Expired API Key/i.test(message),
  };
}
