// Catalog reads only: pg_roles, pg_database, pg_namespace, pg_class, pg_proc and the access
// privilege inquiry functions (https://www.postgresql.org/docs/current/functions-info.html).
import type { DatabaseContents, DatabaseFacts, Membership, SchemaFacts, ServerFacts, TablePrivilegeSummary } from './model.js';
import type { ReadOnlySession } from './session.js';

/** Table privileges we summarise; OWNER is ownership (DROP TABLE), not a GRANTable privilege. */
const PRIVILEGES = ['OWNER', 'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'] as const;
const MAX_SCHEMAS = 200;
const MAX_RELATIONS = 20000;
const EXAMPLES = 5;

// $1 is the ordered role set: this role first, then roles it can only use after SET ROLE.
// The first role of the set that satisfies COND is the one reported as "via".
const ROLE_SET = 'roles AS (SELECT u.oid, u.ord FROM unnest($1::oid[]) WITH ORDINALITY AS u(oid, ord))';
const firstRole = (cond: string) => `pg_get_userbyid((SELECT r.oid FROM roles r WHERE ${cond} ORDER BY r.ord LIMIT 1))`;

const SERVER_SQL = `SELECT current_user AS role, r.oid::text AS role_oid, current_database() AS database,
  current_setting('server_version_num')::int AS version_num, current_setting('server_version') AS version,
  pg_is_in_recovery() AS in_recovery, (SELECT setting FROM pg_settings WHERE name = 'archive_mode') AS archive_mode,
  r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolreplication, r.rolbypassrls, r.rolcanlogin, r.rolvaliduntil::text AS valid_until
FROM pg_roles r WHERE r.rolname = current_user`;

export async function readServer(session: ReadOnlySession): Promise<ServerFacts> {
  const [row] = await session.query<Record<string, unknown>>(SERVER_SQL);
  return {
    role: String(row.role),
    roleOid: String(row.role_oid),
    database: String(row.database),
    versionNum: Number(row.version_num),
    version: String(row.version),
    inRecovery: row.in_recovery === true,
    archiveMode: (row.archive_mode as string | null) ?? null,
    superuser: row.rolsuper === true,
    createrole: row.rolcreaterole === true,
    createdb: row.rolcreatedb === true,
    replication: row.rolreplication === true,
    bypassrls: row.rolbypassrls === true,
    canLogin: row.rolcanlogin === true,
    validUntil: (row.valid_until as string | null) ?? null,
  };
}

// 'USAGE WITH ADMIN OPTION' tests ADMIN OPTION on the role, whatever the membership's other options.
const MEMBERSHIPS_SQL = `SELECT r.oid::text AS oid, r.rolname AS name, r.rolsuper, r.rolcreaterole, r.rolcreatedb,
  pg_has_role(current_user, r.oid, 'USAGE') AS usage, pg_has_role(current_user, r.oid, $1) AS can_set,
  pg_has_role(current_user, r.oid, 'USAGE WITH ADMIN OPTION') AS admin
FROM pg_roles r
WHERE r.rolname <> current_user
  AND (pg_has_role(current_user, r.oid, 'MEMBER') OR pg_has_role(current_user, r.oid, 'USAGE WITH ADMIN OPTION'))
ORDER BY r.rolname LIMIT 500`;

export async function readMemberships(session: ReadOnlySession, versionNum: number): Promise<{ memberships: Membership[]; error?: string }> {
  // PostgreSQL 16 split SET ROLE out of membership (the SET option); before, any member may SET ROLE.
  const setMode = versionNum >= 160000 ? 'SET' : 'MEMBER';
  const result = await session.tryQuery<Record<string, unknown>>(MEMBERSHIPS_SQL, [setMode]);
  if ('error' in result) return { memberships: [], error: result.error };
  const memberships = result.rows.map((row) => ({
    oid: String(row.oid),
    name: String(row.name),
    usage: row.usage === true,
    canSet: row.can_set === true,
    admin: row.admin === true,
    superuser: row.rolsuper === true,
    createrole: row.rolcreaterole === true,
    createdb: row.rolcreatedb === true,
  }));
  return { memberships };
}

const DATABASES_SQL = `WITH ${ROLE_SET}
SELECT d.datname AS name, pg_get_userbyid(d.datdba) AS owner, d.datallowconn AS allow_conn, d.datistemplate AS is_template,
  has_database_privilege(d.oid, 'CONNECT') AS can_connect, has_database_privilege(d.oid, 'CREATE') AS can_create,
  ${firstRole("pg_has_role(r.oid, d.datdba, 'USAGE')")} AS owner_via
FROM pg_database d ORDER BY d.datname`;

// pg_database_size needs CONNECT or pg_read_all_stats; asked separately so a refusal costs only the sizes.
const SIZES_SQL = `SELECT d.datname AS name, pg_database_size(d.oid)::text AS size FROM pg_database d
WHERE d.datallowconn AND (has_database_privilege(d.oid, 'CONNECT') OR pg_has_role('pg_read_all_stats', 'USAGE'))`;

