import type { Outcome } from '../outcome.js';
import { restApi, type RestApi } from '../rest.js';
import type { ProviderContext } from '../types.js';

/** Every Cloudflare v4 response: `{success, errors: [{code, message}], messages, result, result_info?}`. */
export interface CloudflareEnvelope<T> {
  success: boolean;
  errors?: { code: number; message: string }[];
  result: T;
  result_info?: { page?: number; per_page?: number; total_pages?: number; count?: number; total_count?: number };
}

export interface CloudflareTokenStatus {
  id: string;
  status: 'active' | 'disabled' | 'expired' | string;
  expires_on?: string;
  not_before?: string;
}

export interface CloudflarePolicy {
  id: string;
  effect: 'allow' | 'deny';
  resources: Record<string, string | Record<string, string>>;
  permission_groups: { id: string; name: string }[];
}

export interface CloudflareTokenDetails extends CloudflareTokenStatus {
  name?: string;
  policies?: CloudflarePolicy[];
  condition?: { request_ip?: { in?: string[]; not_in?: string[] } };
}

export interface CloudflareAccount {
  id: string;
  name: string;
  type?: string;
}

export interface CloudflareZone {
  id: string;
  name: string;
  status?: string;
  account?: { id: string; name?: string };
}

/** The v4 API of one credential; `endpoint` is the configured base URL that messages name. */
export interface CloudflareApi extends RestApi {
  endpoint: string;
  overridden: boolean;
}

/** Every answer a caller reads: an envelope with `success: true` at HTTP 200, else a failure that keeps the envelope. */
export type CloudflareOutcome<T> = Outcome<CloudflareEnvelope<T>>;

/** Bearer for API tokens; X-Auth-Email + X-Auth-Key for the legacy global API key. */
export function cloudflareApi(
  baseUrl: string,
  overridden: boolean,
  auth: { token: string } | { key: string; email: string },
  ctx: ProviderContext,
): CloudflareApi {
  const headers: Record<string, string> = { accept: 'application/json' };
  if ('token' in auth) headers.authorization = `Bearer ${auth.token}`;
  else Object.assign(headers, { 'x-auth-email': auth.email, 'x-auth-key': auth.key });
  const secrets = 'token' in auth ? [auth.token] : [auth.key];
  // Cloudflare answers some refusals with HTTP 200 and `success: false`; a proxy's page has no envelope at all.
  const read = ({ status, body, what }: { status: number; body: unknown; what: string }) =>
    status === 200 && !envelope(body)?.success ? { kind: 'error' as const, reason: `${what}: HTTP 200 without success` } : undefined;
  return { ...restApi({ baseUrl: `${baseUrl}/client/v4`, headers, secrets, read }, ctx), endpoint: baseUrl, overridden };
}

/** The envelope, or undefined when the body is not Cloudflare JSON (a proxy's HTML page). */
export function envelope<T>(body: unknown): CloudflareEnvelope<T> | undefined {
  return typeof body === 'object' && body !== null && 'success' in body ? (body as CloudflareEnvelope<T>) : undefined;
}

/** The envelope of an answer or of a refusal. */
export function envelopeOf<T>(outcome: CloudflareOutcome<T>): CloudflareEnvelope<T> | undefined {
  return envelope(outcome.ok ? outcome.data : outcome.body);
}

/** Cloudflare's first error as `code message`, for details and notes (never echoes credentials). */
export function firstError(outcome: CloudflareOutcome<unknown>): string {
  const error = envelopeOf(outcome)?.errors?.[0];
  return error ? `${error.code} ${String(error.message).slice(0, 160)}` : `HTTP ${outcome.status}`;
}
