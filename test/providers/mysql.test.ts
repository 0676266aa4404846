import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assessBlastRadius } from '../../src/assess/assess.js';
import { defaultConfig } from '../../src/config/config.js';
import type { Grant, Token } from '../../src/core/types.js';
import mysqlProvider, { verifyWith } from '../../src/providers/mysql/index.js';
import type { NetworkDeps } from '../../src/providers/reach.js';
import { BOOTSTRAP_USER, startMariadb, type TestMariadb } from '../helpers/mariadb.js';
import { fixture, makeToken, testContext } from '../helpers/provider.js';
import { makeCertificates, type TestCertificates } from './postgres/certs.js';

const ACCOUNTS = ['dba', 'app', 'reporter', 'backup_job', 'locked', 'expired'] as const;
type Account = (typeof ACCOUNTS)[number];
const passwords = Object.fromEntries(ACCOUNTS.map((a) => [a, `Pw-${randomBytes(12).toString('hex')}`])) as Record<Account, string>;

let server: TestMariadb;
/** Every server a test file started, with how much of its general log was already checked. */
const checked = new Map<TestMariadb, number>();

beforeAll(async () => {
  server = await startMariadb();
  checked.set(server, 0);
  const statements = fixture('mysql', 'accounts.sql')
    .replace(/\{\{(\w+)\}\}/g, (_, a: Account) => passwords[a])
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('--'));
  for (const statement of statements) await server.admin(statement);
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

// Statements a read-only verification may send: reads, and settings of its own session.
const READ_ONLY = /^(SELECT\b|SHOW\b|SET SESSION\b|SET ROLE\b)/i;
// Every test: the general logs show nothing but reads and session settings from the accounts we verify.
afterEach(() => {
  for (const [running, from] of checked) {
    const entries = running.logEntries();
    checked.set(running, entries.length);
    const fresh = entries.slice(from).filter((e) => e.user !== BOOTSTRAP_USER);
    expect(fresh.filter((e) => e.command === 'Query' && !READ_ONLY.test(e.argument.trim()))).toEqual([]);
    expect(fresh.map((e) => e.command).filter((c) => !['Connect', 'Query', 'Quit', 'Init DB'].includes(c))).toEqual([]);
  }
});

it('the log check sees what the accounts send (it would catch a write)', async () => {
  const before = server.logEntries().length;
  await verifyWith(tokenFor('reporter', 'analytics'), testContext(), network());
  const sent = server
    .logEntries()
    .slice(before)
    .filter((e) => e.user === 'reporter' && e.command === 'Query')
    .map((e) => e.argument);
  expect(sent[0]).toBe('SET SESSION TRANSACTION READ ONLY');
  expect(sent).toEqual(expect.arrayContaining(['SHOW GRANTS', 'SHOW DATABASES']));
});

/** Every name resolves to loopback, except the ones a test makes private or unknown. */
const network = (names: Record<string, string | Error> = {}): NetworkDeps & { asked: string[] } => {
  const asked: string[] = [];
  return {
    asked,
    lookup: async (host) => {
      asked.push(host);
      const answer = names[host] ?? '127.0.0.1';
      if (answer instanceof Error) throw answer;
      return [{ address: answer, family: answer.includes(':') ? 6 : 4 }];
    },
    resolveSrv: async () => [],
    resolveTxt: async () => [],
  };
};

const tokenFor = (account: Account, database = 'shop_prod', password = passwords[account], query?: string): Token =>
  makeToken('mysql.connection-url', server.url(account, password, database, query));
const db = (name: string) => `mysql://127.0.0.1:${server.port}/${name}`;
const everything = () => `mysql://127.0.0.1:${server.port}/*`;
const summary = (grants: Grant[]) => [...new Set(grants.map((g) => `${g.action} ${g.resource} ${g.operation}`))].sort();

async function verify(token: Token, overrides: Parameters<typeof testContext>[0] = {}, net = network()) {
  const ctx = testContext(overrides);
  const result = await verifyWith(token, ctx, net);
  const secret = token.secret.reveal();
  const password = decodeURIComponent(new URL(secret).password);
  for (const text of [JSON.stringify(result), ctx.logs.join('\n')]) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(password);
    // MariaDB prints the account's password hash in SHOW GRANTS: never carried into a result.
    expect(text).not.toMatch(/\*[0-9A-F]{40}/);
  }
  return { result, ctx };
}

