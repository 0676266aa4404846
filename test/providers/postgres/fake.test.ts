import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/core/paths.js';
import { startPostgresFake, writesSomething, type PostgresFake } from '../../../src/providers/postgres/fake.js';
import { fixtureProblems, loadPostgresFixture, type PostgresFixture } from '../../../src/providers/postgres/fake-fixture.js';
import postgres from '../../../src/providers/postgres/index.js';
import { makeToken, testContext } from '../../helpers/provider.js';

/** The demo workspace's own URL: postgres://reporter:…@db.acme-shop.internal:5432/shop. */
const demoUrl = (() => {
  const env = readFileSync(join(packageRoot(), 'fixtures', 'demo', '.env'), 'utf8');
  const line = env.split('\n').find((l) => l.startsWith('REPORTING_DATABASE_URL='));
  if (!line) throw new Error('fixtures/demo/.env has no REPORTING_DATABASE_URL');
  return line.slice(line.indexOf('=') + 1).trim();
})();
const demoPassword = decodeURIComponent(new URL(demoUrl).password);
const SHOP = 'postgres://db.acme-shop.internal:5432/shop';

// What a read-only verification may send (the same allowlist the real-server tests apply to the server log).
const READ_ONLY =
  /^(BEGIN READ ONLY|SELECT\b[\s\S]*|WITH\b[\s\S]*|SAVEPOINT br_\d+|RELEASE SAVEPOINT br_\d+|ROLLBACK TO SAVEPOINT br_\d+|ROLLBACK|SET LOCAL (statement_timeout|lock_timeout) = \d+)$/;
const MUTATING =
  /(^|[\s(;])(INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM|MERGE\s+INTO|DROP\s+\w|CREATE\s+\w|ALTER\s+\w|TRUNCATE\s+\w|GRANT\s+\w|REVOKE\s+\w|COPY\s+\w|COMMIT|SET\s+(?:SESSION|ROLE|default_transaction))/i;

let fixture: PostgresFixture;
let fake: PostgresFake;

beforeAll(async () => {
  fixture = loadPostgresFixture();
  fake = await startPostgresFake(fixture);
});

afterAll(async () => {
  await fake?.close();
});

beforeEach(() => {
  fake.statements.length = 0;
});

async function verify(url: string) {
  const ctx = testContext({ env: { BLASTRADIUS_POSTGRES_CONNECT_OVERRIDE: `127.0.0.1:${fake.port}` } });
  const result = await postgres.verify(makeToken('postgres.connection-url', url), ctx);
  const password = decodeURIComponent(new URL(url).password);
  for (const text of [JSON.stringify(result), ctx.logs.join('\n')]) {
    expect(text).not.toContain(url);
    expect(text).not.toContain(password);
  }
  return result;
}

async function connect(database = 'shop'): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: fake.url('reporter', demoPassword, database) });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

