import type { Unknown } from '../../core/types.js';

// Render API v1 shapes this provider reads (only the fields it uses), from the OpenAPI description
// behind https://api-docs.render.com (the types generated from it in render-oss/cli pkg/client).

export interface User {
  email: string;
  name?: string;
}

export interface Owner {
  id: string;
  name: string;
  email?: string;
  type?: 'user' | 'team';
}

/** TeamMember: `role` is ADMIN, DEVELOPER, WORKSPACE_CONTRIBUTOR, WORKSPACE_VIEWER or WORKSPACE_BILLING. */
export interface Member {
  userId?: string;
  email?: string;
  role?: string;
  status?: string;
}

export interface Postgres {
  id: string;
  name: string;
  plan?: string;
  status?: string;
  environmentId?: string | null;
  owner?: { id?: string } | null;
}

export interface Service {
  id: string;
  name: string;
  type?: string;
  ownerId?: string;
  environmentId?: string | null;
}

export interface Disk {
  id: string;
  name: string;
  mountPath?: string;
  sizeGB?: number;
  serviceId?: string | null;
}

export interface RecoveryInfo {
  recoveryStatus?: 'AVAILABLE' | 'BACKUP_NOT_READY' | 'NOT_AVAILABLE' | string;
  startsAt?: string | null;
}

/** What was read about one workspace. */
export interface WorkspaceView {
  owner: Owner;
  /** The key owner's role here, or why it is unknown. */
  role?: string;
  roleUnread?: string;
  databases: { postgres: Postgres; recovery?: RecoveryInfo; exports?: number; protectedEnv?: boolean; notes: string[] }[];
  services: { service: Service; disk?: Disk; snapshots?: { count: number; latestAt?: string }; protectedEnv?: boolean; notes: string[] }[];
}

export interface Inventory {
  workspaces: WorkspaceView[];
  unknowns: Unknown[];
  notes: string[];
}

const part = (name: string) => name.replace(/\//g, '-');
export const workspacePattern = (ws: string): string => `render:${part(ws)}/*`;
export const postgresId = (ws: string, db: string): string => `render:${part(ws)}/${part(db)}`;
export const postgresBackupsId = (ws: string, db: string): string => `${postgresId(ws, db)}/backups`;
export const serviceId = (ws: string, service: string): string => `render:${part(ws)}/${part(service)}`;
export const diskId = (ws: string, service: string): string => `${serviceId(ws, service)}/disk`;
export const snapshotsId = (ws: string, service: string): string => `${diskId(ws, service)}/snapshots`;