export async function readDatabases(session: ReadOnlySession, roleSet: string[]): Promise<{ databases: DatabaseFacts[]; notes: string[]; error?: string }> {
  const result = await session.tryQuery<Record<string, unknown>>(DATABASES_SQL, [roleSet]);
  if ('error' in result) return { databases: [], notes: [], error: result.error };
  const rows = result.rows;
  const sizes = await session.tryQuery<{ name: string; size: string }>(SIZES_SQL);
  const sizeOf = new Map('rows' in sizes ? sizes.rows.map((r) => [r.name, Number(r.size)]) : []);
  const databases = rows.map((row) => ({
    name: String(row.name),
    owner: String(row.owner),
    ownerVia: (row.owner_via as string | null) ?? null,
    allowConnections: row.allow_conn === true,
    isTemplate: row.is_template === true,
    canConnect: row.can_connect === true,
    canCreate: row.can_create === true,
    sizeBytes: sizeOf.get(String(row.name)) ?? null,
  }));
  return { databases, notes: 'error' in sizes ? [`database sizes not readable: ${sizes.error}`] : [] };
}

const SCHEMAS_SQL = `WITH ${ROLE_SET}
SELECT n.nspname AS name, pg_get_userbyid(n.nspowner) AS owner,
  ${firstRole("pg_has_role(r.oid, n.nspowner, 'USAGE')")} AS owner_via,
  ${firstRole("has_schema_privilege(r.oid, n.oid, 'CREATE')")} AS create_via,
  has_schema_privilege(n.oid, 'USAGE') AS usage,
  (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'm', 'f') AND NOT c.relispartition)::int AS tables,
  (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p') AND c.relrowsecurity)::int AS rls_tables
FROM pg_namespace n
WHERE n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
ORDER BY n.nspname LIMIT ${MAX_SCHEMAS + 1}`;

// One row per (schema, privilege, role through which it is held). A privilege counts only when
// the same role also has USAGE on the schema, without which the table cannot be reached.
// SELECT/INSERT/UPDATE count column grants too (has_any_column_privilege).
const PRIVILEGES_SQL = `WITH ${ROLE_SET},
rels AS (
  SELECT c.oid, c.relname::text AS relname, c.relowner, n.oid AS nsp, n.nspname::text AS nspname
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'm', 'f') AND NOT c.relispartition AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
  ORDER BY n.nspname, c.relname LIMIT ${MAX_RELATIONS}
),
held AS (
  SELECT rels.nspname, rels.relname, p.priv,
    (SELECT r.oid FROM roles r
      WHERE has_schema_privilege(r.oid, rels.nsp, 'USAGE')
        AND CASE p.priv
          WHEN 'OWNER' THEN pg_has_role(r.oid, rels.relowner, 'USAGE')
          WHEN 'DELETE' THEN has_table_privilege(r.oid, rels.oid, 'DELETE')
          WHEN 'TRUNCATE' THEN has_table_privilege(r.oid, rels.oid, 'TRUNCATE')
          ELSE has_any_column_privilege(r.oid, rels.oid, p.priv) END
      ORDER BY r.ord LIMIT 1) AS via
  FROM rels CROSS JOIN unnest($2::text[]) AS p(priv)
)
SELECT nspname AS schema, priv AS privilege, pg_get_userbyid(via) AS via, count(*)::int AS tables,
  (array_agg(relname ORDER BY relname))[1:${EXAMPLES}] AS examples
FROM held WHERE via IS NOT NULL
GROUP BY nspname, priv, via ORDER BY nspname, priv, via`;

const SECURITY_DEFINER_SQL = `SELECT count(*)::int AS n FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.prosecdef AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_' AND has_function_privilege(p.oid, 'EXECUTE')`;

/** Schemas, per-schema table privileges and SECURITY DEFINER functions of the connected database. */
export async function readContents(session: ReadOnlySession, database: string, roleSet: string[]): Promise<DatabaseContents> {
  const contents: DatabaseContents = { database, schemas: [], privileges: [], securityDefinerFunctions: null, notes: [], failures: [] };
  const schemas = await session.tryQuery<Record<string, unknown>>(SCHEMAS_SQL, [roleSet]);
  if ('error' in schemas) contents.failures.push(`schemas: ${schemas.error}`);
  else {
    if (schemas.rows.length > MAX_SCHEMAS) contents.notes.push(`${database}: only the first ${MAX_SCHEMAS} schemas were listed`);
    contents.schemas = schemas.rows.slice(0, MAX_SCHEMAS).map(toSchema);
  }
  const privileges = await session.tryQuery<Record<string, unknown>>(PRIVILEGES_SQL, [roleSet, PRIVILEGES]);
  if ('error' in privileges) contents.failures.push(`table privileges: ${privileges.error}`);
  else contents.privileges = privileges.rows.map(toSummary);
  const totalTables = contents.schemas.reduce((sum, s) => sum + s.tables, 0);
  if (totalTables > MAX_RELATIONS) contents.notes.push(`${database}: table privileges were read for the first ${MAX_RELATIONS} of ${totalTables} tables`);
  const definers = await session.tryQuery<{ n: number }>(SECURITY_DEFINER_SQL);
  if ('rows' in definers) contents.securityDefinerFunctions = definers.rows[0]?.n ?? 0;
  return contents;
}

function toSchema(row: Record<string, unknown>): SchemaFacts {
  return {
    name: String(row.name),
    owner: String(row.owner),
    ownerVia: (row.owner_via as string | null) ?? null,
    createVia: (row.create_via as string | null) ?? null,
    usage: row.usage === true,
    tables: Number(row.tables),
    rlsTables: Number(row.rls_tables),
  };
}

function toSummary(row: Record<string, unknown>): TablePrivilegeSummary {
  return {
    schema: String(row.schema),
    privilege: row.privilege as TablePrivilegeSummary['privilege'],
    via: String(row.via),
    tables: Number(row.tables),
    examples: (row.examples as string[] | null) ?? [],
  };
}
