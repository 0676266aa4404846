// Role attributes: https://www.postgresql.org/docs/current/role-attributes.html
// Predefined roles: https://www.postgresql.org/docs/current/predefined-roles.html
import type { ActionClass, Grant, Unknown } from '../../core/types.js';
import type { Membership, ServerFacts } from './model.js';

interface ServerGrant {
  action: ActionClass;
  operation: string;
  why: string;
}

/** Predefined roles that reach data or the server's files; the rest only observe (notes). */
const PREDEFINED: Record<string, ServerGrant[]> = {
  pg_execute_server_program: [{ action: 'admin', operation: 'COPY ... PROGRAM', why: "runs shell commands as the server's operating-system account" }],
  pg_write_server_files: [
    {
      action: 'destroy',
      operation: 'COPY ... TO file',
      why: "can overwrite any file the server's operating-system account can write, the data directory included",
    },
  ],
  pg_read_server_files: [
    { action: 'read', operation: 'COPY ... FROM file', why: "can read any file the server's operating-system account can read, the data files included" },
  ],
  pg_read_all_data: [{ action: 'read', operation: 'SELECT', why: 'SELECT on every table of every database' }],
  pg_write_all_data: [
    { action: 'write', operation: 'INSERT/UPDATE', why: 'INSERT and UPDATE on every table of every database' },
    { action: 'destroy', operation: 'DELETE', why: 'DELETE on every table of every database' },
  ],
};

const OBSERVING = new Set([
  'pg_monitor',
  'pg_read_all_settings',
  'pg_read_all_stats',
  'pg_stat_scan_tables',
  'pg_signal_backend',
  'pg_checkpoint',
  'pg_maintain',
  'pg_create_subscription',
  'pg_use_reserved_connections',
  'pg_signal_autovacuum_worker',
]);

/** How a membership is used: inherited, by SET ROLE, or by granting it to itself. */
export function howReached(m: Membership): string {
  if (m.usage) return `member of ${m.name}`;
  if (m.canSet) return `can SET ROLE to ${m.name}`;
  return `holds ADMIN OPTION on ${m.name} (can grant it to itself)`;
}

/** Grants from role attributes (superuser, CREATEROLE, CREATEDB, REPLICATION) and predefined roles, on the whole server. */
export function serverGrants(
  server: ServerFacts,
  memberships: Membership[],
  everything: string,
  principal: string,
): { grants: Grant[]; unknowns: Unknown[]; notes: string[] } {
  const grants: Grant[] = [];
  const unknowns: Unknown[] = [];
  const notes: string[] = [];
  const add = (action: ActionClass, operation: string, evidence: string) => grants.push({ action, resource: everything, evidence, operation, principal });
  // Role attributes are not inherited: another role's attribute counts only after SET ROLE.
  const becomes = memberships.filter((m) => m.canSet || m.admin);
  const viaRoles = (pick: (m: Membership) => boolean) => becomes.filter(pick).map((m) => `${howReached(m)}, which has`);

  for (const source of [server.superuser ? 'role attribute' : undefined, ...viaRoles((m) => m.superuser)]) {
    if (!source) continue;
    add('admin', 'SUPERUSER', `${source} SUPERUSER`);
    add('destroy', 'DROP DATABASE', `${source} SUPERUSER: may drop any database`);
  }
  for (const source of [server.createrole ? 'role attribute' : undefined, ...viaRoles((m) => m.createrole)]) {
    if (!source) continue;
    if (server.versionNum < 160000) {
      add(
        'admin',
        'GRANT role',
        `${source} CREATEROLE: before PostgreSQL 16 it may grant itself any non-superuser role (pg_execute_server_program, pg_write_all_data, every database owner)`,
      );
    } else {
      add('write', 'CREATE ROLE', `${source} CREATEROLE: PostgreSQL 16+ limits it to roles it holds ADMIN OPTION on (listed as memberships)`);
    }
  }
  for (const source of [server.createdb ? 'role attribute' : undefined, ...viaRoles((m) => m.createdb)]) {
    if (source) add('write', 'CREATE DATABASE', `${source} CREATEDB`);
  }
  if (server.replication) {
    add('read', 'REPLICATION', 'role attribute REPLICATION: can stream the WAL and take a base backup (pg_basebackup), i.e. read every database');
    // pg_hba.conf can only refuse the replication grant above: it narrows, never widens.
    unknowns.push({
      what: `whether pg_hba.conf admits replication connections for ${server.role}`,
      reason: 'pg_hba.conf is readable only by superusers',
      upTo: 'none',
      resources: [everything],
      settle: 'SELECT … FROM pg_hba_file_rules (superusers only)',
    });
  }
  if (server.bypassrls) notes.push('role attribute BYPASSRLS: row-level security policies do not limit what it reads or changes');

  for (const m of memberships) {
    for (const g of PREDEFINED[m.name] ?? []) add(g.action, g.operation, `${howReached(m)}: ${g.why}`);
  }
  const observing = memberships.filter((m) => OBSERVING.has(m.name)).map((m) => m.name);
  if (observing.length) notes.push(`monitoring / maintenance roles (no data access): ${observing.join(', ')}`);
  return { grants, unknowns, notes };
}
