import { errorMessage } from '../../core/errors.js';
import { scrub } from '../../core/secret.js';
import type { CallFailure } from '../outcome.js';
import { isTransportStop } from './client.js';

/**
 * An Octokit failure in the shared outcome vocabulary (src/providers/outcome.ts): `invalid` only
 * when GitHub itself rejected the credentials (401), `error` for everything else.
 */
export interface Failure extends CallFailure {
  kind: 'invalid' | 'error';
  /** X-Accepted-GitHub-Permissions (fine-grained) or X-Accepted-OAuth-Scopes (classic) of the refusal. */
  accepted?: string;
}

interface RequestErrorLike {
  status: number;
  message: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

/** A response that is not what GitHub documents (HTML from a proxy, an object where a list belongs). */
export class UnexpectedResponse extends Error {}

function isRequestError(error: unknown): error is RequestErrorLike {
  return typeof (error as RequestErrorLike)?.status === 'number' && typeof (error as RequestErrorLike).message === 'string';
}

/** Classifies a failed call for `what` (e.g. "GET /user"); every message is scrubbed of the secrets. */
export function describeFailure(error: unknown, what: string, secrets: readonly string[]): Failure {
  const clean = (text: string) => scrub(`${what}: ${text}`, secrets);
  if (isTransportStop(error) || !isRequestError(error)) return { kind: 'error', reason: clean(errorMessage(error)) };
  const headers = error.response?.headers ?? {};
  const header = (name: string) => (headers[name] === undefined ? undefined : String(headers[name]));
  const message = shortMessage(error.message);
  const accepted = header('x-accepted-github-permissions') || header('x-accepted-oauth-scopes') || undefined;
  const status = error.status;
  if (status === 401) return { kind: 'invalid', status, reason: clean(`HTTP 401 ${message || 'Bad credentials'}`) };
  if ((status === 403 || status === 429) && header('x-ratelimit-remaining') === '0') {
    const reset = Number(header('x-ratelimit-reset'));
    const until = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString() : 'an unknown time';
    return { kind: 'error', status, reason: clean(`rate limited until ${until} (x-ratelimit-remaining: 0)`) };
  }
  if ((status === 403 || status === 429) && /secondary rate limit/i.test(message)) {
    const after = header('retry-after');
    return { kind: 'error', status, reason: clean(`secondary rate limit${after ? `, Retry-After ${after}s` : ''}`) };
  }
  if (status === 429) return { kind: 'error', status, reason: clean(`HTTP 429 rate limited`) };
  if (!error.response) return { kind: 'error', status, reason: clean(`no answer (${message || 'network failure'})`) };
  if (status >= 500) return { kind: 'error', status, reason: clean(`HTTP ${status} from GitHub`) };
  return { kind: 'error', status, accepted, reason: clean(`HTTP ${status}${message ? ` ${message}` : ''}${accepted ? ` (accepted: ${accepted})` : ''}`) };
}

/** GitHub error messages end in " - <documentation_url>"; the URL adds nothing to a report line. */
function shortMessage(message: string): string {
  return message
    .replace(/ - https?:\/\/\S+$/, '')
    .split('\n')[0]
    .slice(0, 200);
}
