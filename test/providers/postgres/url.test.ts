import { describe, expect, it } from 'vitest';
import { databaseId, parseConnectionUrl, serverWildcard } from '../../../src/providers/postgres/url.js';

const parse = (url: string, env: NodeJS.ProcessEnv = {}) => parseConnectionUrl(url, env);
const target = (url: string, env: NodeJS.ProcessEnv = {}) => {
  const parsed = parse(url, env);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.target;
};

describe('postgres connection URL parsing', () => {
  it('reads user, percent-decoded password, host, port and database; ids are canonical', () => {
    const t = target('postgresql://reporter:hW4%21kdP0sQ@DB.Example.internal/analytics');
    expect(t).toMatchObject({
      host: 'db.example.internal',
      name: 'db.example.internal',
      port: 5432,
      user: 'reporter',
      password: 'hW4!kdP0sQ',
      database: 'analytics',
    });
    expect(databaseId(t, 'analytics')).toBe('postgres://db.example.internal:5432/analytics');
    expect(serverWildcard(t)).toBe('postgres://db.example.internal:5432/*');
  });

  it('defaults the database to the user name and keeps IPv6 brackets in ids only', () => {
    const t = target('postgres://app:Zq8rT2vLp9Xw@[::1]:6543');
    expect(t).toMatchObject({ host: '::1', port: 6543, database: 'app', server: '[::1]:6543' });
  });

  it("keeps libpq's sslmode meanings; node-postgres-only spellings keep theirs; PGSSLMODE from the user environment as fallback", () => {
    const mode = (url: string, env: NodeJS.ProcessEnv = {}) => target(url, env).tls.mode;
    expect(target('postgresql://reporter:hW4%21kdP0sQ@DB.Example.internal/analytics').tls).toEqual({
      mode: 'prefer',
      source: 'no sslmode (libpq default prefer)',
    });
    for (const m of ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const)
      expect(mode(`postgres://a:Zq8rT2vLp9Xw@h/d?sslmode=${m}`)).toBe(m);
    // uselibpqcompat changes nothing here: libpq's meaning is the one applied.
    expect(mode('postgres://a:Zq8rT2vLp9Xw@h/d?sslmode=require&uselibpqcompat=true')).toBe('require');
    expect(mode('postgres://a:Zq8rT2vLp9Xw@h/d?sslmode=no-verify')).toBe('require');
    expect(mode('postgres://a:Zq8rT2vLp9Xw@h/d?ssl=true')).toBe('verify-full');
    expect(mode('postgres://a:Zq8rT2vLp9Xw@h/d?ssl=0')).toBe('disable');
    expect(target('postgres://a:Zq8rT2vLp9Xw@h/d', { PGSSLMODE: 'verify-ca' }).tls).toEqual({
      mode: 'verify-ca',
      source: 'PGSSLMODE=verify-ca (your environment)',
    });
    expect(target('postgres://a:Zq8rT2vLp9Xw@h/d?sslrootcert=system').tls).toMatchObject({ mode: 'verify-full', rootCert: 'system' });
    expect(target('postgres://a:Zq8rT2vLp9Xw@h/d?sslmode=require&sslrootcert=certs/rds.pem').tls).toMatchObject({ mode: 'require', rootCert: 'file' });
    expect(parse('postgres://a:Zq8rT2vLp9Xw@h/d?sslmode=require&sslrootcert=system')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('sslrootcert=system requires sslmode=verify-full'),
    });
    expect(parse('postgres://a:Zq8rT2vLp9Xw@h/d?sslmode=bogus')).toMatchObject({ ok: false });
  });

  it('never reads local files named by the URL and lets our session settings win', () => {
    const t = target(
      'postgres://a:Zq8rT2vLp9Xw@h/d?sslmode=verify-full&sslrootcert=/etc/passwd&sslkey=/root/.ssh/id_rsa&options=-c%20default_transaction_read_only%3Doff',
    );
    expect(t.ignored.sort()).toEqual(['options', 'sslkey', 'sslrootcert']);
  });

  it('refuses URLs that point somewhere else than their authority, sockets, and empty passwords', () => {
    for (const url of [
      'postgres://a:Zq8rT2vLp9Xw@db.prod/d?host=evil.example',
      'postgres://a:Zq8rT2vLp9Xw@db.prod/d?hostaddr=10.0.0.1',
      'postgres://a:Zq8rT2vLp9Xw@db.prod/d?port=1',
      'postgres://a:Zq8rT2vLp9Xw@%2Fvar%2Frun%2Fpostgresql/d',
      'postgres://a:@db.prod/d',
      'mysql://a:Zq8rT2vLp9Xw@db.prod/d',
      'postgres://a:%E0%A4%A@db.prod/d',
    ]) {
      const parsed = parse(url);
      expect(parsed.ok, url).toBe(false);
      if (!parsed.ok) expect(parsed.reason).not.toContain('Zq8rT2vLp9Xw');
    }
  });
});
