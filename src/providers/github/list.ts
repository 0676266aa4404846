import type { Outcome } from '../outcome.js';
import type { GitHubClient } from './client.js';
import { describeFailure, type Failure, UnexpectedResponse } from './failures.js';

export const PER_PAGE = 100;
/** 10 pages of 100: enough for nearly every token, and a server whose Link never ends cannot hold us. */
export const MAX_PAGES = 10;

/** One capped listing. `truncated`: GitHub had more pages than we read; `failure`: a later page failed. */
export interface Listing<T> {
  items: T[];
  pages: number;
  truncated: boolean;
  failure?: Failure;
  /** `all` or `selected`, for installation repository listings. */
  repositorySelection?: string;
  /** Response headers of the first page (x-oauth-scopes, x-github-sso, token expiration...). */
  headers: Record<string, string | number | undefined>;
}

type Page = { data: unknown; headers: Record<string, string | number | undefined> };

/**
 * Follows Link rel="next" with Octokit's paginator for at most `maxPages` pages. A failure on the
 * first page is thrown (the caller decides); a failure on a later page keeps what was read.
 */
export async function listCapped<T>(
  octokit: GitHubClient,
  route: string,
  params: Record<string, unknown>,
  secrets: readonly string[],
  maxPages = MAX_PAGES,
): Promise<Listing<T>> {
  const listing: Listing<T> = { items: [], pages: 0, truncated: false, headers: {} };
  const pages = octokit.paginate.iterator(route, { per_page: PER_PAGE, ...params }) as AsyncIterable<Page>;
  try {
    for await (const page of pages) {
      if (!Array.isArray(page.data)) throw new UnexpectedResponse(`${route} did not answer with a list`);
      if (listing.pages === 0) {
        listing.headers = page.headers;
        const selection = (page.data as { repository_selection?: unknown }).repository_selection;
        if (typeof selection === 'string') listing.repositorySelection = selection;
      }
      listing.items.push(...(page.data as T[]));
      listing.pages++;
      if (listing.pages >= maxPages) {
        listing.truncated = /rel="next"/.test(String(page.headers.link ?? ''));
        break;
      }
    }
  } catch (error) {
    if (listing.pages === 0) throw error;
    listing.failure = describeFailure(error, `${route} page ${listing.pages + 1}`, secrets);
  }
  return listing;
}

/** The outcome of an optional call: its data, or why there is none (the shared Outcome, src/providers/outcome.ts). */
export type Settled<T> = Outcome<T, unknown, Failure>;

export async function settle<T>(what: string, secrets: readonly string[], call: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, data: await call() };
  } catch (error) {
    return { ok: false, ...describeFailure(error, what, secrets) };
  }
}

export { mapLimit } from '../../core/concurrency.js';
