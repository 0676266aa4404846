import type { Unknown } from '../../core/types.js';

/** The connected session's view of the server and its own role. */
export interface ServerFacts {
  role: string;
  roleOid: string;
  database: string;
  versionNum: number;
  version: string;
  inRecovery: boolean;
  archiveMode: string | null;
  superuser: boolean;
  createrole: boolean;
  createdb: boolean;
  replication: boolean;
  bypassrls: boolean;
  canLogin: boolean;
  validUntil: string | null;
}

/** A role this role belongs to or can grant to itself, and how it can use it. */
export interface Membership {
  oid: string;
  name: string;
  /** Its privileges apply without SET ROLE (inherited). */
  usage: boolean;
  /** SET ROLE is allowed (PostgreSQL 16+: the SET option; before: any membership). */
  canSet: boolean;
  /** Holds ADMIN OPTION: can grant the role to itself. */
  admin: boolean;
  superuser: boolean;
  createrole: boolean;
  createdb: boolean;
}

export interface DatabaseFacts {
  name: string;
  owner: string;
  /** The role (this one, or one it can become) through which it owns the database; null when it does not. */
  ownerVia: string | null;
  allowConnections: boolean;
  isTemplate: boolean;
  canConnect: boolean;
  canCreate: boolean;
  sizeBytes: number | null;
}

export interface SchemaFacts {
  name: string;
  owner: string;
  ownerVia: string | null;
  createVia: string | null;
  usage: boolean;
  tables: number;
  rlsTables: number;
}

export type TablePrivilege = 'OWNER' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'TRUNCATE';

/** Tables of one schema on which one privilege is held through one role: counted, with a few names as evidence. */
export interface TablePrivilegeSummary {
  schema: string;
  privilege: TablePrivilege;
  via: string;
  tables: number;
  examples: string[];
}

/** What one database holds for this role (or `error` when we could not look). */
export interface DatabaseContents {
  database: string;
  schemas: SchemaFacts[];
  privileges: TablePrivilegeSummary[];
  securityDefinerFunctions: number | null;
  notes: string[];
  failures: string[];
}

export interface Facts {
  server: ServerFacts;
  memberships: Membership[];
  databases: DatabaseFacts[];
  contents: DatabaseContents[];
  unexplored: { database: string; reason: string }[];
  /** Catalog reads that failed on an otherwise working session, scoped like every unknown. */
  gaps: Unknown[];
  notes: string[];
}
