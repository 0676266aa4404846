import type { Grant, Unknown } from '../../core/types.js';
import {
  COMPLIANCE,
  CONTINUOUS_BACKUP,
  DELETE_CLUSTER_API,
  RESTORE,
  ROLES,
  SNAPSHOT_MANAGEMENT,
  TERMINATE,
  UPDATE_CLUSTER_API,
  UPDATE_SCHEDULE_API,
} from './docs.js';
import { projectPattern, type ClusterView, type ProjectView, type RoleAssignment } from './model.js';

// What each Atlas role lets an API key do to a project's clusters and their backups
// (https://www.mongodb.com/docs/atlas/reference/user-roles/). Organisation roles reach every
// project of the organisation: Organization Owner includes Project Owner access to all of them,
// Organization Read Only reads them all. Roles that read only are listed so that a role this
// table does not know is an unknown rather than silently nothing.
const OWNER = new Set(['GROUP_OWNER']);
const READ_ONLY = new Set([
  'GROUP_READ_ONLY',
  'GROUP_DATA_ACCESS_READ_ONLY',
  'GROUP_DATA_ACCESS_READ_WRITE',
  'GROUP_DATA_ACCESS_ADMIN',
  'GROUP_OBSERVABILITY_VIEWER',
  'GROUP_SEARCH_INDEX_EDITOR',
]);
const ORG_WITHOUT_PROJECT_ACCESS = new Set(['ORG_MEMBER', 'ORG_GROUP_CREATOR', 'ORG_BILLING_ADMIN', 'ORG_BILLING_READ_ONLY']);

/** The project roles that apply to one project: its own, plus what organisation roles imply. */
export function effectiveRoles(view: ProjectView, roles: readonly RoleAssignment[]): { role: string; via: string }[] {
  const out: { role: string; via: string }[] = [];
  for (const r of roles) {
    if (r.groupId === view.project.id) out.push({ role: r.roleName, via: `${r.roleName} on project "${view.project.name}"` });
    else if (r.orgId && r.orgId === view.project.orgId) {
      if (r.roleName === 'ORG_OWNER')
        out.push({ role: 'GROUP_OWNER', via: `ORG_OWNER of organisation "${view.orgName ?? r.orgId}" (Project Owner access to every project)` });
      else if (r.roleName === 'ORG_READ_ONLY') out.push({ role: 'GROUP_READ_ONLY', via: `ORG_READ_ONLY of organisation "${view.orgName ?? r.orgId}"` });
      else if (!ORG_WITHOUT_PROJECT_ACCESS.has(r.roleName)) out.push({ role: r.roleName, via: `${r.roleName} of organisation "${view.orgName ?? r.orgId}"` });
    }
  }
  return out;
}

