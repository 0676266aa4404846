import { scrub } from '../../core/secret.js';
import { httpRequest, ProviderCallError, type HttpResponse } from '../http.js';
import { failureOf, type Outcome } from '../outcome.js';
import type { ProviderContext } from '../types.js';
import { digestAuthorization, parseDigestChallenge, type DigestChallenge } from './digest.js';

interface ApiError {
  error?: number;
  errorCode?: string;
  detail?: string;
  reason?: string;
}

/**
 * A read-only Atlas Administration API client bound to one programmatic API key, on the shared
 * transport (httpRequest) and outcome. Only GET leaves it. Not the shared REST client: HTTP Digest
 * needs the WWW-Authenticate header of each 401, which that client does not hand back.
 *
 * The first request goes out without credentials to receive the Digest challenge; later ones
 * answer the remembered nonce with an increasing nonce count, and a `stale=true` 401 is answered
 * again with the new nonce (a stale nonce says nothing about the key). A failure is `invalid` only
 * when Atlas answered 401 to a correctly computed Digest answer for a fresh nonce (the key pair was
 * refused); a 401 without a Digest challenge, a 403 (a role, or the API access list), a 404 and
 * anything else are `error`, with their status and Atlas's errorCode as `code`.
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
  async get<T>(path: string, version: string): Promise<Outcome<T>> {
    const secrets = [this.privateKey];
    const what = `Atlas GET ${path.replace(/\?.*$/, '')}`;
    try {
      let answeredStale = false;
      for (;;) {
        const response = await this.#send(path, version);
        if (response.status !== 401) return this.#read<T>(response, what, secrets);
        const challenge = parseDigestChallenge(response.headers.get('www-authenticate'));
        const hadAnswered = response.answered;
        const body = parseError(response.text);
        if (!challenge)
          return { ok: false, kind: 'error', reason: `${what}: HTTP 401 without a Digest challenge Atlas documents`, status: 401, code: body?.errorCode, body };
        this.#challenge = challenge;
        this.#nc = 0;
        // The unauthenticated first request, and a stale nonce, are answered once more; a refusal of a fresh answer is final.
        if (!hadAnswered || (challenge.stale && !answeredStale)) {
          answeredStale ||= hadAnswered;
          continue;
        }
        return {
          ok: false,
          kind: 'invalid',
          reason: scrub(`${what}: HTTP 401${body?.errorCode ? ` ${body.errorCode}` : ''} to a Digest answer`, secrets),
          status: 401,
          code: body?.errorCode,
          body,
        };
      }
    } catch (error) {
      if (error instanceof ProviderCallError) return failureOf(error, what, secrets);
      throw error;
    }
  }

  async #send(path: string, version: string): Promise<HttpResponse & { answered: boolean }> {
    const headers: Record<string, string> = { accept: `application/vnd.atlas.${version}+json` };
    const challenge = this.#challenge;
    if (challenge) {
      this.#nc += 1;
      // The digest covers the request-target as sent: the base URL's own path (a proxy prefix) plus this path.
      const target = new URL(`${this.baseUrl}${path}`);
      headers.authorization = digestAuthorization({
        challenge,
        username: this.publicKey,
        password: this.privateKey,
        method: 'GET',
        uri: `${target.pathname}${target.search}`,
        nc: this.#nc,
      });
    }
    const response = await httpRequest({ url: `${this.baseUrl}${path}`, headers, secrets: [this.privateKey] }, this.ctx);
    return { ...response, answered: challenge !== undefined };
  }

  #read<T>(response: HttpResponse, what: string, secrets: string[]): Outcome<T> {
    const { status, headers } = response;
    if (status === 200) {
      try {
        return { ok: true, data: JSON.parse(response.text) as T, status, headers };
      } catch {
        return { ok: false, kind: 'error', reason: `${what}: HTTP 200 with a body that is not JSON`, status };
      }
    }
    const body = parseError(response.text);
    const code = body?.errorCode;
    return { ok: false, kind: 'error', reason: scrub(`${what}: HTTP ${status}${code ? ` ${code}` : ''}`, secrets), status, code, body };
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
