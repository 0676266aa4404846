import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assessBlastRadius } from '../../src/assess/assess.js';
import { defaultConfig } from '../../src/config/config.js';
import type { Grant, Token } from '../../src/core/types.js';
import mongodbProvider, { verifyWith } from '../../src/providers/mongodb/index.js';
import { parseMongoUrl } from '../../src/providers/mongodb/url.js';
import type { NetworkDeps } from '../../src/providers/reach.js';
import { makeToken, testContext } from '../helpers/provider.js';
import { MongoFake, type FakeUser } from './mongodb-fake.js';

const password = () => `Pw-${randomBytes(12).toString('hex')}`;
const USERS: FakeUser[] = [
  { user: 'root', db: 'admin', password: password(), roles: [{ role: 'root', db: 'admin' }] },
  {
    user: 'app',
    db: 'shop_prod',
    password: password(),
    roles: [
      { role: 'readWrite', db: 'shop_prod' },
      { role: 'read', db: 'analytics' },
    ],
  },
  { user: 'reporter', db: 'admin', password: password(), roles: [{ role: 'read', db: 'shop_prod' }] },
  {
    user: 'keeper',
    db: 'admin',
    password: password(),
    roles: [
      { role: 'dbAdmin', db: 'shop_backup' },
      { role: 'userAdmin', db: 'shop_backup' },
    ],
  },
];
const pw = (user: string) => USERS.find((u) => u.user === user)!.password;

// Commands a read-only verification may send, by the server's names (the handshake, SCRAM, our two reads, and the driver's session cleanup).
const READ_ONLY = new Set(['ismaster', 'isMaster', 'hello', 'saslStart', 'saslContinue', 'connectionStatus', 'listDatabases', 'ping', 'endSessions']);
// MongoDB's writing commands (https://www.mongodb.com/docs/manual/reference/command/): none may ever arrive.
const WRITING = new Set([
  'insert',
  'update',
  'delete',
  'findAndModify',
  'drop',
  'dropDatabase',
  'create',
  'createIndexes',
  'dropIndexes',
  'renameCollection',
  'collMod',
  'createUser',
  'dropUser',
  'updateUser',
  'grantRolesToUser',
  'revokeRolesFromUser',
  'createRole',
  'dropRole',
  'aggregate',
  'applyOps',
  'bulkWrite',
  'compact',
  'convertToCapped',
  'shutdown',
]);

let fake: MongoFake;
beforeAll(async () => {
  fake = await new MongoFake(USERS).start();
});
afterAll(async () => {
  await fake?.stop();
});

// Every test: the fake recorded nothing but the read-only commands above, none of MongoDB's writes.
let cursor = 0;
afterEach(() => {
  const fresh = fake.commands.slice(cursor);
  cursor = fake.commands.length;
  expect(fresh.filter((c) => !READ_ONLY.has(c.name))).toEqual([]);
  expect(fresh.filter((c) => WRITING.has(c.name))).toEqual([]);
});

const network = (
  names: Record<string, string | Error> = {},
  srv: Record<string, { name: string; port: number }[]> = {},
  txt: Record<string, string[][]> = {},
): NetworkDeps => ({
  lookup: async (host) => {
    const answer = names[host] ?? '127.0.0.1';
    if (answer instanceof Error) throw answer;
    return [{ address: answer, family: 4 }];
  },
  resolveSrv: async (name) => {
    const found = srv[name];
    if (!found) throw Object.assign(new Error(`queryNotFound ${name}`), { code: 'ENOTFOUND' });
    return found.map((r) => ({ ...r, priority: 0, weight: 0 }));
  },
  resolveTxt: async (name) => txt[name] ?? [],
});

const url = (user: string, path = '', host = '127.0.0.1') => `mongodb://${user}:${encodeURIComponent(pw(user))}@${host}:${fake.port}/${path}`;
const token = (text: string): Token => makeToken('mongodb.connection-url', text);
const summary = (grants: Grant[]) => [...new Set(grants.map((g) => `${g.action} ${g.resource} ${g.operation}`))].sort();
const db = (name: string) => `mongodb://127.0.0.1:${fake.port}/${name}`;