/** Grants and unknowns for one project, from the key's effective roles there. */
export function projectGrants(view: ProjectView, roles: readonly { role: string; via: string }[], principal: string): { grants: Grant[]; unknowns: Unknown[] } {
  const grants: Grant[] = [];
  const unknowns: Unknown[] = [];
  const locked = view.compliance !== undefined;
  const add = (g: Omit<Grant, 'principal'>) => grants.push({ ...g, principal });
  for (const { role, via } of roles) {
    const evidence = (what: string, doc: string) => `${via}: ${what} (${doc})`;
    for (const c of view.clusters) {
      const hasBackups = c.cluster.backupEnabled === true;
      if (OWNER.has(role)) {
        add({
          action: 'destroy',
          resource: c.resourceId,
          operation: 'deleteCluster',
          evidence: evidence(
            `only a Project Owner may terminate a cluster, and terminating it deletes its snapshots unless the caller asks to keep them${locked ? '; a Backup Compliance Policy keeps them here' : ''}`,
            hasBackups ? TERMINATE : DELETE_CLUSTER_API,
          ),
        });
        add({
          action: 'write',
          resource: c.resourceId,
          operation: 'updateCluster.terminationProtectionEnabled',
          evidence: evidence('Project Owner may turn termination protection off', UPDATE_CLUSTER_API),
        });
        if (hasBackups) {
          add({
            action: 'destroy',
            resource: c.backupsId,
            operation: 'deleteClusterBackupSnapshot',
            evidence: evidence('Project Owner may delete snapshots', SNAPSHOT_MANAGEMENT),
          });
          add({
            action: 'destroy',
            resource: c.backupsId,
            operation: 'updateBackupSchedule',
            evidence: evidence(
              'may shorten retention of existing snapshots or delete them with their policy items (updateSnapshots, deleteSnapshots)',
              UPDATE_SCHEDULE_API,
            ),
          });
          add({
            action: 'destroy',
            resource: c.resourceId,
            operation: 'createBackupRestoreJob',
            evidence: evidence('a cluster-level restore deletes all existing data on the target cluster', RESTORE),
          });
        }
      } else if (role === 'GROUP_BACKUP_MANAGER') {
        if (!hasBackups) continue;
        add({
          action: 'destroy',
          resource: c.backupsId,
          operation: 'updateBackupSchedule',
          evidence: evidence(
            'Project Backup Manager manages backup policies: may shorten retention of existing snapshots or delete them (updateSnapshots, deleteSnapshots)',
            UPDATE_SCHEDULE_API,
          ),
        });
        add({
          action: 'destroy',
          resource: c.resourceId,
          operation: 'createBackupRestoreJob',
          evidence: evidence('Project Backup Manager restores data; a cluster-level restore deletes all existing data on the target cluster', RESTORE),
        });
      } else if (role === 'GROUP_CLUSTER_MANAGER' || role === 'GROUP_STREAM_PROCESSING_OWNER' || role === 'GROUP_DATABASE_ACCESS_ADMIN') {
        if (role !== 'GROUP_DATABASE_ACCESS_ADMIN') clusterManager(c, via, locked && view.compliance?.pitEnabled === true, locked, add, unknowns);
        else add({ action: 'read', resource: c.resourceId, operation: 'getCluster', evidence: evidence('reads the project', ROLES) });
        if (role !== 'GROUP_CLUSTER_MANAGER') {
          unknowns.push({
            what: `whether a database user created by this key can reach ${c.resourceId}`,
            reason: `${via} manages database users and their roles (a user allowed dropDatabase destroys the data); whether the cluster's IP access list lets it connect was not read`,
            upTo: 'destroy',
            resources: [c.resourceId],
            settle: 'GET /api/atlas/v2/groups/{groupId}/accessList',
          });
        }
      } else if (READ_ONLY.has(role)) {
        add({
          action: 'read',
          resource: c.resourceId,
          operation: 'getCluster',
          evidence: evidence('reads the project; data access roles work in the Atlas UI only, where an API key cannot log in', ROLES),
        });
        if (hasBackups)
          add({ action: 'read', resource: c.backupsId, operation: 'listBackupSnapshots', evidence: evidence('reads backup snapshots', SNAPSHOT_MANAGEMENT) });
      }
    }
    if (
      !OWNER.has(role) &&
      !READ_ONLY.has(role) &&
      !['GROUP_BACKUP_MANAGER', 'GROUP_CLUSTER_MANAGER', 'GROUP_STREAM_PROCESSING_OWNER', 'GROUP_DATABASE_ACCESS_ADMIN'].includes(role)
    ) {
      unknowns.push({
        what: `what role ${role} allows in project "${view.project.name}"`,
        reason: `${via}: a role this provider does not know`,
        upTo: 'admin',
        resources: [projectPattern(view.project.name)],
        settle: ROLES,
      });
    }
  }
  return { grants: dedupe(grants), unknowns };
}

/** Project Cluster Manager (and Stream Processing Owner): edit, pause and resume clusters, not terminate them. */
function clusterManager(
  c: ClusterView,
  via: string,
  pitRequired: boolean,
  locked: boolean,
  add: (g: Omit<Grant, 'principal'>) => void,
  unknowns: Unknown[],
): void {
  add({
    action: 'write',
    resource: c.resourceId,
    operation: 'updateCluster',
    evidence: `${via}: may edit, pause and resume clusters, not terminate them (${ROLES})`,
  });
  if (c.cluster.pitEnabled && !pitRequired) {
    add({
      action: 'destroy',
      resource: c.backupsId,
      operation: 'updateCluster.pitEnabled',
      evidence: `${via}: turning Continuous Cloud Backup off deletes the point-in-time (oplog) history (${CONTINUOUS_BACKUP})`,
    });
  }
  if (c.cluster.backupEnabled && !locked) {
    unknowns.push({
      what: `whether turning Cloud Backup off on ${c.resourceId} deletes its snapshots`,
      reason: `${via} may edit the cluster (backupEnabled); the Atlas documentation read does not say what happens to existing snapshots`,
      upTo: 'destroy',
      resources: [c.backupsId],
      settle: COMPLIANCE,
    });
  }
}

function dedupe(grants: Grant[]): Grant[] {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = `${g.action} ${g.resource} ${g.operation}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether the cluster's snapshots die with it: backups on and no Backup Compliance Policy in force. */
export function holdsBackups(view: ProjectView, c: ClusterView): boolean {
  return c.cluster.backupEnabled === true && view.compliance === undefined;
}
