import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grant, Token } from '../../src/core/types.js';
import postgres, { verifyWith } from '../../src/providers/postgres/index.js';
import type { NetworkDeps } from '../../src/providers/reach.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { fixture, makeToken, testContext } from '../helpers/provider.js';
import { expectReadOnlyAfterEach, statementsOf } from './postgres/statements.js';
import { closedPort, silentServer, startupRejectingPooler, type WireServer } from './postgres/wire.js';

const ROLES = ['dba', 'app_owner', 'reporter', 'ops', 'etl', 'limited', 'nologin_role', 'hba_blocked'] as const;
type Role = (typeof ROLES)[number];

let server: TestPostgres;
const passwords = Object.fromEntries(ROLES.map((r) => [r, `Pw-${randomBytes(12).toString('hex')}`])) as Record<Role, string>;

function sqlStatements(name: string): string[] {
  const text = fixture('postgres', name).replace(/\{\{(\w+)\}\}/g, (_, role: Role) => passwords[role]);
  return text.split('\n').filter((line) => line.trim() && !line.startsWith('--'));
}

beforeAll(async () => {
  // pg_hba.conf refuses one role from this host: says nothing about its password.
  server = await startPostgres({ hbaFirst: ['host all hba_blocked 127.0.0.1/32 reject'] });
  for (const statement of sqlStatements('cluster.sql')) await server.admin(statement);
  await server.admin(sqlStatements('prod.sql').join('\n'), 'prod');
  await server.admin(sqlStatements('analytics.sql').join('\n'), 'analytics');
});

afterAll(async () => {
  await server?.stop();
});

// Every test: nothing but read-only statements reached the server from any role we verify.
expectReadOnlyAfterEach(() => server);

const tokenFor = (role: Role, database: string, password = passwords[role]): Token =>
  makeToken('postgres.connection-url', server.url(role, password, database));
const db = (name: string) => `postgres://127.0.0.1:${server.port}/${name}`;
const everything = () => `postgres://127.0.0.1:${server.port}/*`;
const summary = (grants: Grant[]) => [...new Set(grants.map((g) => `${g.action} ${g.resource} ${g.operation}`))].sort();

async function verify(token: Token, overrides: Parameters<typeof testContext>[0] = {}) {
  const ctx = testContext(overrides);
  const result = await postgres.verify(token, ctx);
  // The full URL and the bare password never leave the token.
  const secret = token.secret.reveal();
  const password = decodeURIComponent(new URL(secret).password);
  for (const text of [JSON.stringify(result), ctx.logs.join('\n')]) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(password);
  }
  return { result, ctx };
}