async function verify(t: Token, net = network()) {
  const ctx = testContext();
  const result = await verifyWith(t, ctx, net);
  const secret = t.secret.reveal();
  const pass = decodeURIComponent(/:([^:@]+)@/.exec(secret.replace(/^mongodb(\+srv)?:\/\//, ''))?.[1] ?? '');
  for (const text of [JSON.stringify(result), ctx.logs.join('\n')]) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(pass);
  }
  return result;
}

describe('mongodb provider against a wire-protocol fake, driven by the real driver', () => {
  it('declares its rule and documentation', () => {
    expect(mongodbProvider.rules).toEqual(['mongodb.connection-url']);
    expect(mongodbProvider.docsUrl).toMatch(/^https:\/\/www\.mongodb\.com\/docs\//);
  });

  it('the driver really authenticates with SCRAM-SHA-256 before reading its privileges', async () => {
    const before = fake.commands.length;
    const result = await verify(token(url('reporter')));
    expect(result.status).toBe('live');
    const sent = fake.commands.slice(before);
    expect(sent.map((c) => c.name)).toEqual(expect.arrayContaining(['ismaster', 'saslContinue', 'connectionStatus', 'listDatabases']));
    expect(sent.find((c) => c.name === 'connectionStatus')?.as).toBe('reporter@admin');
  });

  it('root: admin over every database of the cluster', async () => {
    const result = await verify(token(url('root')));
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: `root@admin on 127.0.0.1:${fake.port}`, type: 'mongodb-user', roles: ['root@admin'] });
    const everything = `mongodb://127.0.0.1:${fake.port}/*`;
    expect(summary(result.grants)).toEqual(
      expect.arrayContaining([
        `admin ${everything} createUser`,
        `admin ${everything} grantRole`,
        `destroy ${everything} dropDatabase`,
        `destroy ${everything} remove`,
        `read ${everything} find`,
      ]),
    );
    expect(result.resources.map((r) => r.name)).toEqual(['admin', 'analytics', 'config', 'local', 'shop_backup', 'shop_prod']);
  });

  it('an application user (authSource from the path): read/write/destroy on its database, read elsewhere', async () => {
    const result = await verify(token(url('app', 'shop_prod')));
    expect(result.status).toBe('live');
    expect(summary(result.grants)).toEqual(
      [
        `destroy ${db('shop_prod')} convertToCapped`,
        `destroy ${db('shop_prod')} dropCollection`,
        `destroy ${db('shop_prod')} remove`,
        `destroy ${db('shop_prod')} renameCollectionSameDB`,
        `read ${db('analytics')} changeStream`,
        `read ${db('analytics')} find`,
        `read ${db('shop_prod')} changeStream`,
        `read ${db('shop_prod')} find`,
        `write ${db('shop_prod')} createCollection`,
        `write ${db('shop_prod')} createIndex`,
        `write ${db('shop_prod')} dropIndex`,
        `write ${db('shop_prod')} insert`,
        `write ${db('shop_prod')} update`,
      ].sort(),
    );
    expect(result.resources.map((r) => r.name).sort()).toEqual(['analytics', 'shop_prod']);
  });

  it('three logins with different rights give three different grant sets', async () => {
    const sets = await Promise.all(
      [url('root'), url('app', 'shop_prod'), url('reporter')].map(async (u) => summary((await verify(token(u))).grants).join('|')),
    );
    expect(new Set(sets).size).toBe(3);
  });

  it('dbAdmin + userAdmin on the backups: dropDatabase there, and admin (it can grant itself any role of that database)', async () => {
    const result = await verify(token(url('keeper')));
    const radius = assessBlastRadius({ token: { ...token(url('keeper')), provider: 'mongodb' }, verification: result, config: defaultConfig() });
    expect(summary(result.grants)).toEqual(expect.arrayContaining([`destroy ${db('shop_backup')} dropDatabase`, `admin ${db('shop_backup')} grantRole`]));
    expect(radius.backup).toBe('destroy');
    expect(radius.production).toBe('none');
  });

  it('a wrong password, or the right one against the wrong authSource, is invalid (18 AuthenticationFailed)', async () => {
    for (const text of [
      url('reporter').replace(encodeURIComponent(pw('reporter')), 'Wrong-password-123'),
      url('app', 'shop_prod?authSource=admin'),
      url('app'),
    ]) {
      const result = await verify(token(text));
      expect(result.status).toBe('invalid');
      expect(result.detail).toMatch(/authentication failed .*\(18 AuthenticationFailed\)/);
    }
  });

  it('mongodb+srv: hosts from the SRV record (inside its domain), authSource from TXT', async () => {
    const net = network(
      {},
      { '_mongodb._tcp.cluster0.example.net': [{ name: 'node1.cluster0.example.net', port: fake.port }] },
      { 'cluster0.example.net': [['authSource=shop_prod&replicaSet=rs0']] },
    );
    const result = await verify(token(`mongodb+srv://app:${encodeURIComponent(pw('app'))}@cluster0.example.net/?tls=false`), net);
    expect(result.status).toBe('live');
    expect(result.identity?.principal).toBe('app@shop_prod on cluster0.example.net');
    expect(result.grants.every((g) => g.resource.startsWith('mongodb://cluster0.example.net/'))).toBe(true);
    const outside = network({}, { '_mongodb._tcp.cluster0.example.net': [{ name: 'evil.example.org', port: fake.port }] });
    const refused = await verify(token(`mongodb+srv://app:${encodeURIComponent(pw('app'))}@cluster0.example.net/?tls=false`), outside);
    expect(refused.status).toBe('unverified');
    expect(refused.detail).toMatch(/point outside example\.net/);
  });

  it('private-range and unresolvable hosts are not contacted: unverified, possibly destroy', async () => {
    const net = network({ 'mongo.internal': '10.0.0.7', 'gone.example': Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }) });
    for (const host of ['192.168.3.4', 'mongo.internal', 'gone.example']) {
      const result = await verify(token(`mongodb://app:${encodeURIComponent(pw('app'))}@${host}:27017/shop_prod`), net);
      expect(result.status).toBe('unverified');
      expect(result.detail).toMatch(/^host not reachable from here/);
      expect(result.unknowns[0]).toMatchObject({ upTo: 'destroy', resources: [`mongodb://${host}:27017/*`] });
    }
    const srvGone = await verify(token(`mongodb+srv://app:${encodeURIComponent(pw('app'))}@nowhere.example.net/`), net);
    expect(srvGone.status).toBe('unverified');
  });

  it('tls=true against a server without TLS is an error, never invalid', async () => {
    const result = await verify(token(`${url('reporter')}?tls=true`));
    expect(result.status).toBe('error');
  });
});