describe('PostgreSQL wire-protocol fake, verified by the real provider', () => {
  it('the demo URL: live, reporter reads the 12 tables of shop and nothing else', async () => {
    const result = await verify(demoUrl);
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({
      principal: 'reporter@db.acme-shop.internal:5432',
      account: 'db.acme-shop.internal:5432',
      endpoint: `127.0.0.1:${fake.port}`,
      database: 'shop',
      attributes: [],
    });
    expect(result.grants).toEqual([
      {
        action: 'read',
        resource: SHOP,
        operation: 'SELECT',
        evidence: 'SELECT on 12 table(s) in schema public: addresses, categories, coupons, customers, inventory, …',
        principal: 'reporter@db.acme-shop.internal:5432',
      },
    ]);
    expect(result.resources.map((r) => r.id).sort()).toEqual(['postgres://db.acme-shop.internal:5432/postgres', SHOP]);
    expect(result.resources.find((r) => r.id === SHOP)?.attributes).toMatchObject({
      owner: 'shop_app',
      ownedByThisRole: false,
      schemas: [{ name: 'public', tables: 12 }],
    });
    expect(result.unknowns).toEqual([]);
    expect(result.notes.join('\n')).toMatch(/tables read in 2 database\(s\)/);
  });

  it('sent only read-only statements, each session opening with BEGIN READ ONLY', async () => {
    await verify(demoUrl);
    const sent = fake.statements;
    expect(sent.filter((s) => !READ_ONLY.test(s) || MUTATING.test(s.replace(/'[^']*'/g, "''")))).toEqual([]);
    expect(sent[0]).toBe('BEGIN READ ONLY');
    // shop, then postgres (the other database it may connect to): one read-only session each.
    expect(sent.filter((s) => s === 'BEGIN READ ONLY')).toHaveLength(2);
    expect(sent.filter((s) => s === 'ROLLBACK')).toHaveLength(2);
  });

  it('a wrong password is invalid (28P01), and nothing is queried', async () => {
    const wrong = new URL(demoUrl);
    wrong.password = 'Not-the-password-42';
    const result = await verify(wrong.toString());
    expect(result.status).toBe('invalid');
    expect(result.detail).toMatch(/password authentication failed for role reporter \(28P01\)/);
    expect(result.grants).toEqual([]);
    expect(fake.statements).toEqual([]);
  });

  it('a role the fixture does not know gets the same refusal', async () => {
    const result = await verify(demoUrl.replace('reporter:', 'ghost:'));
    expect(result.status).toBe('invalid');
  });
});

describe('PostgreSQL wire-protocol fake, spoken to directly with pg', () => {
  it('refuses anything that is not read-only with 25006, and records it', async () => {
    const client = await connect();
    try {
      const refused = [
        ['DELETE FROM customers', 'cannot execute DELETE in a read-only transaction'],
        ['DROP TABLE public.orders', 'cannot execute DROP TABLE in a read-only transaction'],
        ['GRANT SELECT ON customers TO PUBLIC', 'cannot execute GRANT in a read-only transaction'],
        ['WITH gone AS (DELETE FROM orders RETURNING id) SELECT count(*) FROM gone', 'cannot execute DELETE in a read-only transaction'],
        ['SELECT * FROM customers FOR UPDATE', 'cannot execute SELECT FOR UPDATE in a read-only transaction'],
        ['SET default_transaction_read_only = off', 'cannot execute SET TRANSACTION READ WRITE in a read-only transaction'],
      ];
      for (const [sql, message] of refused) await expect(client.query(sql)).rejects.toMatchObject({ code: '25006', message });
      // Extended protocol (a parameter), inside a read-only transaction: refused, then the transaction is aborted.
      await client.query('BEGIN READ ONLY');
      await expect(client.query('UPDATE customers SET email = $1 WHERE id = 1', ['x@example.com'])).rejects.toMatchObject({ code: '25006' });
      await expect(client.query('SELECT 1')).rejects.toMatchObject({ code: '25P02' });
      await client.query('ROLLBACK');
      expect(fake.statements).toEqual([
        ...refused.map(([sql]) => sql),
        'BEGIN READ ONLY',
        'UPDATE customers SET email = $1 WHERE id = 1',
        'SELECT 1',
        'ROLLBACK',
      ]);
    } finally {
      await client.end();
    }
  });

  it('answers a statement it has no recording for with an error, never with an empty result', async () => {
    const client = await connect();
    try {
      await client.query('BEGIN READ ONLY');
      await client.query('SAVEPOINT br_1');
      await expect(client.query('SELECT * FROM pg_authid')).rejects.toMatchObject({ code: '0A000', message: /no recorded answer/ });
      await client.query('ROLLBACK TO SAVEPOINT br_1');
      const { rows } = await client.query('SELECT count(*)::int AS n FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prosecdef AND true');
      expect(rows).toEqual([{ n: 0 }]);
      await expect(client.query('RELEASE SAVEPOINT br_9')).rejects.toMatchObject({ code: '3B001' });
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });

  it('runs the statements of one simple query in order and stops at the first refusal', async () => {
    const client = await connect();
    try {
      await expect(client.query('BEGIN READ ONLY; TRUNCATE payments; ROLLBACK')).rejects.toMatchObject({ code: '25006' });
      expect(fake.statements).toEqual(['BEGIN READ ONLY', 'TRUNCATE payments', 'ROLLBACK']);
      await client.query('ROLLBACK');
      // Typed values come back parsed by pg from the recorded text format.
      const { rows } = await client.query(
        'SELECT current_user AS role, r.oid::text AS role_oid, current_database() AS database, 1 FROM pg_roles r WHERE r.rolname = current_user',
      );
      expect(rows[0]).toMatchObject({ role: 'reporter', database: 'shop', version_num: 150018, rolsuper: false, rolcanlogin: true, valid_until: null });
    } finally {
      await client.end();
    }
  });

  it('reuses named prepared statements (Bind without Parse)', async () => {
    const client = await connect();
    try {
      const query = {
        name: 'definers',
        text: 'SELECT count(*)::int AS n FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prosecdef AND $1::bool',
        values: [true],
      };
      expect((await client.query(query)).rows).toEqual([{ n: 0 }]);
      expect((await client.query(query)).rows).toEqual([{ n: 0 }]);
      expect(fake.statements).toHaveLength(1);
    } finally {
      await client.end();
    }
  });

  it('has no TLS: a URL that requires it is an error, not invalid', async () => {
    const result = await verify(`${demoUrl}?sslmode=require`);
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/SSL/);
  });

  it('refuses databases that do not exist (3D000) or that the role may not connect to (42501)', async () => {
    await expect(connect('nope')).rejects.toMatchObject({ code: '3D000' });
    await expect(connect('template0')).rejects.toMatchObject({ code: '42501' });
  });
});

describe('demo PostgreSQL fixture', () => {
  it('loads, and a broken edit is reported at load time', () => {
    expect(fixtureProblems(fixture)).toEqual([]);
    const broken = structuredClone(fixture);
    broken.queries.push({ name: 'bad', match: '(' });
    broken.answers['reporter@shop'].server.rows[0].pop();
    broken.roles[0].databases.push('elsewhere');
    broken.answers['nobody@shop'] = {};
    expect(fixtureProblems(broken)).toHaveLength(4);
    expect(JSON.stringify(fixture)).not.toContain(demoPassword);
  });
});

describe('what the demo counts as mutating', () => {
  it('a statement the fake refuses as a write, in any position of the query string', () => {
    expect(writesSomething('SELECT 1')).toBe(false);
    expect(writesSomething('BEGIN READ ONLY; SELECT rolname FROM pg_roles; ROLLBACK')).toBe(false);
    expect(writesSomething("SELECT 'DROP TABLE orders'")).toBe(false);
    expect(writesSomething('SELECT 1; DROP TABLE orders')).toBe(true);
    expect(writesSomething('WITH gone AS (DELETE FROM orders RETURNING id) SELECT * FROM gone')).toBe(true);
  });
});
