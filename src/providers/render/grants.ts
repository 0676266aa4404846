import type { Grant, Unknown } from '../../core/types.js';
import { DELETE_DISK, DELETE_POSTGRES, DELETE_SERVICE, DISKS, POSTGRES_BACKUPS, RESTORE_SNAPSHOT, ROLES } from './docs.js';
import { diskId, postgresBackupsId, postgresId, serviceId, snapshotsId, workspacePattern, type WorkspaceView } from './model.js';

// A Render API key has no scopes: it acts with its user's role in each workspace
// (https://api-docs.render.com/reference/authentication). Roles (https://render.com/docs/team-members#member-roles):
// Admin has full access; Developer has access to the workspace's resources except in a protected
// environment, where only Admins perform destructive actions (https://render.com/docs/projects#protected-access);
// Workspace Viewer and Workspace Billing are read here; what Workspace Contributor may delete is
// not described on the pages read, so it is an unknown.
const READERS = new Set(['WORKSPACE_VIEWER', 'WORKSPACE_BILLING']);

export function renderGrants(ws: WorkspaceView, principal: string): { grants: Grant[]; unknowns: Unknown[] } {
  const grants: Grant[] = [];
  const unknowns: Unknown[] = [];
  const role = ws.role;
  if (!role) return { grants, unknowns };
  const name = ws.owner.name;
  const via = `${role} of workspace "${name}"`;
  const add = (g: Omit<Grant, 'principal'>) => grants.push({ ...g, principal });
  const destroys = (isProtected: boolean | undefined) => role === 'ADMIN' || (role === 'DEVELOPER' && isProtected === false);
  if (role !== 'ADMIN' && role !== 'DEVELOPER' && !READERS.has(role)) {
    unknowns.push({
      what: `what role ${role} may delete in workspace "${name}"`,
      reason: `${via}: a role whose destructive rights the Render pages read do not describe`,
      upTo: 'destroy',
      resources: [workspacePattern(name)],
      settle: ROLES,
    });
  }
  for (const db of ws.databases) {
    const id = postgresId(name, db.postgres.name);
    const backups = postgresBackupsId(name, db.postgres.name);
    add({ action: 'read', resource: id, operation: 'GET /v1/postgres', evidence: `${via}` });
    if (role === 'DEVELOPER' && db.protectedEnv === undefined && db.postgres.environmentId) {
      unknowns.push({
        what: `whether ${id} sits in a protected environment`,
        reason: 'its environment could not be read; a Developer may delete it unless the environment is protected',
        upTo: 'destroy',
        resources: [id, backups],
        settle: `GET /v1/environments/${db.postgres.environmentId}`,
      });
      continue;
    }
    if (!destroys(db.protectedEnv)) continue;
    add({
      action: 'destroy',
      resource: id,
      operation: 'deletePostgres',
      evidence: `${via}: deleting the instance is irreversible and loses all its data (${DELETE_POSTGRES})`,
    });
    if (db.postgres.plan !== 'free') {
      unknowns.push({
        what: `whether deleting ${db.postgres.name} also deletes its point-in-time recovery history and exports`,
        reason: "the Render documentation read (PostgreSQL recovery and backups, API reference) does not say what becomes of a deleted instance's backups",
        upTo: 'destroy',
        resources: [backups],
        settle: POSTGRES_BACKUPS,
      });
    }
  }
  for (const s of ws.services) {
    const id = serviceId(name, s.service.name);
    add({ action: 'read', resource: id, operation: 'GET /v1/services', evidence: `${via}` });
    if (!destroys(s.protectedEnv)) {
      if (role === 'DEVELOPER' && s.protectedEnv === undefined && s.service.environmentId) {
        unknowns.push({
          what: `whether ${id} sits in a protected environment`,
          reason: 'its environment could not be read; a Developer may delete it unless the environment is protected',
          upTo: 'destroy',
          resources: [`${id}*`],
          settle: `GET /v1/environments/${s.service.environmentId}`,
        });
      }
      continue;
    }
    add({ action: 'destroy', resource: id, operation: 'deleteService', evidence: `${via} (${DELETE_SERVICE})` });
    if (!s.disk) continue;
    const disk = diskId(name, s.service.name);
    add({ action: 'destroy', resource: disk, operation: 'deleteDisk', evidence: `${via} (${DELETE_DISK})` });
    add({
      action: 'destroy',
      resource: disk,
      operation: 'restoreSnapshot',
      evidence: `${via}: restoring a snapshot is irreversible and overwrites the current disk data (${RESTORE_SNAPSHOT})`,
    });
    unknowns.push({
      what: `whether deleting the disk of ${s.service.name} (or the service) also deletes its snapshots`,
      reason: "the Render documentation read (persistent disks, API reference) does not say what becomes of a deleted disk's snapshots",
      upTo: 'destroy',
      resources: [snapshotsId(name, s.service.name)],
      settle: DISKS,
    });
  }
  return { grants, unknowns };
}
