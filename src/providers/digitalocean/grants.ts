import type { Grant } from '../../core/types.js';
import type { Inventory, Kind } from './inventory.js';

const DELETE: Record<Kind, { operation: string; why: string }> = {
  droplet: { operation: 'DELETE /v2/droplets/{id}', why: 'destroying a Droplet destroys its backups with it' },
  volume: { operation: 'DELETE /v2/volumes/{id}', why: 'deletes the volume and its data' },
  database: { operation: 'DELETE /v2/databases/{uuid}', why: 'destroying a database cluster destroys its automated backups with it' },
  snapshot: { operation: 'DELETE /v2/snapshots/{id}', why: 'deletes the snapshot' },
};

/**
 * DigitalOcean does not tell a token its scopes. Legacy tokens are read-only or full access and
 * read everything; a 403 on a listing proves custom scopes. A personal access token that reads
 * everything is counted as full access (over-counting a read-only token is the
 * safe mistake), and that assumption is written into the evidence and the unknowns.
 */
export function digitaloceanGrants(kind: 'personal' | 'oauth', inventory: Inventory, customScopes: boolean, account: string, principal: string): { grants: Grant[]; assumedFullAccess: boolean } {
  const grants: Grant[] = inventory.readable.map((k) => ({ action: 'read' as const, resource: `digitalocean:${k}/*`, evidence: `GET /v2/${k}s answered 200`, operation: `${k}:read`, principal }));
  const assumedFullAccess = kind === 'personal' && !customScopes && inventory.readable.length > 0;
  if (!assumedFullAccess) return { grants, assumedFullAccess };
  const evidence = 'personal access token that reads every listing; DigitalOcean does not expose its scopes, so it is counted as a full-access token (assumed, not proven: a legacy read-only token looks the same)';
  grants.push({ action: 'admin', resource: account, evidence, operation: '*', principal });
  for (const k of Object.keys(DELETE) as Kind[]) {
    grants.push({ action: 'destroy', resource: `digitalocean:${k}/*`, evidence: `${evidence}; ${DELETE[k].why}`, operation: DELETE[k].operation, principal });
  }
  return { grants, assumedFullAccess };
}
