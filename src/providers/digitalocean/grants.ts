import type { Grant, Unknown } from '../../core/types.js';
import type { Inventory } from './inventory.js';
import { describeOperations } from './operations.js';

// Scopes: https://docs.digitalocean.com/reference/api/scopes/ — no API call returns a token's own
// scopes (the public API, github.com/digitalocean/openapi, has no token resource, and the OAuth API
// at https://docs.digitalocean.com/reference/api/oauth/ offers authorize, token, refresh and revoke
// only). A non-read scope needs the read scope of its resource type
// (https://docs.digitalocean.com/reference/api/scopes/snapshot/delete/, "Required Scopes"): a 403
// on a listing proves the token cannot delete that kind either.

const SETTLE = "the token's scopes in the DigitalOcean control panel (API → Tokens); no read-only API call returns them";

/**
 * Only what the answers prove: a read grant per listing that answered 200. What the token may
 * create, update or delete is not readable, so it is one unknown: up to `admin` over the account
 * when nothing narrowed the token (a Full Access token and a Read Only one look the same), up to
 * `destroy` over the kinds it can read when 403s prove custom scopes (a delete needs the read).
 */
export function digitaloceanGrants(
  kind: 'personal' | 'oauth',
  inventory: Inventory,
  customScopes: boolean,
  account: string,
  principal: string,
): { grants: Grant[]; unknowns: Unknown[] } {
  const grants: Grant[] = inventory.readable.map((k) => ({
    action: 'read' as const,
    resource: `digitalocean:${k}/*`,
    evidence: `GET /v2/${k}s answered 200`,
    operation: `${k}:read`,
    principal,
  }));
  const seen = inventory.readable.map((k) => `digitalocean:${k}/*`);
  const deletes = describeOperations(inventory.readable);
  if (!customScopes) {
    const who = kind === 'oauth' ? 'an OAuth token (scope read, or read write)' : 'a personal access token (Read Only, or Full Access)';
    return {
      grants,
      unknowns: [
        {
          what: 'whether this token can create, update and delete (full access) or only read',
          reason: `${who} that reads every listing asked: DigitalOcean does not expose a token's scopes, and only a write would tell, which is never sent. Full access would allow ${deletes || 'every delete'}`,
          upTo: 'admin',
          resources: [account, ...seen],
          settle: SETTLE,
        },
      ],
    };
  }
  if (seen.length === 0) return { grants, unknowns: [] };
  return {
    grants,
    unknowns: [
      {
        what: `whether this token's custom scopes include the delete scopes of what it can read (${inventory.readable.join(', ')})`,
        reason: `custom scopes (proven by DigitalOcean's 403s) are not readable through the API; deletes it could hold: ${deletes}. Kinds it cannot read it cannot delete either: a delete scope needs its read scope`,
        upTo: 'destroy',
        resources: seen,
        settle: SETTLE,
      },
    ],
  };
}
