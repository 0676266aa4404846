// Privileges and what each permits: https://dev.mysql.com/doc/refman/8.4/en/privileges-provided.html
// and https://mariadb.com/kb/en/grant/#privilege-levels (MariaDB's own: DELETE HISTORY, SET USER,
// BINLOG ADMIN, …). Grant tables live in the mysql schema:
// https://dev.mysql.com/doc/refman/8.4/en/grant-tables.html
import type { ActionClass } from '../../core/types.js';

export interface PrivilegeMeaning {
  action: ActionClass;
  /** The operation it allows, as the report names it. */
  operation: string;
  why?: string;
}

/** Privileges that reach data or accounts, by name as SHOW GRANTS prints it. */
export const PRIVILEGES: Record<string, PrivilegeMeaning> = {
  'ALL PRIVILEGES': { action: 'admin', operation: 'ALL PRIVILEGES', why: 'every privilege at this level' },
  ALL: { action: 'admin', operation: 'ALL PRIVILEGES', why: 'every privilege at this level' },
  'GRANT OPTION': { action: 'admin', operation: 'GRANT OPTION', why: 'can give the privileges it holds here to any account' },
  SUPER: { action: 'admin', operation: 'SUPER', why: 'server administration: KILL, SET GLOBAL, bypasses read_only' },
  'CREATE USER': { action: 'admin', operation: 'CREATE USER', why: 'can create, drop and rename accounts' },
  'SET USER': { action: 'admin', operation: 'SET USER', why: 'can make routines and views run as any account (DEFINER)' },
  SET_USER_ID: { action: 'admin', operation: 'SET_USER_ID', why: 'can make routines and views run as any account (DEFINER)' },
  SET_ANY_DEFINER: { action: 'admin', operation: 'SET_ANY_DEFINER', why: 'can make routines and views run as any account (DEFINER)' },
  SYSTEM_USER: { action: 'admin', operation: 'SYSTEM_USER', why: 'can modify system accounts' },
  ROLE_ADMIN: { action: 'admin', operation: 'ROLE_ADMIN', why: 'can grant any role to any account, itself included' },
  SYSTEM_VARIABLES_ADMIN: { action: 'admin', operation: 'SYSTEM_VARIABLES_ADMIN', why: 'can change global server settings' },
  DROP: { action: 'destroy', operation: 'DROP', why: 'DROP DATABASE / DROP TABLE (and TRUNCATE TABLE)' },
  DELETE: { action: 'destroy', operation: 'DELETE' },
  ALTER: { action: 'destroy', operation: 'ALTER', why: 'ALTER TABLE … DROP COLUMN / DROP PARTITION' },
  'DELETE HISTORY': { action: 'destroy', operation: 'DELETE HISTORY', why: 'deletes the history rows of system-versioned tables' },
  INSERT: { action: 'write', operation: 'INSERT' },
  UPDATE: { action: 'write', operation: 'UPDATE' },
  CREATE: { action: 'write', operation: 'CREATE' },
  'CREATE VIEW': { action: 'write', operation: 'CREATE VIEW' },
  'CREATE ROUTINE': { action: 'write', operation: 'CREATE ROUTINE' },
  'ALTER ROUTINE': { action: 'write', operation: 'ALTER ROUTINE' },
  'CREATE TEMPORARY TABLES': { action: 'write', operation: 'CREATE TEMPORARY TABLES' },
  'CREATE TABLESPACE': { action: 'write', operation: 'CREATE TABLESPACE' },
  INDEX: { action: 'write', operation: 'INDEX' },
  REFERENCES: { action: 'write', operation: 'REFERENCES' },
  'LOCK TABLES': { action: 'write', operation: 'LOCK TABLES' },
  EVENT: { action: 'write', operation: 'EVENT', why: 'scheduled statements that run with its privileges' },
  TRIGGER: { action: 'write', operation: 'TRIGGER' },
  SELECT: { action: 'read', operation: 'SELECT' },
  'SHOW VIEW': { action: 'read', operation: 'SHOW VIEW' },
  FILE: {
    action: 'read',
    operation: 'FILE',
    why: "LOAD DATA INFILE / LOAD_FILE() read any file the server's operating-system account can read, the data files included",
  },
  'REPLICATION SLAVE': { action: 'read', operation: 'REPLICATION SLAVE', why: 'can stream the binary log: every change to every database' },
  'REPLICATION REPLICA': { action: 'read', operation: 'REPLICATION SLAVE', why: 'can stream the binary log: every change to every database' },
};

/** Privileges that observe or operate the server without reaching data: reported as notes. */
export const OBSERVING = new Set([
  'USAGE',
  'PROCESS',
  'RELOAD',
  'SHUTDOWN',
  'SHOW DATABASES',
  'REPLICATION CLIENT',
  'BINLOG MONITOR',
  'SLAVE MONITOR',
  'REPLICA MONITOR',
  'CONNECTION ADMIN',
  'READ_ONLY ADMIN',
  'BINLOG ADMIN',
  'BINLOG REPLAY',
  'REPLICATION MASTER ADMIN',
  'REPLICATION SLAVE ADMIN',
  'FEDERATED ADMIN',
  'BINLOG_ADMIN',
  'CONNECTION_ADMIN',
  'BACKUP_ADMIN',
  'PROCESS_ADMIN',
  'REPLICATION_APPLIER',
  'REPLICATION_SLAVE_ADMIN',
  'RESOURCE_GROUP_ADMIN',
  'RESOURCE_GROUP_USER',
  'SERVICE_CONNECTION_ADMIN',
  'SESSION_VARIABLES_ADMIN',
  'SHOW_ROUTINE',
  'XA_RECOVER_ADMIN',
  'FLUSH_OPTIMIZER_COSTS',
  'FLUSH_STATUS',
  'FLUSH_TABLES',
  'FLUSH_USER_RESOURCES',
  'INNODB_REDO_LOG_ARCHIVE',
  'INNODB_REDO_LOG_ENABLE',
  'PASSWORDLESS_USER_ADMIN',
  'SENSITIVE_VARIABLES_OBSERVER',
  'TELEMETRY_LOG_ADMIN',
  'TABLE_ENCRYPTION_ADMIN',
  'AUDIT_ADMIN',
  'AUDIT_ABORT_EXEMPT',
  'FIREWALL_EXEMPT',
  'ENCRYPTION_KEY_ADMIN',
  'GROUP_REPLICATION_ADMIN',
  'GROUP_REPLICATION_STREAM',
  'CLONE_ADMIN',
  'PERSIST_RO_VARIABLES_ADMIN',
  'APPLICATION_PASSWORD_ADMIN',
  'AUTHENTICATION_POLICY_ADMIN',
  'OPTIMIZE_LOCAL_TABLE',
  'TRANSACTION_GTID_TAG',
  'ALLOW_NONEXISTENT_DEFINER',
  'FLUSH_PRIVILEGES',
  'SHOW_DATABASES',
]);

/** Writing into the mysql schema edits the grant tables themselves: any account, any privilege. */
export const GRANT_TABLE_WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'ALL PRIVILEGES', 'ALL']);
