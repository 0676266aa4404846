// Heroku Platform API v3 (https://devcenter.heroku.com/articles/platform-api-reference): every request
// carries `Accept: application/vnd.heroku+json; version=3`; errors come as `{"id", "message"}`
// (#error-responses); a ranged list with more items answers 206 Partial Content with Next-Range (#ranges).
import type { Outcome } from '../outcome.js';
import { restApi, type RestApi } from '../rest.js';
import type { ProviderContext } from '../types.js';

/**
 * The Platform API of one token, on the shared REST client: GET only. `invalid` only for the
 * documented refusal, HTTP 401 with `{"id": "unauthorized"}` (a request whose token is missing,
 * invalid or expired); another 401 (a proxy's page, another id) is `error`. Reasons read
 * `Heroku GET <path>: HTTP <status> <id>`.
 */
export function herokuApi(baseUrl: string, secret: string, ctx: ProviderContext): RestApi {
  return restApi(
    {
      baseUrl,
      headers: { accept: 'application/vnd.heroku+json; version=3', authorization: `Bearer ${secret}` },
      secrets: [secret],
      label: 'Heroku GET',
      dataStatuses: [200, 206],
      read: ({ status, body, what }) => {
        if (status === 200 || status === 206) return undefined;
        if (body === undefined) return { kind: 'error', reason: `${what}: HTTP ${status} with a body that is not JSON` };
        const id = errorId(body);
        return { kind: status === 401 && id === 'unauthorized' ? 'invalid' : 'error', reason: `${what}: HTTP ${status}${id ? ` ${id}` : ''}`, code: id };
      },
    },
    ctx,
  );
}

/** The list has more items than this page: Heroku sent Next-Range. */
export function hasMore(answer: Outcome<unknown>): boolean {
  return answer.ok && Boolean(answer.headers.get('next-range'));
}

/**
 * Heroku answered 403 with its error body: the token authenticated, and lacks the permission for
 * this one read (a scoped authorization). A fact about the token's scope, not a failed call.
 */
export function lacksPermission(answer: Outcome<unknown>): boolean {
  return !answer.ok && answer.status === 403 && answer.body !== undefined;
}

function errorId(body: unknown): string | undefined {
  const id = (body as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}
