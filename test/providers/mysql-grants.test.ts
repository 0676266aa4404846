import { describe, expect, it } from 'vitest';
import { databasePattern } from '../../src/providers/mysql/access.js';
import { parseGrantRow } from '../../src/providers/mysql/grants.js';
import { parseMysqlUrl } from '../../src/providers/mysql/url.js';
import { addressKind, reachHost, type NetworkDeps } from '../../src/providers/reach.js';
import { fixture } from '../helpers/provider.js';

const rows = fixture('mysql', 'show-grants.txt').trim().split('\n');

describe('SHOW GRANTS rows (MariaDB and MySQL 8 formats)', () => {
  it('parses every documented row shape', () => {
    expect(rows.map(parseGrantRow)).toEqual([
      { kind: 'privileges', privileges: [{ name: 'USAGE' }], object: { level: 'global' }, grantee: 'app@%', grantOption: false },
      {
        kind: 'privileges',
        privileges: [{ name: 'SELECT' }, { name: 'INSERT' }, { name: 'DELETE' }],
        object: { level: 'database', database: 'shop' },
        grantee: 'app@%',
        grantOption: false,
      },
      {
        kind: 'privileges',
        privileges: [
          { name: 'SELECT', columns: ['id', 'total'] },
          { name: 'UPDATE', columns: ['id'] },
        ],
        object: { level: 'table', database: 'shop', table: 'orders' },
        grantee: 'app@%',
        grantOption: false,
      },
      {
        kind: 'privileges',
        privileges: [{ name: 'EXECUTE' }],
        object: { level: 'routine', routineType: 'PROCEDURE', database: 'shop', routine: 'refund' },
        grantee: 'app@%',
        grantOption: false,
      },
      { kind: 'roles', roles: ['r1'], grantee: 'app@%', adminOption: false },
      { kind: 'roles', roles: ['r2'], grantee: 'r1', adminOption: true },
      { kind: 'privileges', privileges: [{ name: 'ALL PRIVILEGES' }], object: { level: 'global' }, grantee: 'root@localhost', grantOption: true },
      { kind: 'proxy', proxied: '@%', grantee: 'root@localhost', grantOption: true },
      {
        kind: 'privileges',
        privileges: [{ name: 'DROP' }],
        object: { level: 'database', database: 'shop\\_backup%' },
        grantee: 'backup_job@%',
        grantOption: false,
      },
      { kind: 'roles', roles: ['r1@%', 'r2@%'], grantee: 'u1@localhost', adminOption: false },
      {
        kind: 'privileges',
        privileges: [{ name: 'BACKUP_ADMIN' }, { name: 'BINLOG_ADMIN' }],
        object: { level: 'global' },
        grantee: 'u1@localhost',
        grantOption: true,
      },
      { kind: 'revoke', privileges: ['INSERT', 'UPDATE'], object: { level: 'database', database: 'mysql' } },
      {
        kind: 'privileges',
        privileges: [{ name: 'SELECT' }],
        object: { level: 'database', database: 'we`ird db' },
        grantee: 'u1@localhost',
        grantOption: false,
      },
    ]);
  });

  it('never keeps the password hash of a row', () => {
    expect(JSON.stringify(parseGrantRow(rows[0]))).not.toContain('DB14CBAE');
  });

  it('anything else is unparsed, not guessed', () => {
    expect(parseGrantRow('SET DEFAULT ROLE `r1` FOR `app`@`%`')).toEqual({ kind: 'unparsed' });
    expect(parseGrantRow('GRANT SELECT ON')).toEqual({ kind: 'unparsed' });
  });

  it('database-name wildcards become grant patterns; a lone underscore stays literal', () => {
    expect(databasePattern('shop\\_backup%')).toBe('shop_backup*');
    expect(databasePattern('tenant_%')).toBe('tenant?*');
    expect(databasePattern('shop_prod')).toBe('shop_prod');
  });
});

