// MongoDB Atlas Administration API v2: https://www.mongodb.com/docs/api/doc/atlas-admin-api-v2/
// Authentication (API keys: HTTP Digest; service accounts: OAuth 2.0 client credentials):
// https://www.mongodb.com/docs/atlas/api/api-authentication/
import { scrub } from '../../core/secret.js';
import type { Identity, Token, VerificationResult } from '../../core/types.js';
import { apiBaseUrl } from '../http.js';
import { invalid, live, unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { describeAccess } from './access.js';
import { AtlasClient } from './client.js';
import { SERVICE_ACCOUNT_TOKEN } from './docs.js';
import { listInventory } from './inventory.js';
import manifest from './manifest.js';
import type { SystemStatus } from './model.js';

export const ATLAS_API_URL = 'https://cloud.mongodb.com';

const atlas: Provider = {
  ...manifest,
  async verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
    if (token.ruleId === 'atlas.service-account') return serviceAccount(token);
    const privateKey = token.secret.reveal();
    const publicKey = token.extras?.publicKey?.reveal();
    if (!publicKey)
      return notAsked(
        'the public key (the Digest username) was not found next to this private key',
        'the public key of this API key, set next to the private key (e.g. MONGODB_ATLAS_PUBLIC_KEY)',
      );
    const { url, overridden } = apiBaseUrl('atlas', ctx, ATLAS_API_URL);
    const where = overridden ? ` at ${url}` : '';
    try {
      const client = new AtlasClient(url, publicKey, privateKey, ctx);
      const status = await client.get<SystemStatus>('/api/atlas/v2', '2023-01-01');
      if (!status.ok && status.kind === 'invalid')
        return invalid(`Atlas refused the API key${where} (HTTP 401 to a Digest answer${status.code ? `, ${status.code}` : ''})`);
      if (!status.ok) return unknownError(`${status.reason}${where}`);
      const roles = (status.data.apiKey?.roles ?? []).filter((r) => typeof r.roleName === 'string');
      const identity: Identity = {
        principal: publicKey,
        type: 'programmatic-api-key',
        account: [...new Set(roles.map((r) => r.orgId).filter(Boolean))].join(',') || undefined,
        roles: roles.map((r) => `${r.roleName}${r.orgId ? ` (org ${r.orgId})` : r.groupId ? ` (project ${r.groupId})` : ''}`),
        ...(overridden ? { endpoint: url } : {}),
      };
      const inventory = await listInventory(client);
      const report = describeAccess(identity, roles, inventory);
      if (!status.data.apiKey) {
        report.unknowns.push({
          what: 'the roles of this API key',
          reason: 'Atlas answered GET /api/atlas/v2 without the apiKey meta data',
          upTo: 'admin',
          settle: 'GET /api/atlas/v2',
        });
      }
      const clusters = inventory.projects.reduce((n, p) => n + p.clusters.length, 0);
      return live({
        identity,
        ...report,
        detail: `API key ${publicKey} with ${roles.map((r) => r.roleName).join(', ') || 'no role'}: ${inventory.projects.length} project(s), ${clusters} cluster(s)`,
      });
    } catch (error) {
      return unknownError(scrub(`Atlas verification failed: ${(error as Error)?.message ?? String(error)}`, [privateKey]));
    }
  },
};

export default atlas;

/**
 * A service account is not asked. Using its client id and secret means POST /api/oauth/token,
 * which mints a new access token (valid one hour) on the account: that creates state on the
 * provider, so it is not a read-only call. Its reach stays an unknown.
 */
function serviceAccount(token: Token): VerificationResult {
  const clientId = token.extras?.clientId?.reveal();
  return notAsked(
    `an Atlas service account${clientId ? ` (${clientId})` : ''}: checking it means minting an access token with a POST to /api/oauth/token, which is never sent`,
    `not answerable read-only: look up the service account's roles in the Atlas organisation (Access Manager → Applications), see ${SERVICE_ACCOUNT_TOKEN}`,
    clientId,
  );
}

function notAsked(why: string, settle: string, principal?: string): VerificationResult {
  return {
    status: 'unverified',
    detail: `not asked: ${why}`,
    identity: principal ? { principal, type: 'service-account' } : undefined,
    grants: [],
    resources: [],
    protections: [],
    unknowns: [{ what: 'whether this credential is live, and its organisation and project roles', reason: why, upTo: 'admin', settle }],
    notes: [],
  };
}
