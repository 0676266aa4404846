// The projects, clusters and backups an Atlas API key can see, with GETs only:
//   GET /api/atlas/v2/orgs, /groups, /groups/{id}/clusters, /groups/{id}/backupCompliancePolicy,
//   /groups/{id}/clusters/{name}/backup/schedule and …/backup/snapshots.
// API reference: https://www.mongodb.com/docs/api/doc/atlas-admin-api-v2/
import { mapLimit } from '../../core/concurrency.js';
import type { Unknown } from '../../core/types.js';
import type { AtlasClient } from './client.js';
import {
  backupsId,
  clusterId,
  projectPattern,
  type BackupSchedule,
  type Cluster,
  type ClusterView,
  type CompliancePolicy,
  type Inventory,
  type Organization,
  type Paginated,
  type Project,
  type ProjectView,
  type Snapshot,
} from './model.js';

const PAGE = 500;
/** Projects read in one scan; the rest is an unknown. */
export const MAX_PROJECTS = 25;
const CONCURRENCY = 2;

export async function listInventory(client: AtlasClient): Promise<Inventory> {
  const unknowns: Unknown[] = [];
  const notes: string[] = [];
  const orgs = await client.get<Paginated<Organization>>(`/api/atlas/v2/orgs?itemsPerPage=${PAGE}`, '2023-01-01');
  const orgNames = new Map((orgs.ok ? (orgs.data.results ?? []) : []).map((o) => [o.id, o.name ?? o.id]));
  if (!orgs.ok) notes.push(`organisation names not read (${orgs.reason})`);
  const groups = await client.get<Paginated<Project>>(`/api/atlas/v2/groups?itemsPerPage=${PAGE}`, '2023-01-01');
  if (!groups.ok) {
    unknowns.push({
      what: 'which projects and clusters this key can reach',
      reason: groups.reason,
      upTo: 'destroy',
      resources: ['atlas:*'],
      settle: 'GET /api/atlas/v2/groups',
    });
    return { projects: [], unknowns, notes };
  }
  const all = (groups.data.results ?? []).filter((p) => typeof p.id === 'string' && typeof p.name === 'string');
  if ((groups.data.totalCount ?? all.length) > all.length || all.length > MAX_PROJECTS) {
    unknowns.push({
      what: 'projects past the first ones read',
      reason: `Atlas lists ${groups.data.totalCount ?? all.length} projects; ${Math.min(all.length, MAX_PROJECTS)} were read`,
      upTo: 'destroy',
      resources: ['atlas:*'],
      settle: 'GET /api/atlas/v2/groups?pageNum=2',
    });
  }
  const projects = await mapLimit(all.slice(0, MAX_PROJECTS), CONCURRENCY, (project) => readProject(client, project, orgNames.get(project.orgId ?? '')));
  for (const view of projects) {
    if (view.unread)
      unknowns.push({
        what: `which clusters project "${view.project.name}" holds`,
        reason: view.unread,
        upTo: 'destroy',
        resources: [projectPattern(view.project.name)],
        settle: `GET /api/atlas/v2/groups/${view.project.id}/clusters`,
      });
  }
  return { projects, unknowns, notes };
}

async function readProject(client: AtlasClient, project: Project, orgName: string | undefined): Promise<ProjectView> {
  const base = `/api/atlas/v2/groups/${encodeURIComponent(project.id)}`;
  const view: ProjectView = { project, orgName, clusters: [] };
  const clusters = await client.get<Paginated<Cluster>>(`${base}/clusters?itemsPerPage=${PAGE}`, '2024-08-05');
  if (!clusters.ok) {
    view.unread = clusters.reason;
    return view;
  }
  const compliance = await client.get<CompliancePolicy>(`${base}/backupCompliancePolicy`, '2023-10-01');
  // Only state ACTIVE counts as a protection; none, another state or an unreadable policy leave the backups unprotected in the verdict.
  // A 404 is a project without a policy: read, not unread.
  if (compliance.ok && compliance.data.state === 'ACTIVE') view.compliance = compliance.data;
  else if (!compliance.ok && compliance.status !== 404) view.complianceUnread = compliance.reason;
  for (const cluster of (clusters.data.results ?? []).filter((c) => typeof c.name === 'string')) {
    view.clusters.push(await readBackups(client, base, project.name, cluster));
  }
  return view;
}

async function readBackups(client: AtlasClient, base: string, projectName: string, cluster: Cluster): Promise<ClusterView> {
  const view: ClusterView = { cluster, resourceId: clusterId(projectName, cluster.name), backupsId: backupsId(projectName, cluster.name), notes: [] };
  if (!cluster.backupEnabled) return view;
  const path = `${base}/clusters/${encodeURIComponent(cluster.name)}/backup`;
  const schedule = await client.get<BackupSchedule>(`${path}/schedule`, '2024-08-05');
  if (schedule.ok) {
    view.retention = (schedule.data.policies ?? [])
      .flatMap((p) => p.policyItems ?? [])
      .map((i) => `${i.frequencyType ?? '?'}: ${i.retentionValue ?? '?'} ${i.retentionUnit ?? ''}`.trim());
    view.restoreWindowDays = schedule.data.restoreWindowDays;
  } else view.notes.push(`backup schedule of ${view.resourceId} not read (${schedule.reason})`);
  const snapshots = await client.get<Paginated<Snapshot>>(`${path}/snapshots?itemsPerPage=100`, '2023-01-01');
  if (snapshots.ok) {
    const results = snapshots.data.results ?? [];
    const latestAt = results
      .map((s) => s.createdAt ?? '')
      .filter(Boolean)
      .sort()
      .at(-1);
    view.snapshots = { count: snapshots.data.totalCount ?? results.length, ...(latestAt ? { latestAt } : {}) };
  } else view.notes.push(`snapshots of ${view.resourceId} not read (${snapshots.reason})`);
  return view;
}
