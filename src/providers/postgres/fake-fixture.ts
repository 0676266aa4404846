import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/paths.js';
import { TYPES, type Column } from './fake-wire.js';

/** Rows a statement gets, in the text format a server sends them. */
export interface RecordedAnswer {
  columns: Column[];
  rows: (string | null)[][];
}

/**
 * A PostgreSQL server as one role sees it, for the offline demo: who may log in where, and the
 * recorded answer of every catalog query the provider sends (see test/providers/postgres/fake-fixture.test.ts,
 * which records them from a real server and checks they are current).
 */
export interface PostgresFixture {
  about: string;
  /** What the server reports as `server_version` at start-up. */
  serverVersion: string;
  /** Login roles: the password is stored as its SHA-256 (hex), never in clear. */
  roles: { name: string; passwordSha256: string; databases: string[] }[];
  /** Every database of the server (a connection to another one gets 3D000). */
  databases: string[];
  /** Each query the fake can answer: `match` is a case-insensitive regex over the whitespace-collapsed SQL. */
  queries: { name: string; match: string }[];
  /**
   * `role@database` → query name → answer: what each login role sees in each database it connects to
   * (the catalog answers depend on who asks). A query without an answer for the session is refused.
   */
  answers: Record<string, Record<string, RecordedAnswer>>;
}

/** The demo's server: `shop` on db.acme-shop.internal, seen by the read-only role `reporter` and the owner `shop_app`. */
export const DEMO_POSTGRES_FIXTURE = join('fixtures', 'providers', 'postgres', 'demo.json');

export function loadPostgresFixture(path = join(packageRoot(), DEMO_POSTGRES_FIXTURE)): PostgresFixture {
  const fixture = JSON.parse(readFileSync(path, 'utf8')) as PostgresFixture;
  const problems = fixtureProblems(fixture);
  if (problems.length) throw new Error(`${path}: ${problems.join('; ')}`);
  return fixture;
}

/** Everything wrong with a fixture, so a bad edit fails at load time and not mid-demo. */
export function fixtureProblems(fixture: PostgresFixture): string[] {
  const problems: string[] = [];
  if (typeof fixture.serverVersion !== 'string') problems.push('serverVersion missing');
  const databases = new Set(fixture.databases ?? []);
  for (const role of fixture.roles ?? []) {
    if (!/^[0-9a-f]{64}$/.test(role.passwordSha256)) problems.push(`role ${role.name}: passwordSha256 is not a SHA-256 hex digest`);
    for (const db of role.databases) if (!databases.has(db)) problems.push(`role ${role.name}: unknown database ${db}`);
  }
  const names = new Set<string>();
  for (const query of fixture.queries ?? []) {
    if (names.has(query.name)) problems.push(`query ${query.name} listed twice`);
    names.add(query.name);
    try {
      new RegExp(query.match, 'i');
    } catch (error) {
      problems.push(`query ${query.name}: ${(error as Error).message}`);
    }
  }
  const roles = new Set((fixture.roles ?? []).map((role) => role.name));
  for (const [db, answers] of Object.entries(fixture.answers ?? {})) {
    const [role, database] = db.split('@');
    if (!roles.has(role) || !databases.has(database)) problems.push(`answers for ${db}: not role@database of a known role and database`);
    for (const [name, answer] of Object.entries(answers)) {
      if (!names.has(name)) problems.push(`${db}: answer for unknown query ${name}`);
      for (const column of answer.columns) if (!TYPES[column.type]) problems.push(`${db}.${name}: unknown column type ${column.type}`);
      if (answer.rows.some((row) => row.length !== answer.columns.length)) problems.push(`${db}.${name}: a row does not have one value per column`);
    }
  }
  return problems;
}

/** Finds which recorded query a statement is: the first whose pattern matches. */
export function queryMatcher(fixture: PostgresFixture): (sql: string) => string | undefined {
  const patterns = fixture.queries.map((q) => ({ name: q.name, pattern: new RegExp(q.match, 'i') }));
  return (sql) => {
    const collapsed = sql.replace(/\s+/g, ' ').trim();
    return patterns.find((p) => p.pattern.test(collapsed))?.name;
  };
}
