// Internal shapes of what the Railway API told us, before they become grants and resources.
import type { Unknown } from '../../core/types.js';

export interface RailwayWorkspace {
  id: string;
  name: string;
}

/**
 * A member's role, as the public schema spells it (TeamRole for workspaces, ProjectRole for
 * projects). Workspace docs: Admin, Member, Deployer; project docs: Owner, Editor, Viewer.
 */
export type Role = 'ADMIN' | 'MEMBER' | 'VIEWER';

/**
 * What the token is, which decides what it may do: Railway tokens carry no scopes. `account`: a
 * token that answers `me` (an account token, or an OAuth access token), which acts with the user's
 * own role in each workspace and project.
 */
export type TokenKind =
  | { kind: 'account'; userId: string; name?: string; email?: string; workspaces: RailwayWorkspace[] }
  | { kind: 'workspace'; workspaces: RailwayWorkspace[] }
  | { kind: 'project'; projectId: string; projectName?: string; environmentId: string; environmentName?: string };

export interface RailwayVolumeInstance {
  id: string;
  environmentId: string;
  serviceId?: string | null;
  mountPath?: string;
  sizeMB?: number;
  currentSizeMB?: number;
  state?: string | null;
  isPendingDeletion?: boolean;
}

/** The user's role in one workspace; `role` undefined when Railway did not tell (then `reason`). */
export interface WorkspaceRole {
  id: string;
  name: string;
  role?: Role;
  reason?: string;
}

export interface RailwayProject {
  id: string;
  name: string;
  workspace?: string;
  workspaceId?: string;
  /** Invited to this project outside the user's workspaces (externalWorkspaces). */
  external?: boolean;
  /** The user's role as a project member; undefined when not read or not a member. */
  projectRole?: Role;
  /** Why the project role could not be read, when it was asked. */
  projectRoleUnknown?: string;
  environments: { id: string; name: string; serviceIds: string[] }[];
  services: { id: string; name: string }[];
  volumes: { id: string; name: string; instances: RailwayVolumeInstance[] }[];
}

/** Backups of one volume instance; `undefined` in a view when Railway did not tell us. */
export interface VolumeBackups {
  count: number;
  lastBackupAt?: string;
  schedules: string[];
}

/** One volume in one environment, under its canonical id `railway:PROJECT/ENVIRONMENT/VOLUME`. */
export interface VolumeView {
  resourceId: string;
  project: RailwayProject;
  environment: string;
  volumeName: string;
  serviceName?: string;
  instance: RailwayVolumeInstance;
  backups?: VolumeBackups;
}

export interface Inventory {
  projects: RailwayProject[];
  volumes: VolumeView[];
  services: { resourceId: string; project: string; environment: string; name: string }[];
  /** The user's role in each of its workspaces (account tokens only). */
  workspaceRoles: WorkspaceRole[];
  notes: string[];
  unknowns: Unknown[];
}

/** Canonical id the assessment matches config globs on. */
export function railwayId(project: string, environment?: string, name?: string): string {
  return ['railway:' + project, environment, name].filter((part) => part !== undefined).join('/');
}
