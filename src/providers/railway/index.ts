// Railway public GraphQL API: https://docs.railway.com/integrations/api
// Token types: https://docs.railway.com/integrations/api#creating-a-token
// Backups die with their volume: https://docs.railway.com/volumes/backups#caveats
// 48-hour volume soft delete: https://docs.railway.com/volumes/reference#deletion-and-restoration
// Roles (who may delete volumes): https://docs.railway.com/projects/workspaces#inviting-members
// Rate limits: https://docs.railway.com/integrations/api#rate-limits
import { errorMessage } from '../../core/errors.js';
import { scrub } from '../../core/secret.js';
import type { Token, VerificationResult } from '../../core/types.js';
import { apiBaseUrl } from '../http.js';
import { invalid, live, unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { describeAccess } from './access.js';
import { RailwayClient } from './client.js';
import { identifyToken } from './identify.js';
import { collectInventory } from './inventory.js';
import manifest from './manifest.js';

export const RAILWAY_GRAPHQL_URL = 'https://backboard.railway.com/graphql/v2';

/**
 * The override may name the GraphQL endpoint itself or just an origin (`http://127.0.0.1:8080`),
 * in which case Railway's path is appended.
 */
export function railwayEndpoint(ctx: ProviderContext): { url: string; overridden: boolean } {
  const base = apiBaseUrl('railway', ctx, RAILWAY_GRAPHQL_URL);
  if (!base.overridden) return base;
  try {
    const url = new URL(base.url);
    if (url.pathname === '/' || url.pathname === '') url.pathname = '/graphql/v2';
    return { url: url.toString(), overridden: true };
  } catch {
    return base;
  }
}

async function verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
  const secret = token.secret.reveal();
  const endpoint = railwayEndpoint(ctx);
  const client = new RailwayClient(endpoint.url, secret, ctx);
  const via = endpoint.overridden ? ` (via ${endpoint.url})` : '';
  try {
    const identified = await identifyToken(client);
    if (!identified.ok) {
      return identified.kind === 'invalid' ? invalid(identified.reason + via) : unknownError(identified.reason + via);
    }
    const { token: tokenKind, unknowns } = identified.data;
    const inventory = await collectInventory(client, tokenKind);
    inventory.unknowns.unshift(...unknowns);
    const access = describeAccess(tokenKind, inventory, endpoint.overridden ? endpoint.url : undefined);
    return live(access);
  } catch (error) {
    // Only a bug gets here; it is still an answer ("unknown"), never a crash of the scan.
    return unknownError(scrub(`railway verification failed: ${errorMessage(error)}`, [secret]) + via);
  }
}

const railway: Provider = {
  ...manifest,
  verify,
};

export default railway;
