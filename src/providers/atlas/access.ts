import type { Grant, Identity, Protection, Resource, Unknown } from '../../core/types.js';
import { COMPLIANCE, UPDATE_CLUSTER_API } from './docs.js';
import type { Inventory, ProjectView, RoleAssignment } from './model.js';
import { effectiveRoles, holdsBackups, projectGrants } from './roles.js';

export interface AccessReport {
  grants: Grant[];
  resources: Resource[];
  protections: Protection[];
  unknowns: Unknown[];
  notes: string[];
}

/** Grants, resources and protections from the key's roles over what it can see. */
export function describeAccess(identity: Identity, roles: readonly RoleAssignment[], inventory: Inventory): AccessReport {
  const report: AccessReport = { grants: [], resources: [], protections: [], unknowns: [...inventory.unknowns], notes: [...inventory.notes] };
  for (const view of inventory.projects) {
    const { grants, unknowns } = projectGrants(view, effectiveRoles(view, roles), identity.principal);
    report.grants.push(...grants);
    report.unknowns.push(...unknowns);
    report.resources.push(...resourcesOf(view));
    report.protections.push(...protectionsOf(view));
    if (view.complianceUnread)
      report.notes.push(`Backup Compliance Policy of project "${view.project.name}" not read (${view.complianceUnread}): counted as absent`);
    for (const c of view.clusters) {
      report.notes.push(...c.notes);
      if (!c.cluster.backupEnabled) report.notes.push(`${c.resourceId} has Cloud Backup off: no snapshots to restore from`);
    }
  }
  return report;
}

function resourcesOf(view: ProjectView): Resource[] {
  const project = { project: view.project.name, organisation: view.orgName ?? view.project.orgId ?? null };
  return view.clusters.flatMap((c) => {
    const cluster: Resource = {
      id: c.resourceId,
      type: 'cluster',
      name: c.cluster.name,
      provider: 'atlas',
      ...(holdsBackups(view, c) ? { holdsBackups: true } : {}),
      attributes: {
        ...project,
        state: c.cluster.stateName ?? null,
        clusterType: c.cluster.clusterType ?? null,
        backupEnabled: c.cluster.backupEnabled ?? null,
        continuousBackup: c.cluster.pitEnabled ?? null,
        terminationProtection: c.cluster.terminationProtectionEnabled ?? null,
        backupCompliancePolicy: view.compliance !== undefined,
      },
    };
    if (!c.cluster.backupEnabled) return [cluster];
    const backups: Resource = {
      id: c.backupsId,
      type: 'cloud-backup',
      name: `${c.cluster.name} cloud backups`,
      provider: 'atlas',
      attributes: {
        ...project,
        cluster: c.cluster.name,
        snapshots: c.snapshots?.count ?? null,
        latestSnapshotAt: c.snapshots?.latestAt ?? null,
        retention: c.retention ?? null,
        pointInTimeRestoreDays: c.cluster.pitEnabled ? (c.restoreWindowDays ?? null) : null,
      },
    };
    return [cluster, backups];
  });
}

function protectionsOf(view: ProjectView): Protection[] {
  const out: Protection[] = [];
  for (const c of view.clusters) {
    if (c.cluster.terminationProtectionEnabled) {
      out.push({
        kind: 'deletion-protection',
        resource: c.resourceId,
        blocks: ['deleteCluster'],
        description: `Atlas termination protection: the cluster cannot be deleted while it is on; a Project Owner may turn it off (${UPDATE_CLUSTER_API})`,
        removableBy: ['updateCluster.terminationProtectionEnabled'],
      });
    }
    if (view.compliance && c.cluster.backupEnabled) {
      out.push({
        kind: 'vault-lock',
        resource: c.backupsId,
        // A policy that does not require point-in-time restore still lets a cluster editor turn it off (and delete that history):
        // then it blocks only the snapshot operations, and unknowns over the backups stay open (the safe side).
        blocks: view.compliance.pitEnabled ? [] : ['deleteClusterBackupSnapshot', 'updateBackupSchedule'],
        description: `Backup Compliance Policy (project "${view.project.name}"): no user, regardless of role, can delete a snapshot or shorten its retention, and terminated clusters keep their snapshots; only MongoDB Support can disable it (${COMPLIANCE})`,
      });
    }
  }
  return out;
}
