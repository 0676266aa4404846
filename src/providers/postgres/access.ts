import type { ActionClass, Grant, Identity, Resource, Unknown } from '../../core/types.js';
import type { DatabaseContents, DatabaseFacts, Facts, TablePrivilege, TablePrivilegeSummary } from './model.js';
import { serverGrants } from './roles.js';
import { connectionNote } from './tls.js';
import { databaseId, serverWildcard, type PostgresTarget } from './url.js';
import { ignoredParametersNote } from '../db-verify.js';

/** The verification result's parts, built from what the catalogs said. */
export interface Access {
  identity: Identity;
  grants: Grant[];
  resources: Resource[];
  unknowns: Unknown[];
  notes: string[];
}

const TABLE_GRANTS: Record<TablePrivilege, { action: ActionClass; operation: string; verb: string }> = {
  OWNER: { action: 'destroy', operation: 'DROP TABLE', verb: 'owner of' },
  TRUNCATE: { action: 'destroy', operation: 'TRUNCATE', verb: 'TRUNCATE on' },
  DELETE: { action: 'destroy', operation: 'DELETE', verb: 'DELETE on' },
  INSERT: { action: 'write', operation: 'INSERT', verb: 'INSERT on' },
  UPDATE: { action: 'write', operation: 'UPDATE', verb: 'UPDATE on' },
  SELECT: { action: 'read', operation: 'SELECT', verb: 'SELECT on' },
};

// Most harmful first, so a reader (and a truncated listing) sees the worst reach first.
const ACTION_RANK: Record<ActionClass, number> = { admin: 0, destroy: 1, write: 2, read: 3 };

function through(via: string, role: string): string {
  return via === role ? '' : ` (through role ${via})`;
}

function tableEvidence(summary: TablePrivilegeSummary, totalInSchema: number | undefined, role: string): string {
  const { verb } = TABLE_GRANTS[summary.privilege];
  const count = totalInSchema && totalInSchema !== summary.tables ? `${summary.tables} of ${totalInSchema}` : String(summary.tables);
  const more = summary.tables > summary.examples.length ? ', …' : '';
  return `${verb} ${count} table(s) in schema ${summary.schema}: ${summary.examples.join(', ')}${more}${through(summary.via, role)}`;
}

function databaseGrants(database: DatabaseFacts, id: string, role: string, principal: string): Grant[] {
  const grants: Grant[] = [];
  if (database.ownerVia) {
    const owner = database.owner === role ? 'owner of database' : `member of role ${database.owner}, owner of database`;
    grants.push({
      action: 'destroy',
      resource: id,
      operation: 'DROP DATABASE',
      evidence: `${owner} ${database.name}${through(database.ownerVia, role)}`,
      principal,
    });
  } else if (database.canCreate && database.canConnect) {
    grants.push({ action: 'write', resource: id, operation: 'CREATE SCHEMA', evidence: `CREATE privilege on database ${database.name}`, principal });
  }
  return grants;
}

function contentGrants(contents: DatabaseContents, id: string, everything: string, role: string, principal: string): { grants: Grant[]; unknowns: Unknown[] } {
  const grants: Grant[] = [];
  const unknowns: Unknown[] = [];
  const tablesIn = new Map(contents.schemas.map((s) => [s.name, s.tables]));
  for (const schema of contents.schemas) {
    if (schema.ownerVia && schema.tables > 0) {
      grants.push({
        action: 'destroy',
        resource: id,
        operation: 'DROP SCHEMA CASCADE',
        evidence: `owner of schema ${schema.name} (role ${schema.owner}): DROP SCHEMA … CASCADE removes its ${schema.tables} table(s) whoever owns them${through(schema.ownerVia, role)}`,
        principal,
      });
    } else if (schema.createVia && !schema.ownerVia) {
      grants.push({
        action: 'write',
        resource: id,
        operation: 'CREATE',
        evidence: `CREATE on schema ${schema.name}${through(schema.createVia, role)}`,
        principal,
      });
    }
    if (schema.rlsTables > 0) {
      // Policies only take rows away from the table grants: they narrow, never widen.
      unknowns.push({
        what: `rows of ${schema.rlsTables} table(s) with row-level security in ${id} schema ${schema.name}`,
        reason: 'policies decide which rows each role sees or changes; they are not evaluated',
        upTo: 'none',
        resources: [id],
        settle: `SELECT … FROM pg_policies WHERE schemaname = '${schema.name}' in ${id}`,
      });
    }
  }
  for (const summary of contents.privileges) {
    const { action, operation } = TABLE_GRANTS[summary.privilege];
    grants.push({ action, resource: id, operation, evidence: tableEvidence(summary, tablesIn.get(summary.schema), role), principal });
  }
  // A schema or table the role owns, not read, could be dropped.
  for (const failure of contents.failures)
    unknowns.push({
      what: `tables and schemas of ${id}`,
      reason: failure,
      upTo: 'destroy',
      resources: [id],
      settle: `the catalog reads of ${id} refused above`,
    });
  if (contents.securityDefinerFunctions) {
    unknowns.push({
      what: `${contents.securityDefinerFunctions} SECURITY DEFINER function(s) it may execute in ${id}`,
      reason: "they run with their owners' privileges; what they do is not analysed",
      // An owner may be a superuser, and a function body may act on any database of the server.
      upTo: 'destroy',
      resources: [everything],
      settle: `SELECT proname, proowner, prosrc FROM pg_proc WHERE prosecdef in ${id} (read and judge each body)`,
    });
  }
  return { grants, unknowns };
}

