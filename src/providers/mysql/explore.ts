// What one read-only session reads: CURRENT_USER(), SHOW GRANTS (and the grants of each role the
// account may SET ROLE to), SHOW DATABASES. Statements: https://dev.mysql.com/doc/refman/8.4/en/show-grants.html,
// https://mariadb.com/kb/en/show-grants/, https://mariadb.com/kb/en/set-role/, https://dev.mysql.com/doc/refman/8.4/en/show-databases.html
import { parseGrantRow, type GrantRow } from './grants.js';
import type { ReadOnlySession } from './session.js';

/** A parsed GRANT row and whose it is: this account's own, or a role it can take on. */
export interface SourcedRow {
  row: GrantRow;
  /** The role whose row this is (the account can SET ROLE to it), absent for the account's own rows. */
  role?: string;
}

export interface MysqlFacts {
  /** CURRENT_USER(): the account the server matched, `user@host-pattern`. */
  account: string;
  version: string;
  flavor: 'mariadb' | 'mysql';
  database?: string;
  readOnlyServer: boolean;
  rows: SourcedRow[];
  /** Roles the account may take on, and the ones whose grants could not be read. */
  roles: string[];
  roleFailures: { role: string; reason: string }[];
  /** SHOW DATABASES (null when refused). */
  databases: string[] | null;
  databasesError?: string;
  grantsError?: string;
  plaintext: boolean;
}

const MAX_ROLES = 20;
const VIRTUAL_SCHEMAS = new Set(['information_schema', 'performance_schema']);

const quoteIdentifier = (name: string) => `\`${name.replace(/`/g, '``')}\``;
/** A role as SET ROLE / USING take it: MariaDB roles have no host, MySQL roles are `name`@`host`. */
const roleSql = (role: string) => role.split('@').map(quoteIdentifier).join('@');

function rowsOf(result: { rows: Record<string, unknown>[] } | { error: string }): GrantRow[] {
  if ('error' in result) return [];
  return result.rows.map((row) => parseGrantRow(String(Object.values(row)[0] ?? '')));
}

const sameAccount = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Grants of the roles the account was granted; both servers' answers include the roles granted to those roles. */
async function readRoles(session: ReadOnlySession, account: string, own: GrantRow[], facts: MysqlFacts): Promise<void> {
  const queue = own.flatMap((r) => (r.kind === 'roles' && sameAccount(r.grantee, account) ? r.roles : []));
  for (const [index, role] of [...new Set(queue)].entries()) {
    if (index >= MAX_ROLES) {
      facts.roleFailures.push({ role, reason: `only ${MAX_ROLES} roles are read per account` });
      continue;
    }
    facts.roles.push(role);
    // MariaDB shows a role's grants to its grantees after SET ROLE (SHOW GRANTS FOR a role needs
    // SELECT on the mysql schema); MySQL 8 has SHOW GRANTS … USING. SET ROLE changes only this session.
    let result: { rows: Record<string, unknown>[] } | { error: string };
    if (session.flavor === 'mariadb') {
      const set = await session.tryQuery(`SET ROLE ${roleSql(role)}`);
      result = 'error' in set ? set : await session.tryQuery<Record<string, unknown>>('SHOW GRANTS FOR CURRENT_ROLE');
    } else {
      result = await session.tryQuery<Record<string, unknown>>(`SHOW GRANTS FOR CURRENT_USER() USING ${roleSql(role)}`);
    }
    if ('error' in result) {
      facts.roleFailures.push({ role, reason: result.error });
      continue;
    }
    // MySQL's USING form merges the role's privileges into the account's own rows.
    for (const row of rowsOf(result)) facts.rows.push({ row, role });
  }
  if (session.flavor === 'mariadb' && facts.roles.length) await session.tryQuery('SET ROLE NONE');
}

/** Reads the account, its grants (its roles' too) and the databases it can see. */
export async function readFacts(session: ReadOnlySession, database: string | undefined): Promise<MysqlFacts> {
  const [who] = await session.query<{ account: string; version: string; read_only: unknown }>(
    'SELECT CURRENT_USER() AS account, VERSION() AS version, @@read_only AS read_only',
  );
  const facts: MysqlFacts = {
    account: String(who.account),
    version: String(who.version),
    flavor: session.flavor,
    ...(database ? { database } : {}),
    readOnlyServer: Number(who.read_only) === 1,
    rows: [],
    roles: [],
    roleFailures: [],
    databases: null,
    plaintext: session.plaintext,
  };
  const grants = await session.tryQuery<Record<string, unknown>>('SHOW GRANTS');
  if ('error' in grants) facts.grantsError = grants.error;
  const own = rowsOf(grants);
  facts.rows.push(...own.map((row) => ({ row })));
  await readRoles(session, facts.account, own, facts);
  const listed = await session.tryQuery<Record<string, unknown>>('SHOW DATABASES');
  if ('error' in listed) facts.databasesError = listed.error;
  else facts.databases = listed.rows.map((r) => String(Object.values(r)[0])).filter((name) => !VIRTUAL_SCHEMAS.has(name.toLowerCase()));
  return facts;
}