describe('postgres provider against a real PostgreSQL server', () => {
  it('declares its rule and documentation', () => {
    expect(postgres.id).toBe('postgres');
    expect(postgres.rules).toEqual(['postgres.connection-url']);
    expect(postgres.docsUrl).toMatch(/^https:\/\/www\.postgresql\.org\/docs\//);
  });

  it('superuser: admin over the whole server', async () => {
    const { result } = await verify(tokenFor('dba', 'postgres'));
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: `dba@127.0.0.1:${server.port}`, type: 'postgres-role', attributes: ['superuser'] });
    expect(result.identity?.endpoint).toBeUndefined();
    expect(summary(result.grants)).toEqual([`admin ${everything()} SUPERUSER`, `destroy ${everything()} DROP DATABASE`]);
    expect(result.grants.find((g) => g.action === 'admin')?.evidence).toBe('role attribute SUPERUSER');
    expect(result.resources.map((r) => r.id).sort()).toEqual([db('analytics'), db('postgres'), db('prod')]);
    expect(result.resources.find((r) => r.name === 'prod')?.attributes).toMatchObject({ owner: 'app_owner', sizeBytes: expect.any(Number) });
    expect(statementsOf(server, 'dba').length).toBeGreaterThan(0);
  });

  it('owner of prod: destroys prod (database, schemas, tables) and deletes in analytics, no server-wide grant', async () => {
    const { result } = await verify(tokenFor('app_owner', 'prod'));
    expect(result.status).toBe('live');
    expect(result.identity?.principal).toBe(`app_owner@127.0.0.1:${server.port}`);
    expect(summary(result.grants)).toEqual(
      [
        `destroy ${db('analytics')} DELETE`,
        `read ${db('analytics')} SELECT`,
        `destroy ${db('prod')} DELETE`,
        `destroy ${db('prod')} DROP DATABASE`,
        `destroy ${db('prod')} DROP SCHEMA CASCADE`,
        `destroy ${db('prod')} DROP TABLE`,
        `destroy ${db('prod')} TRUNCATE`,
        `read ${db('prod')} SELECT`,
        `write ${db('prod')} INSERT`,
        `write ${db('prod')} UPDATE`,
      ].sort(),
    );
    const evidence = result.grants.map((g) => g.evidence);
    expect(evidence).toContain('owner of database prod');
    expect(evidence).toContain('owner of 3 table(s) in schema public: customers, invoices, orders');
    expect(evidence).toContain('TRUNCATE on 1 table(s) in schema reporting: daily_revenue');
    expect(evidence).toContain('DELETE on 1 table(s) in schema public: events');
    expect(result.grants.some((g) => g.resource === everything())).toBe(false);
    expect(result.resources.find((r) => r.name === 'prod')?.attributes).toMatchObject({ ownedByThisRole: true });
    expect(result.resources.find((r) => r.name === 'analytics')?.attributes).toMatchObject({ ownedByThisRole: false });
    // It reconnected to analytics and postgres, read-only, one session each.
    expect(new Set(statementsOf(server, 'app_owner').map((s) => s.pid)).size).toBeGreaterThanOrEqual(3);
  });

  it('read-only role: SELECT on one schema and nothing else', async () => {
    const { result } = await verify(tokenFor('reporter', 'prod'));
    expect(result.status).toBe('live');
    expect(summary(result.grants)).toEqual([`read ${db('prod')} SELECT`]);
    expect(result.grants[0].evidence).toBe('SELECT on 1 table(s) in schema reporting: daily_revenue');
    expect(result.grants[0].principal).toBe(`reporter@127.0.0.1:${server.port}`);
  });

  it('the three URLs give three different grant sets', async () => {
    const sets = await Promise.all(
      (['dba', 'app_owner', 'reporter'] as const).map(async (role) =>
        summary((await verify(tokenFor(role, role === 'dba' ? 'postgres' : 'prod'))).result.grants).join('|'),
      ),
    );
    expect(new Set(sets).size).toBe(3);
  });

  it('CREATEROLE before PostgreSQL 16 is admin; from 16 on, only role creation', async () => {
    const { result } = await verify(tokenFor('ops', 'postgres'));
    expect(result.status).toBe('live');
    const grant = result.grants.find((g) => g.evidence.startsWith('role attribute CREATEROLE'));
    expect(grant?.resource).toBe(everything());
    expect(grant?.action).toBe(server.versionNum < 160000 ? 'admin' : 'write');
  });

  it('a predefined role (pg_write_all_data) writes and deletes everywhere', async () => {
    const { result } = await verify(tokenFor('etl', 'postgres'));
    expect(result.status).toBe('live');
    expect(summary(result.grants.filter((g) => g.resource === everything()))).toEqual([
      `destroy ${everything()} DELETE`,
      `write ${everything()} INSERT/UPDATE`,
    ]);
    expect(result.grants.find((g) => g.operation === 'DELETE' && g.resource === everything())?.evidence).toMatch(/^member of pg_write_all_data/);
    // prod refuses it CONNECT: not visited, and not reported as unknown either (it cannot get in).
    expect(result.grants.some((g) => g.resource === db('prod'))).toBe(false);
    expect(result.grants.some((g) => g.resource === db('analytics') && g.operation === 'DELETE')).toBe(true);
  });

  it('valid credentials but the database is gone: live, checked against another database', async () => {
    const { result } = await verify(tokenFor('reporter', 'no_such_db'));
    expect(result.status).toBe('live');
    expect(result.notes.join('\n')).toMatch(/database no_such_db does not exist.*checked against database postgres/);
  });

  it('wrong password: invalid', async () => {
    const { result } = await verify(tokenFor('reporter', 'prod', 'Wrong-password-123'));
    expect(result.status).toBe('invalid');
    expect(result.detail).toMatch(/password authentication failed.*28P01/);
    expect(result.grants).toEqual([]);
  });

  it('role that does not exist or may not log in: invalid', async () => {
    const ghost = makeToken('postgres.connection-url', server.url('ghost', 'Ghost-password-123', 'prod'));
    expect((await verify(ghost)).result.status).toBe('invalid');
    const { result } = await verify(tokenFor('nologin_role', 'prod'));
    expect(result.status).toBe('invalid');
    expect(result.detail).toMatch(/may not log in/);
  });

  it('pg_hba.conf refuses this host: error, not invalid', async () => {
    const { result } = await verify(tokenFor('hba_blocked', 'prod'));
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/rejected by server configuration \(28000\).*pg_hba\.conf/);
  });

  it('too many connections, then a free slot: retried and live', async () => {
    const holder = new pg.Client({ connectionString: server.url('limited', passwords.limited, 'postgres') });
    await holder.connect();
    const release = setTimeout(() => void holder.end(), 100);
    const { result, ctx } = await verify(tokenFor('limited', 'postgres'), { retries: 3 });
    clearTimeout(release);
    await holder.end().catch(() => undefined);
    expect(result.status).toBe('live');
    expect(ctx.logs.join('\n')).toMatch(/too many connections \(53300\).*retrying/);
  });

  it('too many connections for every attempt: error, never invalid', async () => {
    const holder = new pg.Client({ connectionString: server.url('limited', passwords.limited, 'postgres') });
    await holder.connect();
    try {
      const { result } = await verify(tokenFor('limited', 'postgres'), { retries: 1 });
      expect(result.status).toBe('error');
      expect(result.detail).toMatch(/too many connections/);
      expect(result.unknowns.length).toBeGreaterThan(0);
    } finally {
      await holder.end();
    }
  });

  it('server without TLS and sslmode=require: error, not invalid', async () => {
    const token = makeToken('postgres.connection-url', `${server.url('reporter', passwords.reporter, 'prod')}?sslmode=require`);
    const { result } = await verify(token);
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/SSL/i);
  });

  it('base-URL overrides are ignored: the URL is the target', async () => {
    const elsewhere = 'postgres://127.0.0.1:1/';
    const { result } = await verify(tokenFor('reporter', 'prod'), { apiUrls: { postgres: elsewhere }, env: { BLASTRADIUS_POSTGRES_API_URL: elsewhere } });
    expect(result.status).toBe('live');
    expect(result.identity?.endpoint).toBeUndefined();
  });

  it("BLASTRADIUS_POSTGRES_CONNECT_OVERRIDE (process environment) moves the connection; ids keep the URL's server", async () => {
    const url = server.url('reporter', passwords.reporter, 'prod').replace(`@127.0.0.1:${server.port}/`, '@db.example.internal:5432/');
    const { result, ctx } = await verify(makeToken('postgres.connection-url', url), {
      env: { BLASTRADIUS_POSTGRES_CONNECT_OVERRIDE: `127.0.0.1:${server.port}` },
    });
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({
      principal: 'reporter@db.example.internal:5432',
      account: 'db.example.internal:5432',
      endpoint: `127.0.0.1:${server.port}`,
    });
    expect(summary(result.grants)).toEqual(['read postgres://db.example.internal:5432/prod SELECT']);
    expect(result.resources.map((r) => r.id).sort()).toEqual(['analytics', 'postgres', 'prod'].map((name) => `postgres://db.example.internal:5432/${name}`));
    expect(ctx.logs.join('\n')).toContain(`db.example.internal:5432/prod via 127.0.0.1:${server.port}`);
  });

  describe('the host is resolved once, before the password leaves (as for the other databases)', () => {
    const resolving = (answer: (host: string) => { address: string; family: number }[]): NetworkDeps & { asked: string[] } => {
      const asked: string[] = [];
      return {
        asked,
        lookup: async (host) => {
          asked.push(host);
          return answer(host);
        },
        resolveSrv: async () => [],
        resolveTxt: async () => [],
      };
    };
    const named = (host: string) =>
      makeToken('postgres.connection-url', server.url('reporter', passwords.reporter, 'prod').replace('@127.0.0.1:', `@${host}:`));

    it('a name is connected at the address it resolved to; ids keep the name', async () => {
      const net = resolving(() => [{ address: '127.0.0.1', family: 4 }]);
      const result = await verifyWith(named('db.shop.example'), testContext(), net);
      expect(result.status).toBe('live');
      expect(net.asked).toEqual(['db.shop.example']);
      expect(summary(result.grants)).toEqual([`read postgres://db.shop.example:${server.port}/prod SELECT`]);
    });

    it('a name that does not resolve is unverified ("host not reachable from here"), possibly destroy, never invalid', async () => {
      const net = resolving(() => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
      });
      const result = await verifyWith(named('db.nowhere.internal'), testContext(), net);
      expect(result.status).toBe('unverified');
      expect(result.detail).toBe('host not reachable from here: the name db.nowhere.internal does not resolve from here (ENOTFOUND)');
      expect(result.unknowns).toEqual([expect.objectContaining({ upTo: 'destroy', resources: [`postgres://db.nowhere.internal:${server.port}/*`] })]);
    });

    it('a private-network address is not contacted unless BLASTRADIUS_DB_PRIVATE_HOSTS=1', async () => {
      const net = resolving(() => [{ address: '10.20.30.40', family: 4 }]);
      const result = await verifyWith(named('db.corp.example'), testContext(), net);
      expect(result.status).toBe('unverified');
      expect(result.detail).toMatch(/^host not reachable from here: db\.corp\.example \(10\.20\.30\.40\) is a private-network address; not contacted/);
      const direct = await verifyWith(named('192.168.7.7'), testContext(), net);
      expect(direct.status).toBe('unverified');
      expect(net.asked).toEqual(['db.corp.example']);
    });
  });

  it("a malformed connect override stops verification instead of connecting to the URL's own server", async () => {
    const url = server.url('reporter', passwords.reporter, 'prod');
    for (const bad of ['127.0.0.1', '127.0.0.1:0', '127.0.0.1:70000', `postgres://127.0.0.1:${server.port}`, `user@127.0.0.1:${server.port}`]) {
      const { result } = await verify(makeToken('postgres.connection-url', url), { env: { BLASTRADIUS_POSTGRES_CONNECT_OVERRIDE: bad } });
      expect(result.status, bad).toBe('error');
      expect(result.detail).toMatch(/BLASTRADIUS_POSTGRES_CONNECT_OVERRIDE must be HOST:PORT/);
    }
  });
});