function databaseResource(database: DatabaseFacts, id: string, explored: DatabaseContents | undefined): Resource {
  const attributes: Record<string, unknown> = {
    owner: database.owner,
    ownedByThisRole: database.ownerVia !== null,
    canConnect: database.canConnect && database.allowConnections,
    canCreate: database.canCreate,
  };
  if (database.sizeBytes !== null) attributes.sizeBytes = database.sizeBytes;
  if (explored) attributes.schemas = explored.schemas.map((s) => ({ name: s.name, owner: s.owner, tables: s.tables }));
  return { id, type: 'postgres-database', name: database.name, provider: 'postgres', attributes };
}

/** Turns catalog facts into identity, grants (aggregated per schema), inventory, unknowns and notes. */
export function describeAccess(target: PostgresTarget, facts: Facts): Access {
  const { server } = facts;
  const principal = `${server.role}@${target.server}`;
  const everything = serverWildcard(target);
  const fromRoles = serverGrants(server, facts.memberships, everything, principal);
  const grants = [...fromRoles.grants];
  const unknowns = [...fromRoles.unknowns];
  const notes = [...facts.notes, ...fromRoles.notes];
  const resources: Resource[] = [];

  for (const database of facts.databases.filter((d) => !d.isTemplate)) {
    const id = databaseId(target, database.name);
    const explored = facts.contents.find((c) => c.database === database.name);
    resources.push(databaseResource(database, id, explored));
    // A superuser's per-database reach is already the server-wide admin grant.
    if (!server.superuser) grants.push(...databaseGrants(database, id, server.role, principal));
    if (explored) {
      const found = contentGrants(explored, id, everything, server.role, principal);
      grants.push(...found.grants);
      unknowns.push(...found.unknowns);
      notes.push(...explored.notes);
    }
  }
  for (const skipped of facts.unexplored) {
    const id = databaseId(target, skipped.database);
    unknowns.push({
      what: `tables and schemas of ${id}`,
      reason: skipped.reason,
      upTo: 'destroy',
      resources: [id],
      settle: `a read-only session on ${id} (the catalog reads of the other databases)`,
    });
  }
  unknowns.push(...facts.gaps);

  if (server.superuser) notes.push('superuser: every privilege on every database, schema and table; per-table analysis skipped');
  else notes.push(`tables read in ${facts.contents.length} database(s), reconnecting read-only with the same credentials`);
  if (server.inRecovery) notes.push('this server is a read-only standby: the same role and password exist on its primary, where these grants take effect');
  if (target.transport) notes.push(`connection: ${connectionNote(target.transport)}`);
  notes.push(...ignoredParametersNote(target.ignored));
  notes.push('backups (pg_dump files, WAL archives, provider snapshots) live outside the server and are not visible over SQL');

  const identity: Identity = {
    principal,
    type: 'postgres-role',
    account: target.server,
    displayName: server.role,
    database: server.database,
    serverVersion: server.version,
    attributes: ['superuser', 'createrole', 'createdb', 'replication', 'bypassrls'].filter((a) => server[a as keyof typeof server] === true),
    memberOf: facts.memberships.filter((m) => m.usage || m.canSet).map((m) => m.name),
    adminOptionOn: facts.memberships.filter((m) => !m.usage && !m.canSet && m.admin).map((m) => m.name),
    archiveMode: server.archiveMode,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  };
  return { identity, grants: grants.sort((a, b) => ACTION_RANK[a.action] - ACTION_RANK[b.action]), resources, unknowns, notes };
}