describe('mysql provider against a real MariaDB server', () => {
  it('declares its rule, documentation and resource kind', () => {
    expect(mysqlProvider.id).toBe('mysql');
    expect(mysqlProvider.rules).toEqual(['mysql.connection-url']);
    expect(mysqlProvider.resourceKinds).toHaveProperty('mysql-database');
  });

  it('ALL PRIVILEGES ON *.* WITH GRANT OPTION: admin over the whole server', async () => {
    const { result } = await verify(tokenFor('dba'));
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({
      principal: `dba@% on 127.0.0.1:${server.port}`,
      type: 'mysql-account',
      displayName: 'dba@%',
      database: 'shop_prod',
    });
    expect(summary(result.grants)).toEqual([
      `admin ${everything()} ALL PRIVILEGES`,
      `admin ${everything()} GRANT OPTION`,
      `admin ${everything()} grant tables`,
    ]);
    expect(result.resources.map((r) => r.name)).toEqual(expect.arrayContaining(['shop_prod', 'shop_backup', 'analytics', 'mysql']));
    expect(result.resources.map((r) => r.name)).not.toContain('information_schema');
  });

  it('application account: DML on its schema, DROP and ALTER through a role it can SET ROLE to', async () => {
    const { result } = await verify(tokenFor('app'));
    expect(result.status).toBe('live');
    expect(summary(result.grants)).toEqual(
      [
        `destroy ${db('shop_prod')} ALTER`,
        `destroy ${db('shop_prod')} DELETE`,
        `destroy ${db('shop_prod')} DROP`,
        `read ${db('shop_prod')} SELECT`,
        `write ${db('shop_prod')} INSERT`,
        `write ${db('shop_prod')} UPDATE`,
      ].sort(),
    );
    expect(result.grants.find((g) => g.operation === 'DROP')?.evidence).toMatch(/^DROP on shop_prod\.\*.*\(through role migrator, which it can SET ROLE to\)$/);
    expect(result.grants.find((g) => g.operation === 'DELETE')?.evidence).toBe('DELETE on shop_prod.*');
    expect(result.identity?.roles).toEqual(['migrator']);
    expect(result.resources.map((r) => r.name).sort()).toEqual(['shop_prod']);
  });

  it('reporting account: SELECT on some columns and on another schema, nothing else', async () => {
    const { result } = await verify(tokenFor('reporter', 'analytics'));
    expect(result.status).toBe('live');
    expect(summary(result.grants)).toEqual([`read ${db('analytics')} SELECT`, `read ${db('shop_prod')} SELECT`]);
    expect(result.grants.map((g) => g.evidence)).toContain('SELECT (id, total) on shop_prod.orders');
  });

  it('three logins with different rights give three different grant sets', async () => {
    const sets = await Promise.all((['dba', 'app', 'reporter'] as const).map(async (a) => summary((await verify(tokenFor(a))).result.grants).join('|')));
    expect(new Set(sets).size).toBe(3);
  });

  it('a database-name pattern grant (`shop\\_backup%`) covers the backups schema, which it can destroy', async () => {
    const { result } = await verify(tokenFor('backup_job', 'shop_backup'));
    expect(result.status).toBe('live');
    const pattern = `mysql://127.0.0.1:${server.port}/shop_backup*`;
    expect(summary(result.grants)).toContain(`destroy ${pattern} DROP`);
    const radius = assessBlastRadius({ token: { ...tokenFor('backup_job'), provider: 'mysql' }, verification: result, config: defaultConfig() });
    expect(radius.backup).toBe('destroy');
    expect(radius.paths.some((p) => p.resource === db('shop_backup') && p.resourceClass === 'backup' && p.level === 'destroy')).toBe(true);
  });

  it('canonical ids carry the URL host: a production host name makes its databases production', async () => {
    const url = `mysql://app:${encodeURIComponent(passwords.app)}@db.prod.example:${server.port}/shop_prod`;
    const net = network();
    const { result } = await verify(makeToken('mysql.connection-url', url), {}, net);
    expect(result.status).toBe('live');
    expect(net.asked).toEqual(['db.prod.example']);
    expect(result.grants.every((g) => g.resource.startsWith(`mysql://db.prod.example:${server.port}/`))).toBe(true);
    const radius = assessBlastRadius({ token: { ...tokenFor('app'), provider: 'mysql' }, verification: result, config: defaultConfig() });
    expect(radius.production).toBe('destroy');
  });

  it('a wrong password, an unknown account and a locked account are invalid (the server said so)', async () => {
    for (const token of [
      tokenFor('app', 'shop_prod', 'Wrong-password-123'),
      makeToken('mysql.connection-url', server.url('ghost', 'Ghost-password-123', 'shop_prod')),
      tokenFor('locked'),
    ]) {
      const { result } = await verify(token);
      expect(result.status).toBe('invalid');
      expect(result.detail).toMatch(/access denied|locked/);
    }
  });

  it('an expired password is accepted into a sandbox: live, and everything it could do is unknown up to admin', async () => {
    const { result } = await verify(tokenFor('expired'));
    expect(result.status).toBe('live');
    expect(result.grants).toEqual([]);
    expect(result.unknowns).toEqual([
      expect.objectContaining({ upTo: 'admin', resources: [everything()], reason: expect.stringMatching(/has expired \(1820\)/) }),
    ]);
  });

  it('a database it may not use: checked again without one, still live', async () => {
    const { result, ctx } = await verify(tokenFor('reporter', 'shop_backup'));
    expect(result.status).toBe('live');
    expect(ctx.logs.join('\n')).toMatch(/reconnecting without a database/);
  });

  it('private-range and unresolvable hosts are not contacted: unverified, possibly destroy', async () => {
    const unknown = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    const net = network({ 'db.internal.example': '10.20.30.40', 'gone.example': unknown });
    for (const host of ['10.1.2.3', 'db.internal.example', 'gone.example', '[fd00::5]']) {
      const url = `mysql://app:${encodeURIComponent(passwords.app)}@${host}:3306/shop_prod`;
      const { result } = await verify(makeToken('mysql.connection-url', url), {}, net);
      expect(result.status).toBe('unverified');
      expect(result.detail).toMatch(/^host not reachable from here/);
      expect(result.unknowns).toEqual([expect.objectContaining({ upTo: 'destroy', resources: [`mysql://${host.toLowerCase()}:3306/*`] })]);
    }
  });

  it('a closed port on a public or loopback address is an error, not invalid', async () => {
    const { result } = await verify(makeToken('mysql.connection-url', `mysql://app:${encodeURIComponent(passwords.app)}@127.0.0.1:1/shop_prod`));
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/ECONNREFUSED/);
  });

  it('TLS: PREFERRED falls back to plaintext on a server without TLS; REQUIRED refuses it (error, not invalid)', async () => {
    const preferred = await verify(tokenFor('reporter', 'analytics'));
    expect(preferred.result.notes).toContain(
      'connection: TLS preferred, but the server offers none: the session ran unencrypted (no TLS parameter (MySQL default PREFERRED))',
    );
    const required = await verify(tokenFor('reporter', 'analytics', passwords.reporter, 'ssl-mode=REQUIRED'));
    expect(required.result.status).toBe('error');
    expect(required.result.detail).toMatch(/offers no TLS/);
  });
});