describe('postgres provider when the server does not answer', () => {
  let silent: WireServer;

  beforeAll(async () => {
    silent = await silentServer();
  });

  afterAll(async () => {
    await silent?.close();
  });

  it('accepts TCP but never answers: error within the timeout', async () => {
    // sslmode=disable: the startup packet comes first (libpq's default prefer would send an SSLRequest first).
    const token = makeToken('postgres.connection-url', `postgres://app:Zq8rT2vLp9Xw@127.0.0.1:${silent.port}/prod?sslmode=disable`);
    const started = Date.now();
    const { result } = await verify(token, { timeoutMs: 400 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/no answer within 400 ms/);
    // All it ever got was the startup packet: length, protocol 3.0, parameters — no query.
    const bytes = Buffer.concat(silent.received);
    expect(bytes.readInt32BE(4)).toBe(196608);
    expect(bytes.length).toBe(bytes.readInt32BE(0));
    expect(bytes.toString('latin1')).toContain('default_transaction_read_only=on');
  });

  it('connection refused (closed port): error', async () => {
    const port = await closedPort();
    const { result } = await verify(makeToken('postgres.connection-url', `postgres://app:Zq8rT2vLp9Xw@127.0.0.1:${port}/prod`));
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/connection refused/);
    expect(result.identity?.principal).toBe(`app@127.0.0.1:${port}`);
  });

  it("a refused connect override names both the URL's server and where it connected", async () => {
    const port = await closedPort();
    const token = makeToken('postgres.connection-url', 'postgres://app:Zq8rT2vLp9Xw@db.example.internal:5432/prod');
    const { result } = await verify(token, { env: { BLASTRADIUS_POSTGRES_CONNECT_OVERRIDE: `[::ffff:127.0.0.1]:${port}` } });
    expect(result.status).toBe('error');
    expect(result.detail).toBe(`db.example.internal:5432 (via [::ffff:127.0.0.1]:${port}): connection refused`);
    expect(result.identity).toMatchObject({ principal: 'app@db.example.internal:5432', endpoint: `[::ffff:127.0.0.1]:${port}` });
  });

  it('a URL that names another server in its query is not followed', async () => {
    const before = silent.received.length;
    const url = `${server.url('reporter', passwords.reporter, 'prod')}?host=127.0.0.1&port=${silent.port}`;
    const { result } = await verify(makeToken('postgres.connection-url', url));
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/not followed/);
    expect(silent.received.length).toBe(before);
  });
});

