// Server error codes: https://dev.mysql.com/doc/mysql-errors/8.4/en/server-error-reference.html and
// https://mariadb.com/kb/en/mariadb-error-code-reference/
// SET TRANSACTION: https://dev.mysql.com/doc/refman/8.4/en/set-transaction.html
// Timeouts: https://dev.mysql.com/doc/refman/8.4/en/server-system-variables.html#sysvar_max_execution_time
// and https://mariadb.com/kb/en/aborting-statements/ (max_statement_time, in seconds)
import { connect as netConnect } from 'node:net';
import mysql from 'mysql2/promise';
import { errorMessage } from '../../core/errors.js';
import { certificateFailure, isCertificateFailure, tlsOptions } from '../db-tls.js';
import type { Route } from '../db-verify.js';
import { UNREACHABLE_CODES } from '../reach.js';
import type { ProviderContext } from '../types.js';
import type { MysqlTarget } from './url.js';

/** Why no session: `invalid` only when the server refused the credentials themselves. */
export interface ConnectFailure {
  kind: 'invalid' | 'error' | 'unreachable' | 'no-database' | 'must-change-password';
  detail: string;
}

/** A read-only session: SET SESSION TRANSACTION READ ONLY and a statement timeout come first. */
export interface ReadOnlySession {
  readonly flavor: 'mariadb' | 'mysql';
  readonly plaintext: boolean;
  query<Row>(sql: string): Promise<Row[]>;
  /** One statement whose failure comes back as `{ error }`: a refused read costs only that read. */
  tryQuery<Row>(sql: string): Promise<{ rows: Row[] } | { error: string }>;
}

const NO_TLS_OFFERED = 'HANDSHAKE_NO_SSL_SUPPORT';

function classify(error: unknown, target: MysqlTarget, route: Route, ctx: ProviderContext): ConnectFailure {
  const code = String((error as { code?: unknown }).code ?? '');
  const errno = Number((error as { errno?: unknown }).errno ?? 0);
  const message = errorMessage(error);
  const where = target.endpoint ? `${target.server} (via ${route.address}:${route.port})` : target.server;
  if (isCertificateFailure(error)) return { kind: 'error', detail: certificateFailure(where, error, target.tls) };
  if (code === NO_TLS_OFFERED) return { kind: 'error', detail: `${where}: the server offers no TLS, and ${target.tls.source} requires it` };
  if (errno === 1045)
    return { kind: 'invalid', detail: `${where}: access denied for user ${target.user} (1045: wrong password, or no such account for this client host)` };
  if (errno === 3118 || errno === 4151) return { kind: 'invalid', detail: `${where}: account ${target.user} is locked (${errno})` };
  if (errno === 1044 || errno === 1049) return { kind: 'no-database', detail: `${where}: database ${target.database} refused or missing (${errno})` };
  if (errno === 1862 || errno === 1820)
    return {
      kind: 'must-change-password',
      detail: `${where}: the password was accepted but has expired (${errno}): the account must change it before running statements`,
    };
  if (errno === 1130 || errno === 1129)
    return { kind: 'error', detail: `${where}: the server does not accept connections from this machine (${errno}); says nothing about the password` };
  if (errno === 3159) return { kind: 'error', detail: `${where}: the server requires TLS (3159), and ${target.tls.source} disables it` };
  if (errno === 1040) return { kind: 'error', detail: `${where}: too many connections (1040)` };
  if (code === 'ETIMEDOUT' || UNREACHABLE_CODES.has(code)) {
    const why = code === 'ETIMEDOUT' ? `no answer within ${ctx.timeoutMs} ms` : `${code}`;
    // A private address was contacted only because the user said the scan runs inside that network.
    return route.kind === 'private'
      ? { kind: 'unreachable', detail: `host not reachable from here: ${where}: ${why}` }
      : { kind: 'error', detail: `${where}: ${why}` };
  }
  if (/auth.*plugin|clear.?password/i.test(message)) return { kind: 'error', detail: `${where}: authentication method not used by blastradius: ${message}` };
  return { kind: 'error', detail: `${where}: ${code ? `${code}: ` : ''}${message}` };
}

// A server (or whoever answers at its address) asking for the password in clear text gets nothing.
const refuseClearPassword = () => () => {
  throw new Error('the server asked for the password in clear text (mysql_clear_password); not sent');
};

