import { readCapped, readOnlyFetch, userAgent } from '../http.js';
import { assertReadOnlyRequest } from '../read-only.js';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { scrub } from '../../core/secret.js';
import type { ProviderContext } from '../types.js';

const GitHubOctokit = Octokit.plugin(throttling, retry);
export type GitHubClient = InstanceType<typeof GitHubOctokit>;

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
// Rate limits belong to plugin-throttling (which honours Retry-After / x-ratelimit-reset within our
// budget); plugin-retry only repeats 5xx and network failures.
const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451];

/**
 * A call we stopped ourselves: timeout, redirect, foreign origin, non-GET.
 * Named AbortError because @octokit/request rethrows an AbortError as is instead of wrapping it in
 * a RequestError, so plugin-retry does not repeat it (a timeout times the retry count is too long).
 */
export class TransportStop extends Error {
  override name = 'AbortError';
  readonly transportStop = true;
}

export function isTransportStop(error: unknown): error is TransportStop {
  return (error as { transportStop?: unknown })?.transportStop === true;
}

/** An Octokit with throttling and retry tuned to the context's budget, that can only send GETs to `baseUrl`. */
export function createGitHubClient(baseUrl: string, secret: string, ctx: ProviderContext): GitHubClient {
  const secrets = [secret];
  const log = (message: string) => ctx.log(scrub(message, secrets));
  const allowRetry = (kind: string) => (retryAfterSeconds: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number) => {
    const waitMs = retryAfterSeconds * 1000;
    const call = `${options.method ?? 'GET'} ${options.url ?? ''}`;
    if (retryCount >= ctx.retries || waitMs > ctx.maxRetryWaitMs) {
      log(`GitHub ${kind} on ${call}: wait of ${retryAfterSeconds}s is over the budget, giving up`);
      return false;
    }
    log(`GitHub ${kind} on ${call}: retrying in ${retryAfterSeconds}s`);
    return true;
  };
  const octokit = new GitHubOctokit({
    auth: secret,
    baseUrl,
    userAgent: userAgent(),
    request: { fetch: boundedFetch(baseUrl, ctx) },
    log: { debug: () => undefined, info: () => undefined, warn: log, error: log },
    throttle: { onRateLimit: allowRetry('rate limit'), onSecondaryRateLimit: allowRetry('secondary rate limit') },
    retry: { retries: retriesWithinBudget(ctx), doNotRetry: DO_NOT_RETRY },
  });
  octokit.hook.before('request', (options) => {
    options.headers['x-github-api-version'] = '2022-11-28';
  });
  return octokit;
}

/**
 * plugin-retry waits (n+1)² seconds before retry n+1; keep only the retries whose wait fits
 * in the context's budget.
 */
function retriesWithinBudget(ctx: ProviderContext): number {
  let retries = 0;
  while (retries < ctx.retries && (retries + 1) ** 2 * 1000 <= ctx.maxRetryWaitMs) retries++;
  return retries;
}

/**
 * The shared read-only transport (src/providers/http.ts: GET/HEAD only, our user agent, a timeout
 * covering headers and body, no redirects) with a body cap, and a refusal to send to any origin
 * but the configured API (a Link header pointing elsewhere must not carry the token away).
 */
export function boundedFetch(baseUrl: string, ctx: ProviderContext): typeof fetch {
  const origin = new URL(baseUrl).origin;
  return async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    try {
      // The shared guard again below; here first so that a refusal is a stop Octokit does not retry.
      assertReadOnlyRequest(init?.method ?? 'GET', undefined);
    } catch (error) {
      throw new TransportStop((error as Error).message);
    }
    if (url.origin !== origin) throw new TransportStop(`refused to send the token to ${url.origin}, which is not the configured GitHub API`);
    try {
      const response = await readOnlyFetch(url, { ...init, body: init?.body as string | undefined }, ctx.timeoutMs);
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel().catch(() => undefined);
        throw new TransportStop(`${url.pathname} answered HTTP ${response.status} (redirect not followed, so the token stays with ${origin})`);
      }
      const body = NULL_BODY_STATUS.has(response.status) ? null : await readCappedBody(response);
      const buffered = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
      // Octokit's paginator reads response.url; a constructed Response has none of its own.
      Object.defineProperty(buffered, 'url', { value: response.url });
      return buffered;
    } catch (error) {
      if (isTransportStop(error)) throw error;
      const name = (error as { name?: string })?.name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new TransportStop(`${url.pathname} timed out after ${ctx.timeoutMs} ms`);
      throw error;
    }
  };
}

/** The shared capped reader (src/providers/http.ts), with its overflow as a transport stop. */
async function readCappedBody(response: Response): Promise<Uint8Array> {
  try {
    return await readCapped(response);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('response larger than')) throw new TransportStop(error.message);
    throw error;
  }
}