describe('postgres provider behind a pooler and with unreadable catalogs', () => {
  it('a pooler refusing startup parameters: reconnects without them, read-only by BEGIN READ ONLY + SET LOCAL', async () => {
    const pooler = await startupRejectingPooler(server.port);
    try {
      const token = makeToken('postgres.connection-url', server.url('reporter', passwords.reporter, 'prod').replace(`:${server.port}/`, `:${pooler.port}/`));
      const { result } = await verify(token);
      expect(result.status).toBe('live');
      expect(summary(result.grants)).toEqual([`read postgres://127.0.0.1:${pooler.port}/prod SELECT`]);
      expect(result.notes.join('\n')).toMatch(/connection pooler/);
      expect(statementsOf(server, 'reporter').some((s) => /^SET LOCAL statement_timeout = \d+$/.test(s.sql))).toBe(true);
    } finally {
      await pooler.close();
    }
  });

  // Catalog privileges are per database: these REVOKEs touch prod only and are undone at once.
  it('a catalog read refused mid-way: still live, the gap is an unknown', async () => {
    await server.admin('REVOKE EXECUTE ON FUNCTION pg_catalog.pg_has_role(name, oid, text) FROM PUBLIC', 'prod');
    try {
      const { result } = await verify(tokenFor('reporter', 'prod'));
      expect(result.status).toBe('live');
      // A membership not read could carry anything up to SUPERUSER on the whole server.
      expect(result.unknowns).toContainEqual({
        what: 'role memberships of reporter',
        reason: expect.stringMatching(/permission denied/),
        upTo: 'admin',
        resources: [everything()],
        settle: expect.stringContaining('pg_auth_members'),
      });
      expect(summary(result.grants)).toEqual([`read ${db('prod')} SELECT`]);
    } finally {
      await server.admin('GRANT EXECUTE ON FUNCTION pg_catalog.pg_has_role(name, oid, text) TO PUBLIC', 'prod');
    }
  });

  it('credentials accepted but no catalog readable: live, everything unknown', async () => {
    await server.admin('REVOKE SELECT ON pg_catalog.pg_roles FROM PUBLIC', 'prod');
    try {
      const { result } = await verify(tokenFor('reporter', 'prod'));
      expect(result.status).toBe('live');
      expect(result.grants).toEqual([]);
      expect(result.unknowns[0]).toMatchObject({
        what: 'everything this role can do',
        reason: expect.stringMatching(/permission denied/),
        upTo: 'admin',
        resources: [everything()],
      });
    } finally {
      await server.admin('GRANT SELECT ON pg_catalog.pg_roles TO PUBLIC', 'prod');
    }
  });
});