async function open(target: MysqlTarget, route: Route, database: string | undefined, ctx: ProviderContext, tls: boolean) {
  let ssl: mysql.SslOptions | undefined;
  if (tls && target.tls.mode !== 'disabled') {
    const options = tlsOptions(target.tls.mode, target.name, ctx.env);
    if ('error' in options) throw Object.assign(new Error(options.error), { code: 'BLASTRADIUS_CA' });
    ssl = {
      rejectUnauthorized: options.rejectUnauthorized,
      verifyIdentity: target.tls.mode === 'verify-identity',
      ...(options.ca ? { ca: options.ca as string } : {}),
    } as mysql.SslOptions;
  }
  return mysql.createConnection({
    // The URL's name (for the certificate check); the socket goes to the address resolved before.
    host: target.name,
    port: route.port,
    stream: () => netConnect(route.port, route.address),
    user: target.user,
    password: target.password,
    ...(database ? { database } : {}),
    ...(ssl ? { ssl } : {}),
    connectTimeout: ctx.timeoutMs,
    multipleStatements: false,
    flags: ['-LOCAL_FILES', '-MULTI_STATEMENTS'],
    authPlugins: { mysql_clear_password: refuseClearPassword },
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
  });
}

type Opened = { connection: mysql.Connection; plaintext: boolean; database?: string };

/** Connects with the URL's TLS mode (PREFERRED falls back to plaintext only when the server offers no TLS), then without the database if it is refused. */
async function connect(target: MysqlTarget, route: Route, ctx: ProviderContext): Promise<Opened | ConnectFailure> {
  let database = target.database;
  let tls = target.tls.mode !== 'disabled';
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      const connection = await open(target, route, database, ctx, tls);
      return { connection, plaintext: !tls, ...(database ? { database } : {}) };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'BLASTRADIUS_CA') return { kind: 'error', detail: `${target.server}: ${errorMessage(error)}` };
      if (tls && target.tls.mode === 'preferred' && code === NO_TLS_OFFERED) {
        tls = false;
        continue;
      }
      const failure = classify(error, target, route, ctx);
      if (failure.kind === 'no-database' && database) {
        ctx.log(`mysql ${target.server}: ${failure.detail}; reconnecting without a database`);
        database = undefined;
        continue;
      }
      return failure;
    }
  }
  return { kind: 'error', detail: `${target.server}: could not connect` };
}

/**
 * Opens one connection, makes it read-only (SET SESSION TRANSACTION READ ONLY, then a statement
 * timeout in the server's own variable), runs `work`, and closes it. Connection failures come back
 * as a ConnectFailure; errors thrown by `work` propagate to the caller.
 */
export async function withReadOnlySession<T>(
  target: MysqlTarget,
  route: Route,
  ctx: ProviderContext,
  work: (session: ReadOnlySession, database: string | undefined) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; failure: ConnectFailure }> {
  const opened = await connect(target, route, ctx);
  if (!('connection' in opened)) return { ok: false, failure: opened };
  const { connection, plaintext } = opened;
  connection.on('error', () => undefined);
  const timeout = ctx.timeoutMs + 500;
  const query = async <Row>(sql: string) => (await connection.query({ sql, timeout }))[0] as Row[];
  try {
    await query('SET SESSION TRANSACTION READ ONLY');
    const [{ version }] = await query<{ version: string }>('SELECT VERSION() AS version');
    const flavor = /mariadb/i.test(version) ? 'mariadb' : 'mysql';
    const seconds = Math.max(1, Math.ceil(ctx.timeoutMs / 1000));
    // Best effort: an old server without the variable still runs read-only.
    await query(flavor === 'mariadb' ? `SET SESSION max_statement_time = ${seconds}` : `SET SESSION max_execution_time = ${seconds * 1000}`).catch(
      () => undefined,
    );
    const session: ReadOnlySession = {
      flavor,
      plaintext,
      query,
      tryQuery: async <Row>(sql: string) => {
        try {
          return { rows: await query<Row>(sql) };
        } catch (error) {
          return { error: errorMessage(error) };
        }
      },
    };
    return { ok: true, value: await work(session, opened.database) };
  } catch (error) {
    // An expired password logs in to a sandbox where statements other than SET fail (1820): accepted, nothing readable.
    if (Number((error as { errno?: unknown }).errno) === 1820) return { ok: false, failure: classify(error, target, route, ctx) };
    throw error;
  } finally {
    await Promise.race([connection.end().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    connection.destroy();
  }
}
