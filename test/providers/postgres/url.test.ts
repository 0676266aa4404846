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
    expect(t).toMatchObject({ host: 'db.example.internal', port: 5432, user: 'reporter', password: 'hW4!kdP0sQ', database: 'analytics', ssl: false });
    expect(databaseId(t, 'analytics')).toBe('postgres://db.example.internal:5432/analytics');
    expect(serverWildcard(t)).toBe('postgres://db.example.internal:5432/*');
  });

  it('defaults the database to the user name and keeps IPv6 brackets in ids only', () => {
    const t = target('postgres://app:Zq8rT2vLp9Xw@[::1]:6543');
    expect(t).toMatchObject({ host: '::1', port: 6543, database: 'app', server: '[::1]:6543' });
  });

  it('maps sslmode the way node-postgres does, PGSSLMODE from the user environment as fallback', () => {
    expect(target('postgres://a:Zq8rT2vLp9Xw@h/d?sslmode=disable').ssl).toBe(false);
    expect(target('postgres://a:Zq8rT2vLp9Xw@h/d?sslmode=require').ssl).toEqual({});
    expect(target('postgres://a:Zq8rT2vLp9Xw@h/d?sslmode=verify-full').ssl).toEqual({});
    expect(target('postgres://a:Zq8rT2vLp9Xw@h/d?sslmode=no-verify').ssl).toEqual({ rejectUnauthorized: false });
    expect(target('postgres://a:Zq8rT2vLp9Xw@h/d?sslmode=require&uselibpqcompat=true').ssl).toEqual({ rejectUnauthorized: false });
    expect(target('postgres://a:Zq8rT2vLp9Xw@h/d?ssl=true').ssl).toBe(true);
    expect(target('postgres://a:Zq8rT2vLp9Xw@h/d', { PGSSLMODE: 'require' }).ssl).toEqual({});
    expect(parse('postgres://a:Zq8rT2vLp9Xw@h/d?sslmode=bogus')).toMatchObject({ ok: false });
  });

  it('never reads local files named by the URL and lets our session settings win', () => {
    const t = target('postgres://a:Zq8rT2vLp9Xw@h/d?sslmode=verify-full&sslrootcert=/etc/passwd&sslkey=/root/.ssh/id_rsa&options=-c%20default_transaction_read_only%3Doff');
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
