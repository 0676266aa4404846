// A PlanetScale access name (service token access or OAuth scope) as grants. Names and meanings:
// https://planetscale.com/docs/api/reference/service-tokens and https://planetscale.com/docs/api/reference/oauth-access-scopes
// (read_* reads; delete_database(s) deletes databases; delete_production_branch deletes production
// branches; accesses that delete backups carry both "delete" and "backup" in their name).
import type { Grant, Unknown } from '../../core/types.js';

export function grantsOfAccess(access: string, target: string, evidence: string, principal: string): { grants: Grant[]; unknowns: Unknown[] } {
  const backups = target.endsWith('/*') ? target : `${target}/backups`;
  if (access.startsWith('read_'))
    return { grants: [{ action: 'read', resource: /backup/.test(access) ? backups : target, evidence, principal }], unknowns: [] };
  if (access.includes('delete') && access.includes('backup')) {
    return { grants: [{ action: 'destroy', resource: backups, operation: access, evidence, principal }], unknowns: [] };
  }
  if (access === 'delete_database' || access === 'delete_databases' || access === 'delete_production_branch') {
    return {
      grants: [{ action: 'destroy', resource: target, operation: access, evidence, principal }],
      // No PlanetScale page says whether a database's backups outlive it: unknown, never assumed either way.
      unknowns: [
        {
          what: `whether ${access} also deletes the backups of ${target}`,
          reason: "PlanetScale's documentation does not say what happens to a database's backups when it is deleted",
          upTo: 'destroy',
          resources: [backups],
          settle: 'PlanetScale support, or a backup kept outside PlanetScale',
        },
      ],
    };
  }
  if (access.startsWith('delete_') || access.startsWith('restore_')) {
    return {
      grants: [],
      unknowns: [
        {
          what: `what access ${access} can destroy on ${target}`,
          reason: 'an access name not mapped by this version',
          upTo: 'destroy',
          resources: [target],
          settle: 'https://planetscale.com/docs/api/reference/service-tokens',
        },
      ],
    };
  }
  return { grants: [{ action: 'write', resource: target, operation: access, evidence, principal }], unknowns: [] };
}
