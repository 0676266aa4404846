import { scrub } from '../../core/secret.js';
import { httpRequest, ProviderCallError, type HttpResponse } from '../http.js';
import type { ProviderContext } from '../types.js';
import { digestAuthorization, parseDigestChallenge, type DigestChallenge } from './digest.js';

/**
 * One GET's answer. `unauthorized`: Atlas answered 401 to a correctly computed Digest answer for
 * a fresh nonce (the key pair was refused); `forbidden`: 403 (a role, or the API access list);
 * `failed`: anything else that is not data, including no answer at all.
 */
export type AtlasAnswer<T> =
  | { ok: true; body: T }
  | { ok: false; kind: 'unauthorized' | 'forbidden' | 'notFound' | 'failed'; status?: number; errorCode?: string; message: string };

interface ApiError {
  error?: number;
  errorCode?: string;
  detail?: string;
  reason?: string;
}

/**
 * A read-only Atlas Administration API client bound to one programmatic API key. Only GET leaves
 * it. The first request goes out without credentials to receive the Digest challenge; later ones
 * answer the remembered nonce with an increasing nonce count, and a `stale=true` 401 is answered
 * again with the new nonce (a stale nonce says nothing about the key).
 */
export class AtlasClient {
  #challenge: DigestChallenge | undefined;
  #nc = 0;

  constructor(
    readonly baseUrl: string,
    private readonly publicKey: string,
    private readonly privateKey: string,
    private readonly ctx: ProviderContext,
  ) {}

  /** GET `path` (with query) asking for the API version `version` (Accept: application/vnd.atlas.<version>+json). */
  async get<T>(path: string, version: string): Promise<AtlasAnswer<T>> {
    const secrets = [this.privateKey];
    const what = `Atlas GET ${path.replace(/\?.*$/, '')}`;
    try {
      let answeredStale = false;
      for (;;) {
        const response = await this.#send(path, version);
        if (response.status !== 401) return this.#read<T>(response, what, secrets);
        const challenge = parseDigestChallenge(response.headers.get('www-authenticate'));
        const hadAnswered = response.answered;
        if (!challenge) return { ok: false, kind: 'failed', status: 401, message: `${what}: HTTP 401 without a Digest challenge Atlas documents` };
        this.#challenge = challenge;
        this.#nc = 0;
        // The unauthenticated first request, and a stale nonce, are answered once more; a refusal of a fresh answer is final.
        if (!hadAnswered || (challenge.stale && !answeredStale)) {
          answeredStale ||= hadAnswered;
          continue;
        }
        const error = parseError(response.text);
        return { ok: false, kind: 'unauthorized', status: 401, errorCode: error?.errorCode, message: scrub(`${what}: HTTP 401${error?.errorCode ? ` ${error.errorCode}` : ''} to a Digest answer`, secrets) };
      }
    } catch (error) {
      if (error instanceof ProviderCallError) return { ok: false, kind: 'failed', status: error.status, message: error.message };
      throw error;
    }
  }

  async #send(path: string, version: string): Promise<HttpResponse & { answered: boolean }> {
    const headers: Record<string, string> = { accept: `application/vnd.atlas.${version}+json`, 'user-agent': 'blastradius (read-only credential audit)' };
    const challenge = this.#challenge;
    if (challenge) {
      this.#nc += 1;
      // The digest covers the request-target as sent: the base URL's own path (a proxy prefix) plus this path.
      const target = new URL(`${this.baseUrl}${path}`);
      headers.authorization = digestAuthorization({ challenge, username: this.publicKey, password: this.privateKey, method: 'GET', uri: `${target.pathname}${target.search}`, nc: this.#nc });
    }
    const response = await httpRequest({ url: `${this.baseUrl}${path}`, headers, secrets: [this.privateKey] }, this.ctx);
    return { ...response, answered: challenge !== undefined };
  }

  #read<T>(response: HttpResponse, what: string, secrets: string[]): AtlasAnswer<T> {
    if (response.status === 200) {
      try {
        return { ok: true, body: JSON.parse(response.text) as T };
      } catch {
        return { ok: false, kind: 'failed', status: 200, message: `${what}: HTTP 200 with a body that is not JSON` };
      }
    }
    const error = parseError(response.text);
    const kind = response.status === 403 ? 'forbidden' : response.status === 404 ? 'notFound' : 'failed';
    const detail = error?.errorCode ? ` ${error.errorCode}` : '';
    return { ok: false, kind, status: response.status, errorCode: error?.errorCode, message: scrub(`${what}: HTTP ${response.status}${detail}`, secrets) };
  }
}

function parseError(text: string): ApiError | undefined {
  try {
    const body = JSON.parse(text) as ApiError;
    return typeof body === 'object' && body !== null ? body : undefined;
  } catch {
    return undefined;
  }
}