describe('mysql URLs', () => {
  it('reads the ssl parameters of MySQL, MariaDB, Go and node drivers; MySQL default PREFERRED', () => {
    const mode = (query: string) => {
      const parsed = parseMysqlUrl(`mysql://u:p4ssw0rd@db.example:3307/shop${query}`, {});
      return parsed.ok ? parsed.target.tls.mode : parsed.reason;
    };
    expect(mode('')).toBe('preferred');
    expect(mode('?ssl-mode=VERIFY_IDENTITY')).toBe('verify-identity');
    expect(mode('?ssl-mode=disabled')).toBe('disabled');
    expect(mode('?sslMode=verify-ca')).toBe('verify-ca');
    expect(mode('?sslmode=trust')).toBe('required');
    expect(mode('?tls=skip-verify')).toBe('required');
    expect(mode('?tls=custom')).toMatch(/not followed/);
    expect(mode('?ssl=true')).toBe('verify-identity');
    expect(mode('?ssl={"rejectUnauthorized":false}')).toBe('required');
    expect(mode('?ssl-mode=SOMETIMES')).toMatch(/unknown ssl-mode/);
  });

  it('keeps the URL server in ids; local files and sockets are never followed', () => {
    const parsed = parseMysqlUrl('mariadb://app:s3cr%40t@DB.Example.com/shop?ssl-ca=/etc/ca.pem&socket=/tmp/x.sock', {});
    expect(parsed).toMatchObject({
      ok: true,
      target: { name: 'db.example.com', port: 3306, password: 's3cr@t', database: 'shop', server: 'db.example.com:3306', ignored: ['ssl-ca', 'socket'] },
    });
    expect(parseMysqlUrl('mysql://app@db/shop', {})).toEqual({ ok: false, reason: 'the URL carries no password' });
  });

  it('BLASTRADIUS_MYSQL_CONNECT_OVERRIDE moves the connection, not the ids', () => {
    const parsed = parseMysqlUrl('mysql://app:pw123456@db.prod.example/shop', { BLASTRADIUS_MYSQL_CONNECT_OVERRIDE: '127.0.0.1:13306' });
    expect(parsed).toMatchObject({ ok: true, target: { server: 'db.prod.example:3306', endpoint: { host: '127.0.0.1', port: 13306 } } });
  });
});

describe('database hosts (shared by the MySQL, Redis and MongoDB providers)', () => {
  it('classifies loopback, private and public addresses', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(addressKind(a)).toBe('loopback');
    for (const a of [
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      'fd12::1',
      'fe80::1',
      '0.0.0.0',
      '::ffff:10.1.1.1',
    ])
      expect(addressKind(a)).toBe('private');
    for (const a of ['172.32.0.1', '8.8.8.8', '100.128.0.1', '2001:db8::1']) expect(addressKind(a)).toBe('public');
  });

  it('a name is resolved once; private answers are used only with BLASTRADIUS_DB_PRIVATE_HOSTS=1', async () => {
    const net: NetworkDeps = {
      lookup: async () => [
        { address: '10.9.8.7', family: 4 },
        { address: '10.9.8.8', family: 4 },
      ],
      resolveSrv: async () => [],
      resolveTxt: async () => [],
    };
    expect(await reachHost('db.corp.example', {}, net)).toEqual({
      ok: false,
      reason: expect.stringMatching(/^host not reachable from here: db.corp.example \(10.9.8.7\) is a private-network address; not contacted/),
    });
    expect(await reachHost('db.corp.example', { BLASTRADIUS_DB_PRIVATE_HOSTS: '1' }, net)).toEqual({ ok: true, address: '10.9.8.7', kind: 'private' });
    const mixed: NetworkDeps = {
      ...net,
      lookup: async () => [
        { address: '10.0.0.1', family: 4 },
        { address: '203.0.113.5', family: 4 },
      ],
    };
    expect(await reachHost('db.example', {}, mixed)).toEqual({ ok: true, address: '203.0.113.5', kind: 'public' });
  });
});