describe('mysql provider over TLS', () => {
  let tlsServer: TestMariadb;
  let certs: TestCertificates;
  const password = `Pw-${randomBytes(12).toString('hex')}`;

  beforeAll(async () => {
    certs = makeCertificates({ dns: ['db.tls.example'], ip: ['127.0.0.1'] });
    tlsServer = await startMariadb({ tls: { cert: certs.cert, key: certs.key } });
    checked.set(tlsServer, 0);
    await tlsServer.admin(`CREATE USER 'viewer'@'%' IDENTIFIED BY '${password}'`);
    await tlsServer.admin(`GRANT SELECT ON mysql.* TO 'viewer'@'%'`);
  }, 60_000);

  afterAll(async () => {
    checked.delete(tlsServer);
    await tlsServer?.stop();
    certs?.cleanup();
  });

  const url = (mode: string) => `mysql://viewer:${password}@db.tls.example:${tlsServer.port}/?ssl-mode=${mode}`;

  it('VERIFY_IDENTITY against a private CA: certificate not verified, an error, never invalid', async () => {
    const { result } = await verify(makeToken('mysql.connection-url', url('VERIFY_IDENTITY')));
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/server certificate not verified/);
    expect(result.detail).toMatch(/BLASTRADIUS_DB_CA_FILE/);
  });

  it('VERIFY_IDENTITY with the CA in BLASTRADIUS_DB_CA_FILE: live, the chain and name checked', async () => {
    const { result } = await verify(makeToken('mysql.connection-url', url('VERIFY_IDENTITY')), { env: { BLASTRADIUS_DB_CA_FILE: certs.caFile } });
    expect(result.status).toBe('live');
    expect(result.notes).toContain('connection: TLS, the chain and the host name checked (ssl-mode=VERIFY_IDENTITY)');
    expect(summary(result.grants)).toEqual([`read mysql://db.tls.example:${tlsServer.port}/mysql SELECT`]);
  });

  it('REQUIRED: TLS without checking the certificate', async () => {
    const { result } = await verify(makeToken('mysql.connection-url', url('REQUIRED')));
    expect(result.status).toBe('live');
    expect(result.notes).toContain('connection: TLS, certificate not checked (ssl-mode=REQUIRED)');
  });
});
