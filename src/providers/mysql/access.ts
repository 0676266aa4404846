import type { ActionClass, Grant, Identity, Resource, Unknown } from '../../core/types.js';
import { describeTls } from '../db-tls.js';
import type { MysqlFacts, SourcedRow } from './explore.js';
import type { GrantObject } from './grants.js';
import { GRANT_TABLE_WRITES, OBSERVING, PRIVILEGES } from './privileges.js';
import { databaseId, serverWildcard, type MysqlTarget } from './url.js';
import { ignoredParametersNote } from '../db-verify.js';

/** The verification result's parts, built from what the server said. */
export interface Access {
  identity: Identity;
  grants: Grant[];
  resources: Resource[];
  unknowns: Unknown[];
  notes: string[];
}

const ACTION_RANK: Record<ActionClass, number> = { admin: 0, destroy: 1, write: 2, read: 3 };

/**
 * A database-level grant's name as a grant pattern: `%` and `_` are LIKE wildcards there
 * (https://dev.mysql.com/doc/refman/8.4/en/grant.html#grant-quoting). A name with `_` alone is
 * kept literal — how it is nearly always meant — while `\_` and `\%` are the escaped characters.
 */
export function databasePattern(name: string): string {
  const hasPercent = /(^|[^\\])%/.test(name);
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch === '\\' && i + 1 < name.length) out += name[++i];
    else if (ch === '%') out += '*';
    else if (ch === '_' && hasPercent) out += '?';
    else out += ch;
  }
  return out;
}

function resourceOf(target: MysqlTarget, object: GrantObject): string {
  if (object.level === 'global') return serverWildcard(target);
  return databaseId(target, object.level === 'database' ? databasePattern(object.database) : object.database);
}

function objectText(object: GrantObject): string {
  switch (object.level) {
    case 'global':
      return '*.*';
    case 'database':
      return `${object.database}.*`;
    case 'table':
      return `${object.database}.${object.table}`;
    case 'routine':
      return `${object.routineType} ${object.database}.${object.routine}`;
  }
}

const isGrantTables = (object: GrantObject) => object.level === 'global' || object.database.toLowerCase() === 'mysql';

/** Grants, unknowns and notes from the parsed rows of this account and its roles. */
function fromRows(target: MysqlTarget, facts: MysqlFacts, principal: string) {
  const grants: Grant[] = [];
  const unknowns: Unknown[] = [];
  const notes = new Set<string>();
  const everything = serverWildcard(target);
  const through = (source: SourcedRow, grantee: string) => {
    const role = grantee.toLowerCase() !== facts.account.toLowerCase() ? grantee : source.role;
    return role ? ` (through role ${role}, which it can SET ROLE to)` : '';
  };
  for (const source of facts.rows) {
    const { row } = source;
    if (row.kind === 'proxy') {
      grants.push({
        action: 'admin',
        resource: everything,
        operation: 'PROXY',
        evidence: `PROXY on ${row.proxied || "''@'%'"}: can act as ${row.proxied ? 'that account' : 'any account'}${through(source, row.grantee)}`,
        principal,
      });
    } else if (row.kind === 'revoke') {
      notes.add(`partial revokes (REVOKE ${row.privileges.join(', ')} ON ${objectText(row.object)}) narrow the grants above; not subtracted`);
    } else if (row.kind === 'roles' && row.adminOption) {
      notes.add(`WITH ADMIN OPTION on role(s) ${row.roles.join(', ')}: can grant them to other accounts`);
    } else if (row.kind === 'privileges') {
      const resource = resourceOf(target, row.object);
      const via = through(source, row.grantee);
      for (const privilege of row.privileges) {
        const meaning = PRIVILEGES[privilege.name];
        const columns = privilege.columns?.length ? ` (${[...privilege.columns].sort().join(', ')})` : '';
        const evidence = `${privilege.name}${columns} on ${objectText(row.object)}${meaning?.why ? `: ${meaning.why}` : ''}${via}`;
        if (meaning) grants.push({ action: meaning.action, resource, operation: meaning.operation, evidence, principal });
        else if (privilege.name === 'EXECUTE') {
          unknowns.push({
            what: `routines it may EXECUTE on ${objectText(row.object)}`,
            reason: "a routine with SQL SECURITY DEFINER runs with its definer's privileges; what it does is not analysed",
            upTo: 'destroy',
            resources: [resource],
            settle: `SELECT ROUTINE_NAME, DEFINER, SECURITY_TYPE FROM information_schema.ROUTINES (and read each body)`,
          });
        } else if (OBSERVING.has(privilege.name)) {
          if (privilege.name !== 'USAGE') notes.add(`${privilege.name} on ${objectText(row.object)}${via}: server operation, no data access`);
        } else {
          unknowns.push({
            what: `privilege ${privilege.name} on ${objectText(row.object)}`,
            reason: 'a privilege blastradius does not know',
            upTo: 'admin',
            resources: [resource],
            settle: "the server's documentation of that privilege",
          });
        }
        if (GRANT_TABLE_WRITES.has(privilege.name) && isGrantTables(row.object) && !columns) {
          grants.push({
            action: 'admin',
            resource: everything,
            operation: 'grant tables',
            evidence: `${privilege.name} on ${objectText(row.object)} includes the mysql schema: can rewrite the grant tables (any account, any privilege)${via}`,
            principal,
          });
        }
      }
      if (row.grantOption)
        grants.push({
          action: 'admin',
          resource,
          operation: 'GRANT OPTION',
          evidence: `WITH GRANT OPTION on ${objectText(row.object)}: can give the privileges it holds there to any account${via}`,
          principal,
        });
    }
  }
  return { grants, unknowns, notes: [...notes] };
}

