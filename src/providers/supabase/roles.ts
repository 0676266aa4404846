// A classic personal access token carries its user's role on every organization and project
// (https://supabase.com/docs/guides/platform/personal-access-tokens). What each role may do:
// https://supabase.com/docs/guides/platform/access-control (Project Management Delete: Owner and
// Administrator; Data Manage and backup Restore: Owner, Administrator and Developer; Read-Only views).
import type { Grant, Unknown } from '../../core/types.js';
import type { ProjectProbe } from './probes.js';

export interface Member {
  user_id: string;
  user_name?: string;
  email?: string;
  role_name: string;
  mfa_enabled?: boolean;
}

const DATA_ROLES = new Set(['Owner', 'Administrator', 'Developer']);

export function roleGrants(
  ref: string,
  org: string,
  member: Member | undefined,
  probe: ProjectProbe,
  principal: string,
): { grants: Grant[]; unknowns: Unknown[] } {
  const database = `supabase:${ref}/database`;
  if (!member) {
    return {
      grants: [],
      unknowns: [
        {
          what: `the role of this token's user in organization ${org}`,
          reason: 'the user is not in the organization members listing (project-scoped roles are not listed there)',
          upTo: 'admin',
          resources: [`supabase:${ref}`, database],
          settle: `GET /v1/organizations/${org}/members`,
        },
      ],
    };
  }
  const evidence = `classic personal access token: role ${member.role_name} in organization ${org}`;
  if (!DATA_ROLES.has(member.role_name)) {
    const known = member.role_name === 'Read-Only';
    return {
      grants: [{ action: 'read', resource: database, evidence, principal }],
      unknowns: known
        ? []
        : [
            {
              what: `what role ${member.role_name} may do`,
              reason: 'not a role of the access-control page',
              upTo: 'admin',
              resources: [`supabase:${ref}`, database],
              settle: 'https://supabase.com/docs/guides/platform/access-control',
            },
          ],
    };
  }
  const grants: Grant[] = [
    {
      action: 'destroy',
      resource: database,
      operation: 'v1-run-a-query',
      evidence: `${evidence} (Data: Manage): SQL through the Management API can drop any table`,
      principal,
    },
  ];
  if (probe.backups)
    grants.push({
      action: 'destroy',
      resource: database,
      operation: 'v1-restore-pitr-backup',
      evidence: `${evidence} (backups: Restore): a restore overwrites the data written since the restore point`,
      principal,
    });
  return { grants, unknowns: [] };
}
