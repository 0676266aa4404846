import type { Unknown } from '../../core/types.js';

// Shapes of the Atlas Administration API v2 answers this provider reads (only the fields it uses),
// from the OpenAPI description (github.com/mongodb/openapi; mirrored in mongodb/atlas-sdk-go
// openapi/atlas-api-transformed.yaml). Every response field not listed here is ignored.

/** CloudAccessRoleAssignment: one role of the API key, on an organisation or a project. */
export interface RoleAssignment {
  orgId?: string;
  groupId?: string;
  roleName: string;
}

/** GET /api/atlas/v2 (getSystemStatus): "information about the MongoDB application along with API key meta data". */
export interface SystemStatus {
  appName?: string;
  apiKey?: { id?: string; publicKey?: string; roles?: RoleAssignment[] };
}

export interface Paginated<T> {
  results?: T[];
  totalCount?: number;
}

export interface Organization {
  id: string;
  name?: string;
}

export interface Project {
  id: string;
  name: string;
  orgId?: string;
  clusterCount?: number;
}

/** ClusterDescription20240805 (GET /groups/{groupId}/clusters, version 2024-08-05). */
export interface Cluster {
  id?: string;
  name: string;
  backupEnabled?: boolean;
  pitEnabled?: boolean;
  terminationProtectionEnabled?: boolean;
  stateName?: string;
  paused?: boolean;
  clusterType?: string;
  mongoDBVersion?: string;
}

/** DiskBackupSnapshotSchedule20240805: the policy items say how long each kind of snapshot is kept. */
export interface BackupSchedule {
  restoreWindowDays?: number;
  policies?: { policyItems?: { frequencyType?: string; retentionUnit?: string; retentionValue?: number }[] }[];
}

/** DiskBackupReplicaSet (GET …/backup/snapshots). */
export interface Snapshot {
  id?: string;
  createdAt?: string;
  expiresAt?: string;
  status?: string;
}

/** DataProtectionSettings20231001 (GET /groups/{groupId}/backupCompliancePolicy). */
export interface CompliancePolicy {
  state?: string;
  pitEnabled?: boolean;
  restoreWindowDays?: number;
  scheduledPolicyItems?: unknown[];
}

/** What was read about one cluster's backups. */
export interface ClusterView {
  cluster: Cluster;
  resourceId: string;
  backupsId: string;
  snapshots?: { count: number; latestAt?: string };
  retention?: string[];
  restoreWindowDays?: number;
  notes: string[];
}

export interface ProjectView {
  project: Project;
  orgName?: string;
  clusters: ClusterView[];
  /** The Backup Compliance Policy is in force (state ACTIVE). */
  compliance?: CompliancePolicy;
  /** The policy could not be read (counted as absent: it could only narrow the reach). */
  complianceUnread?: string;
  /** Why the clusters could not be listed (the project's reach is then an unknown). */
  unread?: string;
}

export interface Inventory {
  projects: ProjectView[];
  unknowns: Unknown[];
  notes: string[];
}

/** `atlas:<project>/<cluster>`; a `/` inside a name would split the id, so it becomes `-`. */
export function clusterId(project: string, cluster: string): string {
  return `atlas:${part(project)}/${part(cluster)}`;
}

export function backupsId(project: string, cluster: string): string {
  return `${clusterId(project, cluster)}/cloud-backup`;
}

export function projectPattern(project: string): string {
  return `atlas:${part(project)}/*`;
}

function part(name: string): string {
  return name.replace(/\//g, '-');
}
