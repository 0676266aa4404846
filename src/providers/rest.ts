import { scrub } from '../core/secret.js';
import { httpRequest, type HttpRequest, type HttpResponse } from './http.js';
import { failureOf, type CallFailure, type Outcome } from './outcome.js';
import type { ProviderContext } from './types.js';

/** A failure a provider's own parsing reads in an answer the default reading would take for another. */
export type Reading = Omit<CallFailure, 'status' | 'body'>;

/** Everything one provider's REST API needs besides the path: where, with which credential, and how its answers read. */
export interface RestProfile {
  /** Prepended to every path. */
  baseUrl: string;
  /** Sent with every call (the credential, `accept`). The user agent is the transport's. */
  headers: Record<string, string>;
  /** Scrubbed from every reason (the credential and its parts). */
  secrets: readonly string[];
  /** How reasons name a call: `<label> <path without its query>`; `GET` unless said. */
  label?: string;
  /** The provider's short description of a refusal body (an error type or message), put in brackets after the status. */
  detail?: (body: unknown) => string | undefined;
  /**
   * The provider's reading of an answer, where the default is wrong for it (HTTP 200 — or `dataStatuses` — is an answer,
   * 401 `invalid`, anything else `error`): the failure it reads there, or undefined for the default.
   */
  read?: (answer: { status: number; body: unknown; what: string }) => Reading | undefined;
  /** A 429/5xx answer to return for reading instead of retrying (see HttpRequest). */
  isFinal?: HttpRequest['isFinal'];
  /** The statuses whose answer is the data asked for (200 unless said: Heroku's ranged lists answer 206, one of Render's 201). */
  dataStatuses?: readonly number[];
}

export interface RestApi {
  readonly baseUrl: string;
  readonly secrets: readonly string[];
  /** GET `path` and read its JSON answer; never throws for the provider's sake. */
  get<T>(path: string, options?: { headers?: Record<string, string>; label?: string }): Promise<Outcome<T>>;
}

/** `Authorization: Bearer <secret>` and `accept: application/json`, what most REST APIs take. */
export function bearerHeaders(secret: string): Record<string, string> {
  return { authorization: `Bearer ${secret}`, accept: 'application/json' };
}

/** The REST client of one credential at one provider, on the shared transport (src/providers/http.ts). */
export function restApi(profile: RestProfile, ctx: ProviderContext): RestApi {
  const clean = (text: string) => scrub(text, profile.secrets);
  return {
    baseUrl: profile.baseUrl,
    secrets: profile.secrets,
    async get<T>(path: string, options: { headers?: Record<string, string>; label?: string } = {}): Promise<Outcome<T>> {
      const what = options.label ?? `${profile.label ?? 'GET'} ${path.split('?')[0]}`;
      let response: HttpResponse;
      try {
        const headers = { ...profile.headers, ...options.headers };
        response = await httpRequest({ url: `${profile.baseUrl}${path}`, method: 'GET', headers, secrets: profile.secrets, isFinal: profile.isFinal }, ctx);
      } catch (error) {
        return failureOf(error, what, profile.secrets);
      }
      let body: unknown;
      let json = true;
      try {
        body = JSON.parse(response.text);
      } catch {
        json = false;
      }
      const status = response.status;
      const reading = quietly(() => profile.read?.({ status, body, what }));
      if (reading) return { ok: false, ...reading, reason: clean(reading.reason), status, body };
      if ((profile.dataStatuses ?? [200]).includes(status)) {
        if (json) return { ok: true, data: body as T, status, headers: response.headers };
        // Not the provider's answer (a captive portal, a proxy page): no status, so every provider reads it as no answer.
        return { ok: false, kind: 'error', reason: clean(`${what}: HTTP ${status} with a body that is not JSON`) };
      }
      const detail = json ? quietly(() => profile.detail?.(body)) : undefined;
      return { ok: false, kind: status === 401 ? 'invalid' : 'error', reason: clean(`${what}: HTTP ${status}${detail ? ` (${detail})` : ''}`), status, body };
    },
  };
}

// A provider's parser meets bodies of any shape: one that trips on a body reads it the default way.
function quietly<T>(parse: () => T | undefined): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}
