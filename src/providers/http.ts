import { scrub } from '../core/secret.js';
import { toolVersion } from '../version.js';
import { assertReadOnlyRequest, ReadOnlyViolation } from './read-only.js';
import type { ProviderContext } from './types.js';

/** A provider call that failed. `invalid` only for a definitive rejection; everything else is `error` (unknown). */
export class ProviderCallError extends Error {
  constructor(
    readonly kind: 'invalid' | 'error',
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  body?: string;
  /** Secrets to scrub from any error message (the token and its parts). */
  secrets: readonly string[];
  /** The URL is a GraphQL endpoint (default: its path has a `graphql` segment): a POST is allowed when its body holds only queries (src/providers/read-only.ts). */
  graphql?: boolean;
  /** Asked about a retryable answer (429/5xx) with its body: true returns it instead of retrying (OpenAI's 429 insufficient_quota). */
  isFinal?: (status: number, text: string) => boolean;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * The API base URL for a provider: CLI flag / user config first, then
 * BLASTRADIUS_<PROVIDER>_API_URL from the process environment, then the provider's default.
 */
export function apiBaseUrl(providerId: string, ctx: ProviderContext, defaultUrl: string): { url: string; overridden: boolean } {
  const envKey = `BLASTRADIUS_${providerId.toUpperCase().replace(/-/g, '_')}_API_URL`;
  const override = ctx.apiUrls[providerId] ?? ctx.env[envKey];
  return override ? { url: override.replace(/\/+$/, ''), overridden: true } : { url: defaultUrl, overridden: false };
}

/** `blastradius/<version>`: sent with every provider request, so a provider's logs name who asked. */
export function userAgent(): string {
  return `blastradius/${toolVersion()}`;
}

/**
 * The one door to the network for HTTP providers (httpRequest, and GitHub's Octokit through its
 * fetch): refuses anything but a read before sending (src/providers/read-only.ts), sends our user
 * agent whatever the caller set, never follows a redirect (it would carry the credential to
 * another host), and times out headers and body alike. Throws ReadOnlyViolation or fetch's errors.
 */
export function readOnlyFetch(
  url: string | URL,
  init: RequestInit & { method?: string; body?: string | null; graphql?: boolean },
  timeoutMs: number,
): Promise<Response> {
  const { graphql, ...rest } = init;
  const method = (rest.method ?? 'GET').toUpperCase();
  assertReadOnlyRequest(method, rest.body ?? undefined, method === 'POST' && (graphql ?? /\/graphql(\/|$)/i.test(new URL(url).pathname)));
  const headers = new Headers(rest.headers);
  headers.set('user-agent', userAgent());
  return fetch(url, { ...rest, method, headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
}

/**
 * One HTTP call with a per-attempt timeout, bounded retries on 429/5xx honouring Retry-After,
 * a body size cap, and error messages scrubbed of the secrets. Returns any non-retryable response
 * for the caller to classify; throws ProviderCallError('error') when the provider did not answer,
 * or before sending anything when the request is not a read.
 */
export async function httpRequest(request: HttpRequest, ctx: ProviderContext): Promise<HttpResponse> {
  const clean = (text: string) => scrub(text, request.secrets);
  const where = clean(safeOrigin(request.url));
  for (let attempt = 0; ; attempt++) {
    // Verification's bounds (per host, the provider's rate limit) hold for the attempt, not the wait after it.
    const release = await ctx.requestGate?.(request.url);
    let answer: Awaited<ReturnType<typeof attemptOnce>>;
    try {
      answer = await attemptOnce(request, ctx, attempt, where, clean);
    } finally {
      release?.();
    }
    if (answer.response) return answer.response;
    await sleep(answer.retryInMs);
  }
}

/** One attempt: the response to return, or how long to wait before the next (the caller holds the request's slot only during the attempt). */
async function attemptOnce(
  request: HttpRequest,
  ctx: ProviderContext,
  attempt: number,
  where: string,
  clean: (text: string) => string,
): Promise<{ response: HttpResponse; retryInMs?: undefined } | { response?: undefined; retryInMs: number }> {
  let response: Response;
  try {
    response = await readOnlyFetch(
      request.url,
      { method: request.method ?? 'GET', headers: request.headers, body: request.body, graphql: request.graphql },
      ctx.timeoutMs,
    );
  } catch (error) {
    if (error instanceof ReadOnlyViolation) throw new ProviderCallError('error', clean(`${where}: ${error.message}`));
    const reason = networkReason(error, ctx.timeoutMs);
    if (attempt < ctx.retries && !reason.startsWith('timed out')) return { retryInMs: backoff(attempt) };
    throw new ProviderCallError('error', clean(`${where}: ${reason}`));
  }
  if (RETRYABLE.has(response.status)) {
    const wait = retryAfterMs(response.headers.get('retry-after')) ?? backoff(attempt);
    if (request.isFinal) {
      const text = await readCapped(response)
        .then((bytes) => Buffer.from(bytes).toString('utf8'))
        .catch(() => '');
      if (request.isFinal(response.status, text)) return { response: { status: response.status, headers: response.headers, text } };
    } else {
      await response.body?.cancel().catch(() => undefined);
    }
    if (attempt >= ctx.retries)
      throw new ProviderCallError('error', clean(`${where}: HTTP ${response.status} after ${attempt + 1} attempt(s)`), response.status);
    if (wait > ctx.maxRetryWaitMs) {
      throw new ProviderCallError(
        'error',
        clean(`${where}: HTTP ${response.status}, Retry-After ${Math.round(wait / 1000)}s exceeds the wait budget`),
        response.status,
      );
    }
    ctx.log(`${where}: HTTP ${response.status}, retrying in ${wait} ms`);
    return { retryInMs: wait };
  }
  const text = await readCapped(response)
    .then((bytes) => Buffer.from(bytes).toString('utf8'))
    .catch((error: unknown) => {
      throw new ProviderCallError('error', clean(`${where}: ${networkReason(error, ctx.timeoutMs)} while reading the response`));
    });
  return { response: { status: response.status, headers: response.headers, text } };
}

/** Parses JSON from a response, or throws an `error` naming what came back instead. */
export function parseJson<T>(response: HttpResponse, what: string, secrets: readonly string[]): T {
  try {
    return JSON.parse(response.text) as T;
  } catch {
    throw new ProviderCallError('error', scrub(`${what}: HTTP ${response.status} with a body that is not JSON`, secrets), response.status);
  }
}

/** Reads the body up to a cap; the request's timeout signal also aborts a body that never ends. */
export async function readCapped(response: Response): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new Error(`response larger than ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function networkReason(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `timed out after ${timeoutMs} ms`;
  const code = e?.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'DNS lookup failed';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  if (code?.startsWith('ERR_TLS') || code?.startsWith('ERR_SSL') || code?.includes('CERT')) return `TLS failure (${code})`;
  return e?.cause?.message ?? e?.message ?? 'network failure';
}

/** Retry-After as seconds or an HTTP date → milliseconds. */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function backoff(attempt: number): number {
  return Math.min(200 * 2 ** attempt, 2000);
}

function safeOrigin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return 'invalid URL';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
