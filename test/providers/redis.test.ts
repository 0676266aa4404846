import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assessBlastRadius } from '../../src/assess/assess.js';
import { defaultConfig } from '../../src/config/config.js';
import type { Grant, Token } from '../../src/core/types.js';
import type { NetworkDeps } from '../../src/providers/reach.js';
import redisProvider, { verifyWith } from '../../src/providers/redis/index.js';
import { makeToken, testContext } from '../helpers/provider.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';

// ACL rules: https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/
const USERS = {
  // Reads everything and may look at its own permissions and the configuration.
  reader: '~* +@read +acl|whoami +acl|dryrun +acl|getuser +config|get',
  // Operations: everything but FLUSHALL and the @admin commands; may check itself with ACL DRYRUN.
  ops: '~* &* +@all -flushall -@admin +acl|whoami +acl|dryrun +acl|getuser',
  // A cache client: its own prefix, no @dangerous, and no way to look at its own permissions.
  cache: '~cache:* &* +@read +@write -@dangerous +acl|whoami',
  // May read its own rules (ACL GETUSER) but not simulate (no ACL DRYRUN).
  auditor: '~app:* +@read +@write -@dangerous +acl|whoami +acl|getuser',
  // Reads every key, writes and deletes only its own (key permissions, Redis 7).
  mixed: '%R~* ~jobs:* +@all -@admin +acl|whoami +acl|dryrun +acl|getuser',
} as const;
type User = keyof typeof USERS;
const passwords = Object.fromEntries(Object.keys(USERS).map((u) => [u, `Pw-${randomBytes(12).toString('hex')}`])) as Record<User, string>;

let server: TestRedis;

