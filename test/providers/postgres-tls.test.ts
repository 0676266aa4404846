import { randomBytes } from 'node:crypto';
import { mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerificationResult } from '../../src/core/types.js';
import postgres from '../../src/providers/postgres/index.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { makeToken, testContext } from '../helpers/provider.js';
import { makeCertificates, type TestCertificates } from './postgres/certs.js';
import { expectReadOnlyAfterEach } from './postgres/statements.js';

// libpq's sslmode against a real PostgreSQL serving TLS with a certificate from a private CA, as
// managed databases do: https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-PROTECTION
// The certificate names db.internal.test and 127.0.0.1.
let server: TestPostgres;
let certs: TestCertificates;
const password = `Pw-${randomBytes(12).toString('hex')}`;

beforeAll(async () => {
  certs = makeCertificates({ dns: ['db.internal.test'], ip: ['127.0.0.1'] });
  // tls_only may not connect without encryption (pg_hba.conf hostnossl … reject).
  server = await startPostgres({ tls: { cert: certs.cert, key: certs.key }, hbaFirst: ['hostnossl all tls_only 127.0.0.1/32 reject'] });
  await server.admin(`CREATE ROLE reporter LOGIN PASSWORD '${password}'`);
  await server.admin(`CREATE ROLE tls_only LOGIN PASSWORD '${password}'`);
  // Something for the unknowns to be about: a table under row-level security and a SECURITY DEFINER function.
  await server.admin('CREATE TABLE orders (id int); ALTER TABLE orders ENABLE ROW LEVEL SECURITY; GRANT SELECT ON orders TO reporter');
  await server.admin("CREATE FUNCTION purge() RETURNS void LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'");
});

afterAll(async () => {
  await server?.stop();
  certs?.cleanup();
});

expectReadOnlyAfterEach(() => server);

const url = (query: string, role = 'reporter', pw = password) => `${server.url(role, pw, 'postgres')}${query}`;

async function verify(connectionUrl: string, env: NodeJS.ProcessEnv = {}): Promise<VerificationResult> {
  const ctx = testContext({ env });
  const result = await postgres.verify(makeToken('postgres.connection-url', connectionUrl), ctx);
  expect(JSON.stringify(result)).not.toContain(password);
  return result;
}

/** How the server saw the last connection of `role` (log_connections): TLS or not. */
function lastConnection(role: string): string {
  const entries = server.logEntries().filter((e) => e.user === role && e.message.startsWith('connection authorized'));
  return entries[entries.length - 1]?.message ?? 'none';
}
const note = (result: VerificationResult) => result.notes.find((n) => n.startsWith('connection: ')) ?? '';

