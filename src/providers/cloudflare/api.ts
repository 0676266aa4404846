import { httpRequest, type HttpResponse } from '../http.js';
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

export interface CloudflareApi {
  baseUrl: string;
  overridden: boolean;
  secrets: readonly string[];
  get(path: string): Promise<HttpResponse>;
}

/** Bearer for API tokens; X-Auth-Email + X-Auth-Key for the legacy global API key. */
export function cloudflareApi(baseUrl: string, overridden: boolean, auth: { token: string } | { key: string; email: string }, ctx: ProviderContext): CloudflareApi {
  const headers: Record<string, string> = { accept: 'application/json' };
  if ('token' in auth) headers.authorization = `Bearer ${auth.token}`;
  else Object.assign(headers, { 'x-auth-email': auth.email, 'x-auth-key': auth.key });
  const secrets = 'token' in auth ? [auth.token] : [auth.key];
  return { baseUrl, overridden, secrets, get: (path) => httpRequest({ url: `${baseUrl}/client/v4${path}`, headers, secrets }, ctx) };
}

/** The envelope, or undefined when the body is not Cloudflare JSON (a proxy's HTML page). */
export function envelope<T>(response: HttpResponse): CloudflareEnvelope<T> | undefined {
  try {
    const body = JSON.parse(response.text) as CloudflareEnvelope<T>;
    return typeof body === 'object' && body !== null && 'success' in body ? body : undefined;
  } catch {
    return undefined;
  }
}

/** Cloudflare's first error as `code message`, for details and notes (never echoes credentials). */
export function firstError(response: HttpResponse): string {
  const error = envelope(response)?.errors?.[0];
  return error ? `${error.code} ${String(error.message).slice(0, 160)}` : `HTTP ${response.status}`;
}
