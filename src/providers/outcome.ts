import { scrub } from '../core/secret.js';
import { ProviderCallError } from './http.js';

/**
 * How a provider call failed, in the one vocabulary of every provider (the same words as a
 * verification result): `invalid` — the provider, at its own host, refused the credential (the
 * answer a dead credential gets: HTTP 401, Slack's `invalid_auth`, Railway's "Not Authorized");
 * `error` — we do not know: timeout, 5xx, 429, a refusal of this one call (403), an unexpected
 * shape; `unverified` — not asked, or it cannot be asked (a budget spent, a request that is not a read).
 * Whether the token itself is invalid stays the provider's decision from such answers.
 */
export type FailureKind = 'invalid' | 'error' | 'unverified';

export interface CallFailure {
  kind: FailureKind;
  /** One line, scrubbed of the credential: what was asked and what came back. */
  reason: string;
  /** The HTTP status of the answer this failure reads; absent when no answer was read (timeout, network, 429/5xx after the retries, not sent). */
  status?: number;
  /** The provider's own name for the refusal (an error code from its body), when it gave one. */
  code?: string;
  /** The answer's parsed JSON body, for the provider's own parsing of a refusal. */
  body?: unknown;
}

/**
 * What one provider call gave: the answer it was asked for (with `Extra`: the HTTP status and
 * headers of a REST answer), or a failure with its reason (`Failure`: a client's own detail on top).
 */
export type Outcome<T, Extra = { status: number; headers: Headers }, Failure extends CallFailure = CallFailure> =
  | ({ ok: true; data: T } & Extra)
  | ({ ok: false } & Failure);

/** A failure with no answer behind it: the provider was not reached, or the call not made. */
export function noAnswer(outcome: Outcome<unknown, unknown>): boolean {
  return !outcome.ok && outcome.status === undefined;
}

/** What a thrown error says about a call: ProviderCallError keeps its kind; anything else is `error`. */
export function failureOf(error: unknown, what: string, secrets: readonly string[]): { ok: false } & CallFailure {
  if (error instanceof ProviderCallError) return { ok: false, kind: error.kind, reason: error.message };
  return { ok: false, kind: 'error', reason: scrub(`${what}: ${(error as Error)?.message ?? String(error)}`, secrets) };
}
