// What a Heroku token can see, and its own scope, with GETs only:
//   GET /oauth/authorizations (the token's own authorization, found by comparing tokens in memory),
//   GET /apps and GET /addons (one Range page of up to 1000 each).
// https://devcenter.heroku.com/articles/platform-api-reference
import type { RestApi } from '../rest.js';
import { hasMore } from './client.js';
import type { AddOn, App, Authorization, Inventory, ScopeReading } from './model.js';

// One page of up to 1000 items, the most Heroku sends (#ranges).
const RANGE = { headers: { range: 'id ..; max=1000' } };

/**
 * The token's scope, read from the user's own list of OAuth authorizations: the entry whose access
 * token is this token. The list carries the other authorizations' tokens too; they are compared in
 * memory and dropped, never copied into a result. A token absent from the list (the Dashboard's
 * account API key, another user's) or a list that does not answer leaves the scope unknown.
 */
export async function readOwnScope(api: RestApi, secret: string): Promise<ScopeReading> {
  const answer = await api.get<Authorization[]>('/oauth/authorizations', RANGE);
  if (!answer.ok) return { unread: `the token's authorization could not be read (${answer.reason})` };
  if (!Array.isArray(answer.data)) return { unread: 'Heroku answered GET /oauth/authorizations without a list' };
  const own = answer.data.find((a) => sameToken(a.access_token?.token, secret));
  if (!own)
    return {
      unread: `the token is not one of the ${answer.data.length} OAuth authorizations Heroku listed (the Dashboard's account API key is not listed there)`,
    };
  return {
    scopes: Array.isArray(own.scope) ? own.scope.filter((s) => typeof s === 'string') : [],
    authorizationId: own.id,
    ...(own.description ? { description: own.description } : {}),
    ...(own.client?.name ? { client: own.client.name } : {}),
  };
}

/** `HRKU-` is a prefix on the same token (https://devcenter.heroku.com/articles/oauth): compared without it. */
function sameToken(listed: string | null | undefined, secret: string): boolean {
  if (typeof listed !== 'string' || listed.length === 0) return false;
  const bare = (t: string) => t.replace(/^HRKU-/, '');
  return bare(listed) === bare(secret);
}

export async function listInventory(api: RestApi): Promise<Inventory> {
  const inventory: Inventory = { apps: [], addons: [], unknowns: [], notes: [] };
  inventory.apps = await listPage<App>(api, '/apps', 'apps', 'which apps', inventory, (a) => typeof a.id === 'string' && typeof a.name === 'string');
  inventory.addons = await listPage<AddOn>(
    api,
    '/addons',
    'add-ons',
    'which add-ons (databases)',
    inventory,
    (a) => typeof a.id === 'string' && typeof a.name === 'string' && typeof a.app?.name === 'string',
  );
  return inventory;
}

/**
 * One Range page of a listing, the well-formed items kept. What it could not list (no answer, a
 * page past the first) is an unknown up to destroy over the account: those could be production.
 */
async function listPage<T>(api: RestApi, path: string, items: string, which: string, inventory: Inventory, keep: (item: T) => boolean): Promise<T[]> {
  const answer = await api.get<T[]>(path, RANGE);
  const unknown = { upTo: 'destroy' as const, resources: ['heroku:*'] };
  if (!answer.ok || !Array.isArray(answer.data)) {
    const reason = answer.ok ? `Heroku answered GET ${path} without a list` : answer.reason;
    inventory.unknowns.push({ what: `${which} this token can reach`, reason, ...unknown, settle: `GET ${path}` });
    return [];
  }
  if (hasMore(answer))
    inventory.unknowns.push({
      what: `${items} past the first 1000`,
      reason: 'Heroku sent Next-Range',
      ...unknown,
      settle: `GET ${path} with the Next-Range value as Range`,
    });
  return answer.data.filter(keep);
}
