// Internal shapes of what the Railway API told us, before they become grants and resources.

export interface RailwayWorkspace {
  id: string;
  name: string;
}

/** What the token is, which decides what it may do: Railway tokens carry no scopes. */
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

export interface RailwayProject {
  id: string;
  name: string;
  workspace?: string;
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
  notes: string[];
  unknowns: { what: string; reason: string }[];
}

/** Canonical id the assessment matches config globs on. */
export function railwayId(project: string, environment?: string, name?: string): string {
  return ['railway:' + project, environment, name].filter((part) => part !== undefined).join('/');
}