describe('postgres sslmode follows libpq', () => {
  it('require: encrypts without checking the certificate, so the private CA does not matter', async () => {
    const result = await verify(url('?sslmode=require'));
    expect(result.status).toBe('live');
    expect(lastConnection('reporter')).toMatch(/SSL enabled/);
    expect(note(result)).toBe('connection: TLS, certificate not checked (sslmode=require)');
  });

  it('every unknown is scoped: row-level security narrows only, a SECURITY DEFINER function could act server-wide', async () => {
    const result = await verify(url('?sslmode=require'));
    const everything = `postgres://127.0.0.1:${server.port}/*`;
    expect(result.unknowns.find((u) => u.what.startsWith('rows of 1 table(s) with row-level security'))).toMatchObject({
      upTo: 'none',
      resources: [`postgres://127.0.0.1:${server.port}/postgres`],
    });
    expect(result.unknowns.find((u) => u.what.includes('SECURITY DEFINER'))).toMatchObject({
      upTo: 'destroy',
      resources: [everything],
      settle: expect.stringContaining('prosecdef'),
    });
    for (const u of result.unknowns) expect(u.upTo, u.what).toBeDefined();
  });

  it('verify-full without the CA: error naming PGSSLROOTCERT and sslrootcert, never invalid', async () => {
    const result = await verify(url('?sslmode=verify-full'));
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(
      /^127\.0\.0\.1:\d+: server certificate not verified \((SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/,
    );
    expect(result.detail).toContain("the system's trusted roots");
    expect(result.detail).toContain("give its CA in PGSSLROOTCERT (a URL's sslrootcert is never read from a scanned workspace)");
    expect(result.detail?.split('\n')).toHaveLength(1);
  });

  it('verify-full with the CA in PGSSLROOTCERT: connects, chain and host name checked', async () => {
    const result = await verify(url('?sslmode=verify-full'), { PGSSLROOTCERT: certs.caFile });
    expect(result.status).toBe('live');
    expect(lastConnection('reporter')).toMatch(/SSL enabled/);
    expect(note(result)).toBe(`connection: TLS, the chain checked against PGSSLROOTCERT (${certs.caFile}) and the host name 127.0.0.1 (sslmode=verify-full)`);
  });

  it("verify-full checks the URL's host name, also through a connect override; verify-ca checks the chain only", async () => {
    const via = { PGSSLROOTCERT: certs.caFile, BLASTRADIUS_POSTGRES_CONNECT_OVERRIDE: `127.0.0.1:${server.port}` };
    const named = (host: string, mode: string) => `postgres://reporter:${encodeURIComponent(password)}@${host}:5432/postgres?sslmode=${mode}`;
    expect((await verify(named('db.internal.test', 'verify-full'), via)).status).toBe('live');
    const mismatch = await verify(named('db.other.test', 'verify-full'), via);
    expect(mismatch.status).toBe('error');
    expect(mismatch.detail).toContain('server certificate not verified (ERR_TLS_CERT_ALTNAME_INVALID');
    expect((await verify(named('db.other.test', 'verify-ca'), via)).status).toBe('live');
  });

  it('a wrong password over a verified connection is still invalid', async () => {
    const result = await verify(url('?sslmode=verify-full', 'reporter', 'not-the-password'), { PGSSLROOTCERT: certs.caFile });
    expect(result.status).toBe('invalid');
    expect(result.detail).toContain('password authentication failed');
  });

  it("no sslmode is libpq's prefer: TLS when the server offers it", async () => {
    const result = await verify(url(''));
    expect(result.status).toBe('live');
    expect(lastConnection('reporter')).toMatch(/SSL enabled/);
  });

  it('disable: no TLS at all', async () => {
    const result = await verify(url('?sslmode=disable'));
    expect(result.status).toBe('live');
    expect(lastConnection('reporter')).not.toMatch(/SSL enabled/);
  });

  it('allow: plaintext first, TLS when the server refuses plaintext', async () => {
    const result = await verify(url('?sslmode=allow', 'tls_only'));
    expect(result.status).toBe('live');
    expect(lastConnection('tls_only')).toMatch(/SSL enabled/);
    expect(note(result)).toContain('the server refused plaintext, so the session used TLS');
  });

  it('require with an sslrootcert the URL names: the file is not read, and verification is kept', async () => {
    const named = url(`?sslmode=require&sslrootcert=${encodeURIComponent(certs.caFile)}`);
    const unread = await verify(named);
    expect(unread.status).toBe('error');
    expect(unread.detail).toContain('never read from a scanned workspace');
    // The user's own PGSSLROOTCERT is read: libpq checks the chain under require when a root certificate exists.
    const checked = await verify(named, { PGSSLROOTCERT: certs.caFile });
    expect(checked.status).toBe('live');
    expect(note(checked)).toContain('libpq checks the chain when a root certificate exists');
  });

  it("~/.postgresql/root.crt of the scanning user is libpq's default root certificate", async () => {
    const home = join(certs.dir, 'home');
    mkdirSync(join(home, '.postgresql'), { recursive: true });
    copyFileSync(certs.caFile, join(home, '.postgresql', 'root.crt'));
    const result = await verify(url('?sslmode=verify-full'), { HOME: home });
    expect(result.status).toBe('live');
    expect(note(result)).toContain(`the chain checked against ${join(home, '.postgresql', 'root.crt')}`);
  });

  it('PGSSLROOTCERT naming a missing file: verify-full refuses to connect (error, not invalid)', async () => {
    const result = await verify(url('?sslmode=verify-full'), { PGSSLROOTCERT: join(certs.dir, 'missing.crt') });
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/root certificate PGSSLROOTCERT \(.*missing\.crt\).*sslmode=verify-full cannot check the chain; not connected/);
  });
});
