// PlanetScale API: https://planetscale.com/docs/api/reference/getting-started-with-planetscale-api
// Service tokens ("Authorization: <SERVICE_TOKEN_ID>:<SERVICE_TOKEN>", per-database accesses):
// https://planetscale.com/docs/api/reference/service-tokens; OAuth token info (scopes, active):
// https://planetscale.com/docs/api/reference/oauth/token-info; deletion protection:
// https://planetscale.com/docs/security/deletion-protection
import { scrub } from '../../core/secret.js';
import type { Grant, Identity, Protection, Resource, Token, Unknown, VerificationResult } from '../../core/types.js';
import { apiBaseUrl, httpRequest, parseJson, ProviderCallError } from '../http.js';
import { decodedOffline, invalid, live, unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { grantsOfAccess } from './access.js';
import manifest from './manifest.js';

const DEFAULT_BASE = 'https://api.planetscale.com';

interface List<T> {
  data: T[];
}
interface Access {
  id: string;
  access: string;
  type?: string;
  resource?: { id: string; name: string; type: string };
}
interface Database {
  id: string;
  name: string;
  state?: string;
  deletion_protected?: boolean;
}

async function verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
  const secret = token.secret.reveal();
  const tokenId = token.extras?.tokenId?.reveal();
  const secrets = [secret];
  if (token.ruleId === 'planetscale.oauth-token') return oauthUnverified();
  if (!tokenId) {
    return decodedOffline({
      identity: { principal: 'unknown', type: 'service token' },
      detail: 'a PlanetScale service token is sent with its id ("<ID>:<TOKEN>"), and no id was found next to it: not asked',
      unknowns: [
        {
          what: 'whether this service token is live, and its accesses',
          reason: 'its service token id was not found near it',
          upTo: 'admin',
          settle: 'set PLANETSCALE_SERVICE_TOKEN_ID next to it, or check the token under Settings > Service tokens',
        },
      ],
    });
  }
  const { url, overridden } = apiBaseUrl('planetscale', ctx, DEFAULT_BASE);
  const where = overridden ? ` (endpoint ${url})` : '';
  const call = (path: string) =>
    httpRequest({ url: `${url}${path}`, headers: { authorization: `${tokenId}:${secret}`, accept: 'application/json' }, secrets }, ctx);
  const json = async <T>(path: string): Promise<{ status: number; body?: T }> => {
    const response = await call(path).catch((error: unknown) => (error instanceof ProviderCallError ? undefined : Promise.reject(error)));
    if (!response) return { status: 0 };
    return { status: response.status, body: response.status === 200 ? parseJson<T>(response, `PlanetScale ${path}`, secrets) : undefined };
  };
  try {
    const orgs = await call('/v1/organizations');
    if (orgs.status === 401) return invalid(`PlanetScale answered 401 Unauthorized${where}`);
    if (orgs.status !== 200) return unknownError(`PlanetScale answered HTTP ${orgs.status} to GET /v1/organizations${where}`);
    const organizations = parseJson<List<{ name: string }>>(orgs, 'PlanetScale /v1/organizations', secrets).data;
    const grants: Grant[] = [];
    const resources: Resource[] = [];
    const protections: Protection[] = [];
    const unknowns: Unknown[] = [];
    for (const { name: org } of organizations) {
      const dbs = await json<List<Database>>(`/v1/organizations/${encodeURIComponent(org)}/databases`);
      for (const db of dbs.body?.data ?? []) {
        const id = `planetscale:${org}/${db.name}`;
        resources.push({
          id,
          type: 'database',
          name: db.name,
          provider: 'planetscale',
          attributes: { state: db.state, deletionProtected: db.deletion_protected ?? false },
        });
        resources.push({ id: `${id}/backups`, type: 'backups', name: `${db.name} backups`, provider: 'planetscale' });
        if (db.deletion_protected) {
          protections.push({
            kind: 'deletion-protection',
            resource: id,
            blocks: ['delete_database', 'delete_databases'],
            description: 'Prevent database deletion is on: deletes are refused until an administrator turns it off',
            removableBy: ['write_database', 'write_databases'],
          });
        }
      }
      if (!dbs.body)
        unknowns.push({
          what: `the databases of organization ${org}`,
          reason: `GET …/databases answered ${dbs.status || 'nothing'}`,
          upTo: 'destroy',
          resources: [`planetscale:${org}/*`],
          settle: `GET /v1/organizations/${org}/databases`,
        });
      const access = await json<List<Access>>(`/v1/organizations/${encodeURIComponent(org)}/service-tokens/${encodeURIComponent(tokenId)}/access`);
      if (!access.body) {
        unknowns.push({
          what: `this service token's accesses in ${org}`,
          reason: `GET …/service-tokens/{id}/access answered ${access.status || 'nothing'}`,
          upTo: 'admin',
          resources: [`planetscale:${org}/*`],
          settle: `GET /v1/organizations/${org}/service-tokens/${tokenId}/access`,
        });
        continue;
      }
      for (const a of access.body.data) {
        const target = a.resource?.type === 'Database' ? `planetscale:${org}/${a.resource.name}` : `planetscale:${org}/*`;
        const mapped = grantsOfAccess(
          a.access,
          target,
          `service token access ${a.access}${a.resource ? ` on ${a.resource.type} ${a.resource.name}` : ''}`,
          tokenId,
        );
        grants.push(...mapped.grants);
        unknowns.push(...mapped.unknowns);
      }
    }
    const identity: Identity = { principal: `service-token:${tokenId}`, type: 'service token', account: organizations.map((o) => o.name).join(', ') };
    if (overridden) identity.endpoint = url;
    return live({ identity, grants, resources, protections, unknowns });
  } catch (error) {
    if (error instanceof ProviderCallError) return unknownError(error.message);
    return unknownError(scrub(`PlanetScale verification failed: ${(error as Error)?.message ?? String(error)}`, secrets));
  }
}

// OAuth tokens answer at auth.planetscale.com (another host than the API): not asked yet.
function oauthUnverified(): VerificationResult {
  return decodedOffline({
    identity: { principal: 'unknown', type: 'OAuth access token' },
    detail: 'PlanetScale OAuth tokens are checked at https://auth.planetscale.com/oauth/token/info, which this version does not call: not asked',
    unknowns: [
      {
        what: 'whether this OAuth token is active, and its scopes',
        reason: 'token info is not read yet',
        upTo: 'admin',
        settle: 'GET https://auth.planetscale.com/oauth/token/info',
      },
    ],
  });
}

const planetscale: Provider = { ...manifest, verify };

export default planetscale;