beforeAll(async () => {
  server = await startRedis({
    // RDB snapshots on (the default kind of persistence), AOF off.
    config: () => ['save 3600 1', 'appendonly no', ...Object.entries(USERS).map(([user, rules]) => `user ${user} on >${passwords[user as User]} ${rules}`)],
  });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

// Commands a read-only verification may run, by the server's own names (command|subcommand).
const READ_ONLY = new Set(['auth', 'select', 'acl|whoami', 'acl|getuser', 'acl|dryrun', 'config|get']);
const nameOf = (args: string[]) => (['acl', 'config', 'client'].includes(args[0]) && args[1] ? `${args[0]}|${args[1].toLowerCase()}` : args[0]);

// The test setup's own reads (INFO commandstats, the MONITOR marker, ACL LOG).
const SETUP = new Set(['info', 'echo', 'acl|log']);

// Every test: MONITOR saw only the read-only commands above (none the server flags `write`); the
// ACL log, which records what was refused and so never reached MONITOR, holds no write either; and
// the server's command counters, which also count what MONITOR never shows (commands flagged
// admin: CONFIG SET, ACL SETUSER…), grew for nothing else.
let monitorCursor = 0;
let countsBefore = new Map<string, number>();
beforeEach(async () => {
  countsBefore = await server.commandCounts();
});
afterEach(async () => {
  if (!server) return;
  const counts = await server.commandCounts();
  const grown = [...counts].filter(([name, n]) => n > (countsBefore.get(name) ?? 0)).map(([name]) => name);
  expect(grown.filter((name) => !READ_ONLY.has(name) && !SETUP.has(name))).toEqual([]);
  const commands = (await server.monitored()).slice(monitorCursor);
  monitorCursor += commands.length;
  expect(commands.filter((c) => !READ_ONLY.has(nameOf(c.args)))).toEqual([]);
  expect(commands.filter((c) => server.flags.get(nameOf(c.args))?.includes('write'))).toEqual([]);
  const refused = await server.takeAclLog();
  expect(refused.filter((e) => e.reason !== 'auth' && (server.flags.get(e.object)?.includes('write') || !READ_ONLY.has(e.object)))).toEqual([]);
});

const network = (names: Record<string, string | Error> = {}): NetworkDeps => ({
  lookup: async (host) => {
    const answer = names[host] ?? '127.0.0.1';
    if (answer instanceof Error) throw answer;
    return [{ address: answer, family: 4 }];
  },
  resolveSrv: async () => [],
  resolveTxt: async () => [],
});

const tokenFor = (user: User | '', password: string = user ? passwords[user] : server.adminPassword, host = '127.0.0.1'): Token =>
  makeToken('redis.connection-url', server.url(user, password).replace('@127.0.0.1:', `@${host}:`));
const summary = (grants: Grant[]) => grants.map((g) => `${g.action} ${g.operation}`).sort();

async function verify(token: Token, net = network()) {
  const ctx = testContext();
  const result = await verifyWith(token, ctx, net);
  const secret = token.secret.reveal();
  const password = decodeURIComponent(new URL(secret).password);
  for (const text of [JSON.stringify(result), ctx.logs.join('\n')]) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(password);
  }
  return result;
}

describe('redis provider against a real redis-server', () => {
  it('declares its rule, documentation and shared-fate rows', () => {
    expect(redisProvider.rules).toEqual(['redis.connection-url']);
    expect(redisProvider.sharedFate?.find((row) => row.operation === 'FLUSHALL')?.doc).toBe('https://redis.io/docs/latest/commands/flushall/');
  });

  it('MONITOR sees what a verification sends (so the check after each test would catch a write)', async () => {
    const before = (await server.monitored()).length;
    await verify(tokenFor('reader'));
    const sent = (await server.monitored()).slice(before).map((c) => nameOf(c.args));
    // MONITOR never shows commands flagged admin (ACL GETUSER / DRYRUN, CONFIG GET): the counters do.
    expect(sent).toEqual(expect.arrayContaining(['auth', 'acl|whoami']));
    const counts = await server.commandCounts();
    for (const name of ['acl|getuser', 'acl|dryrun', 'config|get']) expect(counts.get(name) ?? 0).toBeGreaterThan(countsBefore.get(name) ?? 0);
  });

  it('the checks catch a write: a SET from another client shows in MONITOR and in the counters', async () => {
    const { createClient } = await import('@redis/client');
    const writer = createClient({
      socket: { host: '127.0.0.1', port: server.port, reconnectStrategy: false },
      username: 'ops',
      password: passwords.ops,
      disableClientInfo: true,
      maintNotifications: 'disabled',
    } as Parameters<typeof createClient>[0]);
    await writer.connect();
    await writer.sendCommand(['SET', 'cache:guard', '1']);
    writer.destroy();
    const monitored = (await server.monitored()).slice(monitorCursor);
    expect(monitored.map((c) => nameOf(c.args))).toContain('set');
    expect(server.flags.get('set')).toContain('write');
    const counts = await server.commandCounts();
    expect(counts.get('set')).toBeGreaterThan(countsBefore.get('set') ?? 0);
    // This test's own write is setup, not the code under test.
    monitorCursor += monitored.length;
    countsBefore = counts;
  });

  it('password only (the default user): every command, and the RDB file on the same server goes with a flush', async () => {
    const result = await verify(tokenFor('', server.adminPassword, 'cache.prod.example'));
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: `default on cache.prod.example:${server.port}`, type: 'redis-user' });
    expect(summary(result.grants)).toEqual([
      'admin ACL SETUSER',
      'admin CONFIG SET',
      'admin MODULE LOAD',
      'destroy DEL',
      'destroy FLUSHALL',
      'destroy FLUSHDB',
      'destroy REPLICAOF',
      'read GET',
      'write SET',
    ]);
    expect(result.resources).toEqual([
      expect.objectContaining({
        id: `redis://cache.prod.example:${server.port}`,
        holdsBackups: true,
        attributes: expect.objectContaining({ rdbSave: '3600 1', appendonly: false }),
      }),
    ]);
    const radius = assessBlastRadius({ token: { ...tokenFor(''), provider: 'redis' }, verification: result, config: defaultConfig() });
    expect(radius).toMatchObject({ production: 'destroy', backup: 'destroy', shared: true, severity: 'critical' });
    expect(radius.summary).toMatch(/FLUSHALL|FLUSHDB|DEL|REPLICAOF/);
  });

  it('a read-only user: GET only; it may read the configuration, so persistence is known', async () => {
    const result = await verify(tokenFor('reader'));
    expect(result.status).toBe('live');
    expect(result.identity?.displayName).toBe('reader');
    expect(summary(result.grants)).toEqual(['read GET']);
    expect(result.grants[0].evidence).toMatch(/^GET allowed \(every key\), per ACL DRYRUN/);
    expect(result.resources[0].holdsBackups).toBe(true);
    expect(result.unknowns).toEqual([]);
  });

  it('an operations user: FLUSHDB and DEL but not FLUSHALL nor CONFIG SET; persistence unknown (no CONFIG GET)', async () => {
    const result = await verify(tokenFor('ops'));
    expect(result.status).toBe('live');
    expect(summary(result.grants)).toEqual(['destroy DEL', 'destroy FLUSHDB', 'read GET', 'write SET']);
    expect(result.resources[0].holdsBackups).toBeUndefined();
    expect(result.unknowns).toEqual([
      expect.objectContaining({ what: expect.stringMatching(/RDB snapshots or an AOF/), upTo: 'destroy', resources: [`redis://127.0.0.1:${server.port}`] }),
    ]);
  });

  it('three logins with different rights give three different grant sets', async () => {
    const sets = await Promise.all([tokenFor(''), tokenFor('reader'), tokenFor('ops')].map(async (t) => summary((await verify(t)).grants).join('|')));
    expect(new Set(sets).size).toBe(3);
  });

  it('a user that may not introspect itself: every probe unknown, each as far as its command reaches', async () => {
    const result = await verify(tokenFor('cache'));
    expect(result.status).toBe('live');
    expect(result.grants).toEqual([]);
    const upTo = Object.fromEntries(result.unknowns.map((u) => [u.what.replace(/^whether cache may run /, ''), u.upTo]));
    expect(upTo).toMatchObject({ FLUSHALL: 'destroy', DEL: 'destroy', 'CONFIG|SET': 'admin', SET: 'write', GET: 'read' });
  });

  it('ACL GETUSER without ACL DRYRUN: its own rules read against the documented categories', async () => {
    const result = await verify(tokenFor('auditor'));
    expect(result.status).toBe('live');
    expect(summary(result.grants)).toEqual(['destroy DEL', 'read GET', 'write SET']);
    expect(result.grants.find((g) => g.operation === 'DEL')?.evidence).toBe('DEL allowed (on keys matching ~app:*), per ACL GETUSER rules: deletes keys');
    expect(result.identity?.keyPatterns).toEqual(['~app:*']);
  });

  it('read-only key patterns: GET on every key, SET and DEL only through the patterns that allow writing', async () => {
    const result = await verify(tokenFor('mixed'));
    expect(result.status).toBe('live');
    expect(summary(result.grants)).toEqual(['destroy DEL', 'destroy FLUSHDB', 'destroy FLUSHALL', 'read GET', 'write SET'].sort());
    const evidence = Object.fromEntries(result.grants.map((g) => [g.operation, g.evidence]));
    expect(evidence.GET).toMatch(/^GET allowed \(every key\), per ACL DRYRUN/);
    expect(evidence.DEL).toMatch(/^DEL allowed \(on keys matching ~jobs:\*\), per ACL DRYRUN/);
  });

  it('a wrong password, an unknown user and a wrong default password are invalid (WRONGPASS)', async () => {
    for (const token of [
      tokenFor('reader', 'Wrong-password-1234'),
      makeToken('redis.connection-url', server.url('ghost', 'Ghost-password-123')),
      tokenFor('', 'Wrong-password-1234'),
    ]) {
      const result = await verify(token);
      expect(result.status).toBe('invalid');
      expect(result.detail).toMatch(/refused the password .*\(WRONGPASS\)/);
    }
  });

  it('private-range and unresolvable hosts are not contacted: unverified, possibly destroy', async () => {
    const net = network({ 'cache.internal': '192.168.1.20', 'nowhere.example': Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }) });
    for (const host of ['172.16.0.9', 'cache.internal', 'nowhere.example']) {
      const result = await verify(makeToken('redis.connection-url', `redis://:${server.adminPassword}@${host}:6379/0`), net);
      expect(result.status).toBe('unverified');
      expect(result.detail).toMatch(/^host not reachable from here/);
      expect(result.unknowns[0]).toMatchObject({ upTo: 'destroy', resources: [`redis://${host}:6379`] });
    }
  });

  it('rediss:// against a server without TLS is an error, never invalid', async () => {
    const result = await verify(makeToken('redis.connection-url', server.url('reader', passwords.reader).replace('redis://', 'rediss://')));
    expect(result.status).toBe('error');
  });
});
