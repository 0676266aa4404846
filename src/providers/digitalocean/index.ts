// DigitalOcean API v2: https://docs.digitalocean.com/reference/api/
// Token scopes (not readable through the API): https://docs.digitalocean.com/reference/api/scopes/
// OAuth API (authorize, token, refresh, revoke; no introspection): https://docs.digitalocean.com/reference/api/oauth/
import { scrub } from '../../core/secret.js';
import type { Identity, Token, Unknown, VerificationResult } from '../../core/types.js';
import { apiBaseUrl } from '../http.js';
import { noAnswer } from '../outcome.js';
import { invalid, live, notAsked, unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { listDatabaseBackups } from './backups.js';
import { digitaloceanGrants } from './grants.js';
import { digitaloceanApi, listInventory } from './inventory.js';
import manifest from './manifest.js';

const DEFAULT_BASE = 'https://api.digitalocean.com';

interface Account {
  uuid: string;
  email?: string;
  name?: string;
  status?: string;
  status_message?: string;
  team?: { uuid: string; name?: string };
}

const digitalocean: Provider = {
  ...manifest,
  async verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
    const secret = token.secret.reveal();
    const secrets = [secret];
    if (secret.startsWith('dor_v1_')) return refreshToken();
    const { url, overridden } = apiBaseUrl('digitalocean', ctx, DEFAULT_BASE);
    const where = overridden ? ` (endpoint ${url})` : '';
    try {
      const answer = await digitaloceanApi(url, secret, ctx).get<{ account: Account }>('/v2/account');
      if (!answer.ok && noAnswer(answer)) return unknownError(answer.reason);
      if (answer.status === 401) return invalid(`DigitalOcean answered 401: unable to authenticate the token${where}`);
      if (answer.status !== 200 && answer.status !== 403) return unknownError(`DigitalOcean /v2/account answered HTTP ${answer.status}${where}`);
      // 403: custom scopes without account:read. The token authenticated; its account stays unknown.
      const account = answer.ok ? answer.data.account : undefined;
      const inventory = await listInventory(url, secret, ctx);
      const backupNotes = inventory.readable.includes('database') ? await listDatabaseBackups(url, secret, inventory.resources, ctx) : [];
      const kind = secret.startsWith('doo_v1_') ? 'oauth' : 'personal';
      const principal = account?.uuid ?? 'unknown (the token cannot read its account)';
      const accountResource = account?.team ? `digitalocean:team/${account.team.uuid}` : account ? `digitalocean:account/${account.uuid}` : 'digitalocean:*';
      const customScopes = !account || inventory.forbidden.length > 0;
      const { grants, unknowns: scopes } = digitaloceanGrants(kind, inventory, customScopes, accountResource, principal);
      const unknowns: Unknown[] = [...inventory.unknowns, ...scopes];
      const notes: string[] = inventory.forbidden.map(
        (f) =>
          `no ${f.scope} (DigitalOcean answered 403): the token has custom scopes, and no delete scope for ${f.kind}s (a delete scope needs its read scope)`,
      );
      if (!account) {
        notes.unshift('no account:read (DigitalOcean answered 403 to /v2/account): the token has custom scopes');
        unknowns.push({
          what: 'which account or team this token belongs to',
          reason: 'DigitalOcean answered 403 to /v2/account (no account:read scope)',
          upTo: 'none',
          settle: 'GET /v2/account with a token that has account:read',
        });
      }
      notes.push(...backupNotes);
      if (account?.status && account.status !== 'active') notes.push(`account status ${account.status}: ${account.status_message?.trim() || 'no message'}`);
      const identity: Identity = {
        principal,
        type:
          kind === 'oauth'
            ? 'OAuth token'
            : customScopes
              ? 'personal access token (custom scopes)'
              : 'personal access token (read only or full access: scopes not readable)',
        account: account?.team?.uuid ?? account?.uuid,
        displayName: account?.email,
        team: account?.team?.name,
        status: account?.status,
      };
      if (overridden) identity.endpoint = url;
      return live({ identity, grants, resources: inventory.resources, unknowns, notes });
    } catch (error) {
      // Only a bug gets here: the client reports every failed call as an outcome.
      return unknownError(scrub(`DigitalOcean verification failed: ${(error as Error)?.message ?? String(error)}`, secrets));
    }
  },
};

export default digitalocean;

// A refresh token only works at the OAuth token endpoint, with a POST that mints a new token: never sent.
function refreshToken(): VerificationResult {
  return notAsked(
    'a DigitalOcean OAuth refresh token (dor_v1_) cannot call the API; using it means minting a new access token with a POST, which is never sent: not asked',
    [
      {
        what: 'whether this refresh token is live, and the scope of the access tokens it can mint',
        reason: 'only the OAuth token endpoint answers for it, with a POST',
        upTo: 'admin',
        settle: 'not answerable read-only: revoke it (POST /v1/oauth/revoke) if it is not in use',
      },
    ],
  );
}