/** One grant per (action, resource, operation, evidence): the role reads repeat the account's own rows. */
function distinct(grants: Grant[]): Grant[] {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = `${g.action}|${g.resource}|${g.operation}|${g.evidence}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Turns the server's answers into identity, grants, inventory, unknowns and notes. */
export function describeAccess(target: MysqlTarget, facts: MysqlFacts): Access {
  const principal = `${facts.account} on ${target.server}`;
  const everything = serverWildcard(target);
  const found = fromRows(target, facts, principal);
  const unknowns = [...found.unknowns];
  if (facts.grantsError)
    unknowns.push({
      what: `the privileges of ${facts.account}`,
      reason: facts.grantsError,
      upTo: 'admin',
      resources: [everything],
      settle: 'SHOW GRANTS (refused above)',
    });
  for (const failure of facts.roleFailures) {
    unknowns.push({
      what: `the privileges of role ${failure.role}`,
      reason: failure.reason,
      upTo: 'admin',
      resources: [everything],
      settle: `SHOW GRANTS after SET ROLE ${failure.role}`,
    });
  }
  const resources: Resource[] = (facts.databases ?? []).map((name) => ({ id: databaseId(target, name), type: 'mysql-database', name, provider: 'mysql' }));
  const notes = [...found.notes];
  if (facts.databasesError) notes.push(`databases not listed: ${facts.databasesError}`);
  if (facts.roles.length) notes.push(`roles it can SET ROLE to: ${facts.roles.join(', ')} (their grants are counted)`);
  if (facts.readOnlyServer)
    notes.push('this server runs with read_only=ON (a replica?): the same account and password usually exist on its primary, where these grants take effect');
  notes.push(`connection: ${describeTls(target.tls, facts.plaintext)}`);
  notes.push(...ignoredParametersNote(target.ignored));
  notes.push('backups (mysqldump files, binary-log archives, provider snapshots) live outside the server and are not visible over SQL');
  const identity: Identity = {
    principal,
    type: 'mysql-account',
    account: target.server,
    displayName: facts.account,
    serverVersion: facts.version,
    ...(facts.database ? { database: facts.database } : {}),
    roles: facts.roles,
    ...(target.endpoint ? { endpoint: `${target.endpoint.host}:${target.endpoint.port}` } : {}),
  };
  const grants = distinct(found.grants).sort((a, b) => ACTION_RANK[a.action] - ACTION_RANK[b.action]);
  return { identity, grants, resources, unknowns, notes };
}
