// Heroku Platform API v3: https://devcenter.heroku.com/articles/platform-api-reference
// OAuth scopes and the HRKU- token prefix: https://devcenter.heroku.com/articles/oauth
import { scrub } from '../../core/secret.js';
import type { Identity, Resource, Token, VerificationResult } from '../../core/types.js';
import { apiBaseUrl } from '../http.js';
import { invalid, live, unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { herokuApi, lacksPermission } from './client.js';
import { CONTINUOUS_PROTECTION, PG_BACKUPS } from './docs.js';
import { herokuGrants } from './grants.js';
import { listInventory, readOwnScope } from './inventory.js';
import manifest from './manifest.js';
import { addonId, appId, backupsId, hasContinuousProtection, POSTGRES_SERVICE, type Account, type Inventory } from './model.js';

export const HEROKU_API_URL = 'https://api.heroku.com';

const heroku: Provider = {
  ...manifest,
  async verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
    const secret = token.secret.reveal();
    const { url, overridden } = apiBaseUrl('heroku', ctx, HEROKU_API_URL);
    const where = overridden ? ` at ${url}` : '';
    try {
      const api = herokuApi(url, secret, ctx);
      const me = await api.get<Account>('/account');
      if (!me.ok && me.kind === 'invalid') return invalid(`Heroku refused the token${where} (HTTP 401 unauthorized)`);
      // A 403 here is a token that authenticated without the scope to read its account: read on, the account unknown.
      if (!me.ok && !lacksPermission(me)) return unknownError(`${me.reason}${where}`);
      const account = me.ok && typeof me.data?.id === 'string' ? me.data : undefined;
      const scope = await readOwnScope(api, secret);
      const inventory = await listInventory(api);
      const principal = account?.email ?? account?.id ?? 'unknown (the token cannot read its account)';
      const { grants, unknowns } = herokuGrants(scope, account, inventory, principal);
      if (!account)
        unknowns.push({
          what: 'which account this token belongs to',
          reason: me.ok ? 'Heroku answered GET /account without an id' : me.reason,
          upTo: 'none',
          settle: 'GET /account',
        });
      const identity: Identity = {
        principal,
        type: 'scopes' in scope ? `oauth-authorization (${scope.scopes.join(', ') || 'no scope'})` : 'api-token (scope not readable)',
        account: account?.id,
        displayName: account?.name ?? undefined,
        ...('scopes' in scope ? { scopes: scope.scopes, authorization: scope.authorizationId, description: scope.description, client: scope.client } : {}),
        ...(overridden ? { endpoint: url } : {}),
      };
      const notes = [...inventory.notes];
      if ('unread' in scope) notes.push(`scope not read: ${scope.unread}`);
      const databases = inventory.addons.filter((a) => a.addon_service?.name === POSTGRES_SERVICE).length;
      return live({
        identity,
        grants,
        resources: resourcesOf(inventory),
        unknowns: [...inventory.unknowns, ...unknowns],
        notes,
        detail: `${identity.type} of ${principal}: ${inventory.apps.length} app(s), ${databases} Heroku Postgres database(s)`,
      });
    } catch (error) {
      return unknownError(scrub(`Heroku verification failed: ${(error as Error)?.message ?? String(error)}`, [secret]));
    }
  },
};

export default heroku;

function resourcesOf(inventory: Inventory): Resource[] {
  const out: Resource[] = inventory.apps.map((app) => ({
    id: appId(app.name),
    type: 'app',
    name: app.name,
    provider: 'heroku',
    attributes: { owner: app.owner?.email ?? null, team: app.team?.name ?? null, region: app.region?.name ?? null },
  }));
  for (const addon of inventory.addons) {
    const app = addon.app!.name!;
    const postgres = addon.addon_service?.name === POSTGRES_SERVICE;
    out.push({
      id: addonId(app, addon.name),
      type: postgres ? 'heroku-postgresql' : 'add-on',
      name: addon.name,
      provider: 'heroku',
      attributes: { app, service: addon.addon_service?.name ?? null, plan: addon.plan?.name ?? null, state: addon.state ?? null },
    });
    if (!postgres) continue;
    const continuous = hasContinuousProtection(addon.plan?.name);
    out.push({
      id: backupsId(app, addon.name),
      type: 'pg-backups',
      name: `${addon.name} backups`,
      provider: 'heroku',
      attributes: {
        app,
        database: addon.name,
        // PGBackups live behind the Heroku Postgres API, not the Platform API: their list is not read.
        pgBackups: null,
        continuousProtection: continuous ?? null,
        sources: [PG_BACKUPS, CONTINUOUS_PROTECTION],
      },
    });
  }
  return out;
}