describe('mongodb URLs', () => {
  it('authSource: the option, else the path, else admin; password mechanisms only', () => {
    const parse = (text: string) => parseMongoUrl(text, {});
    expect(parse('mongodb://u:p4ss@h/shop?authSource=admin')).toMatchObject({
      ok: true,
      target: { authSource: 'admin', authSourceFrom: 'authSource', database: 'shop' },
    });
    expect(parse('mongodb://u:p4ss@h/shop')).toMatchObject({ ok: true, target: { authSource: 'shop', authSourceFrom: 'path' } });
    expect(parse('mongodb://u:p4ss@h1:27018,H2/')).toMatchObject({
      ok: true,
      target: {
        authSource: 'admin',
        server: 'h1:27018,h2:27017',
        hosts: [
          { host: 'h1', port: 27018 },
          { host: 'h2', port: 27017 },
        ],
      },
    });
    expect(parse('mongodb+srv://u:p4ss@cluster0.example.net/')).toMatchObject({
      ok: true,
      target: { srv: true, server: 'cluster0.example.net', tls: { mode: 'verify-identity' } },
    });
    expect(parse('mongodb://u:p4ss@h/?authMechanism=MONGODB-AWS')).toMatchObject({ ok: false });
    expect(parse('mongodb://u:p4ss@h/?tls=true&tlsCAFile=/etc/ca.pem&tlsInsecure=true')).toMatchObject({
      ok: true,
      target: { tls: { mode: 'required' }, ignored: ['tlsCAFile'] },
    });
  });
});
