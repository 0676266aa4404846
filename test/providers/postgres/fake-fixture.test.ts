import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/core/paths.js';
import { classifyStatement, splitSql } from '../../../src/providers/postgres/fake-sql.js';
import { TYPES } from '../../../src/providers/postgres/fake-wire.js';
import {
  DEMO_POSTGRES_FIXTURE,
  loadPostgresFixture,
  queryMatcher,
  type PostgresFixture,
  type RecordedAnswer,
} from '../../../src/providers/postgres/fake-fixture.js';
import postgres from '../../../src/providers/postgres/index.js';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { makeToken, testContext } from '../../helpers/provider.js';
import { startRecordingProxy, type RecordingProxy } from './record-proxy.js';

// The demo fixture is what a real server answers the provider: this records it (through a relay)
// from a cluster set up by fixtures/providers/postgres/demo-*.sql, and fails when the fixture is
// stale. BLASTRADIUS_UPDATE_GOLDEN=1 rewrites the recorded parts; `queries` and the role's
// password digest are written by hand.

const fixturePath = join(packageRoot(), DEMO_POSTGRES_FIXTURE);
const passwords = { shop_app: `Pw-${randomBytes(12).toString('hex')}`, reporter: `Pw-${randomBytes(12).toString('hex')}` };
// Values that differ between machines and PostgreSQL minor versions; compared as present, not equal.
const VOLATILE_COLUMNS = new Set(['version', 'version_num', 'role_oid', 'size']);

let server: TestPostgres;
let proxy: RecordingProxy;

function setupStatements(name: string): string[] {
  const text = readFileSync(join(packageRoot(), 'fixtures', 'providers', 'postgres', name), 'utf8');
  return text
    .replace(/\{\{(\w+)\}\}/g, (_, role: keyof typeof passwords) => passwords[role])
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('--'));
}

beforeAll(async () => {
  server = await startPostgres();
  for (const statement of setupStatements('demo-cluster.sql')) await server.admin(statement);
  await server.admin(setupStatements('demo-shop.sql').join('\n'), 'shop');
  // initdb's superuser is br_bootstrap here; on the demo's server, as on most, it is `postgres`.
  const renamer = `br_renamer_${randomBytes(4).toString('hex')}`;
  const renamerPassword = randomBytes(12).toString('hex');
  await server.admin(`CREATE ROLE ${renamer} LOGIN SUPERUSER PASSWORD '${renamerPassword}'`);
  const client = new pg.Client({ connectionString: server.url(renamer, renamerPassword, 'postgres') });
  await client.connect();
  await client.query('ALTER ROLE br_bootstrap RENAME TO postgres');
  await client.end();
  proxy = await startRecordingProxy(server.port);
});

afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

/** Turns the recorded catalog reads into the fixture's recorded parts. */
function recordedParts(current: PostgresFixture): Pick<PostgresFixture, 'serverVersion' | 'roles' | 'databases' | 'answers'> {
  const match = queryMatcher(current);
  const typeName = new Map(Object.entries(TYPES).map(([name, t]) => [t.oid, name]));
  const answers: PostgresFixture['answers'] = {};
  for (const statement of proxy.recorded) {
    const [parsed] = splitSql(statement.sql);
    if (classifyStatement(parsed.bare).kind !== 'read') continue;
    const names = current.queries.filter((q) => new RegExp(q.match, 'i').test(statement.sql.replace(/\s+/g, ' ').trim())).map((q) => q.name);
    expect(names, `exactly one query of the fixture must match:\n${statement.sql}`).toHaveLength(1);
    expect(statement.error, statement.sql).toBeUndefined();
    const columns = statement.columns.map((c) => ({ name: c.name, type: typeName.get(c.typeOid) ?? `oid ${c.typeOid} (add it to TYPES)` }));
    const answer: RecordedAnswer = { columns, rows: statement.rows };
    const session = `${statement.user}@${statement.database}`;
    answers[session] ??= {};
    answers[session][match(statement.sql)!] = answer;
  }
  // Only the session to the URL's own database lists the databases.
  const databases =
    Object.values(answers)
      .find((byQuery) => byQuery.databases)
      ?.databases.rows.map((row) => String(row[0])) ?? [];
  return {
    serverVersion: proxy.parameters.server_version,
    roles: current.roles.map((role) => ({
      ...role,
      databases: [...proxy.sessions]
        .filter((session) => session.startsWith(`${role.name}@`))
        .map((session) => session.slice(role.name.length + 1))
        .sort(),
    })),
    databases,
    answers,
  };
}

function masked(answers: PostgresFixture['answers']): unknown {
  return Object.fromEntries(
    Object.entries(answers).map(([db, byQuery]) => [
      db,
      Object.fromEntries(
        Object.entries(byQuery).map(([name, a]) => [
          name,
          { columns: a.columns, rows: a.rows.map((row) => row.map((v, i) => (VOLATILE_COLUMNS.has(a.columns[i].name) ? v !== null : v))) },
        ]),
      ),
    ]),
  );
}

/** JSON with one line per row and per column: reviewable diffs. */
function formatFixture(fixture: PostgresFixture): string {
  return `${JSON.stringify(fixture, null, 2)
    .replace(/\{\s+"name": ("[^"]*"),\s+"type": ("[^"]*")\s+\}/g, '{ "name": $1, "type": $2 }')
    .replace(/\{\s+"name": ("[^"]*"),\s+"match": ("(?:[^"\\]|\\.)*")\s+\}/g, '{ "name": $1, "match": $2 }')
    .replace(
      /\[\s+((?:"(?:[^"\\]|\\.)*"|null|-?\d+)(?:,\s+(?:"(?:[^"\\]|\\.)*"|null|-?\d+))*)\s+\]/g,
      (_, items: string) => `[${items.split(/,\n\s+/).join(', ')}]`,
    )}\n`;
}

describe('demo PostgreSQL fixture', () => {
  it('is what a real server answers the provider for the read-only role reporter and the owner shop_app', async () => {
    const reporter = await postgres.verify(
      makeToken('postgres.connection-url', `postgres://reporter:${passwords.reporter}@127.0.0.1:${proxy.port}/shop`),
      testContext(),
    );
    expect(reporter.status).toBe('live');
    expect(new Set(reporter.grants.map((g) => `${g.action} ${g.operation}`))).toEqual(new Set(['read SELECT']));
    // The application's role owns the database and its tables: it can drop them (the demo's config/database.yml).
    const owner = await postgres.verify(
      makeToken('postgres.connection-url', `postgres://shop_app:${passwords.shop_app}@127.0.0.1:${proxy.port}/shop`),
      testContext(),
    );
    expect(owner.status).toBe('live');
    expect(owner.grants.some((g) => g.action === 'destroy')).toBe(true);

    const current = loadPostgresFixture(fixturePath);
    const recorded = recordedParts(current);
    if (process.env.BLASTRADIUS_UPDATE_GOLDEN) {
      writeFileSync(fixturePath, formatFixture({ ...current, ...recorded }));
      return;
    }
    expect(current.databases).toEqual(recorded.databases);
    expect(current.roles).toEqual(recorded.roles);
    expect(masked(current.answers), 'stale fixture: rerun with BLASTRADIUS_UPDATE_GOLDEN=1').toEqual(masked(recorded.answers));
  });
});
