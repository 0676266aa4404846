import pg from 'pg';
import { errorMessage } from '../../core/errors.js';
import { scrub } from '../../core/secret.js';
import type { ProviderContext } from '../types.js';
import { type Attempt, planTransport, type Transport } from './tls.js';
import type { PostgresTarget } from './url.js';

/** Why a connection could not be opened: `invalid` only when the server refused the credentials themselves. */
export interface ConnectFailure {
  kind: 'invalid' | 'error' | 'no-database';
  detail: string;
}

/** A read-only session: every statement runs inside one `BEGIN READ ONLY` transaction that is rolled back. */
export interface ReadOnlySession {
  /** Set when the server (typically a connection pooler) refused our startup parameters: the session relies on BEGIN READ ONLY and SET LOCAL timeouts alone. */
  readonly withoutStartupOptions: boolean;
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs one catalog query inside a savepoint: a failure comes back as `{ error }` and the transaction stays usable. */
  tryQuery<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] } | { error: string }>;
}

// SQLSTATEs: https://www.postgresql.org/docs/current/errcodes-appendix.html
const RETRYABLE = new Set(['53300', '57P03', '53400']);
const CLOSE_WAIT_MS = 1000;
// PgBouncer and similar poolers refuse startup parameters they do not know (options, statement_timeout…).
const STARTUP_REJECTED = /unsupported startup parameter/i;
// node-postgres, when the server answers an SSLRequest with 'N'.
const NO_TLS_OFFERED = /server does not support SSL connections/i;
// pg_hba.conf refuses this client without encryption: "pg_hba.conf rejects connection … no encryption" (a
// hostnossl reject line) or "no pg_hba.conf entry … no encryption" (only hostssl lines); "SSL off" before PostgreSQL 12.
const PLAINTEXT_REFUSED = /pg_hba\.conf.*(no encryption|SSL off)/i;
// Node's certificate verification failures: https://nodejs.org/api/tls.html#x509-certificate-error-codes
const CERTIFICATE_FAILURE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH/;

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Classifies a failed connection attempt. Only a refusal of these credentials is `invalid`. */
export function classifyConnectError(error: unknown, target: PostgresTarget, timeoutMs: number): ConnectFailure & { retryable: boolean } {
  const code = sqlState(error);
  const message = errorMessage(error);
  const where = target.endpoint ? `${target.server} (via ${target.endpoint})` : target.server;
  if (STARTUP_REJECTED.test(message)) return { kind: 'error', detail: `${where}: ${message}`, retryable: false };
  // A certificate that could not be verified says nothing about the password: never invalid.
  if (code && CERTIFICATE_FAILURE.test(code)) {
    const how = target.transport?.describe ?? target.tls.source;
    return {
      kind: 'error',
      detail: `${where}: server certificate not verified (${code}: ${message}) with ${how}; give its CA in PGSSLROOTCERT (a URL's sslrootcert is never read from a scanned workspace)`,
      retryable: false,
    };
  }
  if (NO_TLS_OFFERED.test(message))
    return { kind: 'error', detail: `${where}: the server offers no TLS (it declined the SSLRequest), and ${target.tls.source} requires it`, retryable: false };
  if (code === '28P01') return { kind: 'invalid', detail: `${where}: password authentication failed for role ${target.user} (28P01)`, retryable: false };
  if (code === '28000') {
    if (/role .* does not exist/i.test(message)) return { kind: 'invalid', detail: `${where}: role ${target.user} does not exist (28000)`, retryable: false };
    if (/not permitted to log in/i.test(message)) return { kind: 'invalid', detail: `${where}: role ${target.user} may not log in (28000)`, retryable: false };
    // e.g. "no pg_hba.conf entry for host": this machine is not allowed, which says nothing about the password.
    return { kind: 'error', detail: `${where}: connection rejected by server configuration (28000): ${message}`, retryable: false };
  }
  if (code === '3D000') return { kind: 'no-database', detail: `${where}: database ${target.database} does not exist (3D000)`, retryable: false };
  if (code === '53300') return { kind: 'error', detail: `${where}: too many connections (53300): ${message}`, retryable: true };
  if (code && RETRYABLE.has(code)) return { kind: 'error', detail: `${where}: server not accepting connections now (${code}): ${message}`, retryable: true };
  if (message === 'timeout expired' || code === 'ETIMEDOUT') return { kind: 'error', detail: `${where}: no answer within ${timeoutMs} ms`, retryable: false };
  if (code === 'ECONNREFUSED') return { kind: 'error', detail: `${where}: connection refused`, retryable: false };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { kind: 'error', detail: `${where}: host not found (${code})`, retryable: false };
  if (code === 'ECONNRESET' || /terminated unexpectedly/i.test(message))
    return { kind: 'error', detail: `${where}: connection closed by the server: ${message}`, retryable: true };
  return { kind: 'error', detail: `${where}: ${code ? `${code}: ` : ''}${message}`, retryable: false };
}

function clientConfig(target: PostgresTarget, database: string, ctx: ProviderContext, startupOptions: boolean, ssl: Attempt): pg.ClientConfig {
  const base: pg.ClientConfig = {
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database,
    ssl,
    application_name: 'blastradius',
    connectionTimeoutMillis: ctx.timeoutMs,
    query_timeout: ctx.timeoutMs + 500,
    keepAlive: false,
  };
  if (!startupOptions) return base;
  return {
    ...base,
    // Startup parameters, not statements: the server makes every transaction read-only by default.
    options: '-c default_transaction_read_only=on',
    statement_timeout: ctx.timeoutMs,
    lock_timeout: lockTimeout(ctx),
    idle_in_transaction_session_timeout: ctx.timeoutMs * 2,
  };
}

const lockTimeout = (ctx: ProviderContext) => Math.min(ctx.timeoutMs, 2000);

async function closeQuietly(client: pg.Client): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const stop = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)));
  await Promise.race([client.end().catch(() => undefined), stop]);
  clearTimeout(timer);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Connected = { client: pg.Client; startupOptions: boolean };

/** The target's transport, planned once (it reads the user's root certificate) and shared by its sessions. */
function transportOf(target: PostgresTarget, ctx: ProviderContext): Transport | ConnectFailure {
  if (!target.transport) {
    const planned = planTransport(target.tls, target.name, ctx.env);
    if ('error' in planned) return { kind: 'error', detail: `${target.server}: ${planned.error}` };
    target.transport = planned;
  }
  return target.transport;
}

/** Whether the failed first attempt may give way to the next one (libpq's prefer and allow). */
function fallsBack(transport: Transport, error: unknown): boolean {
  if (transport.fallback === 'server-offers-no-tls') return NO_TLS_OFFERED.test(errorMessage(error));
  return transport.fallback === 'server-requires-tls' && sqlState(error) === '28000' && PLAINTEXT_REFUSED.test(errorMessage(error));
}

async function connectOnce(target: PostgresTarget, database: string, ctx: ProviderContext, startupOptions: boolean, transport: Transport): Promise<pg.Client> {
  const order = transport.working === undefined ? transport.attempts.map((_, i) => i) : [transport.working];
  for (const [n, index] of order.entries()) {
    const client = new pg.Client(clientConfig(target, database, ctx, startupOptions, transport.attempts[index]));
    // A server that drops the socket later must not crash the process with an unhandled 'error'.
    client.on('error', () => undefined);
    try {
      await client.connect();
      transport.working = index;
      return client;
    } catch (error) {
      await closeQuietly(client);
      if (n === order.length - 1 || !fallsBack(transport, error)) throw error;
    }
  }
  throw new Error('no connection attempt planned');
}

async function connectWithRetries(
  target: PostgresTarget,
  database: string,
  ctx: ProviderContext,
  clean: (text: string) => string,
): Promise<Connected | ConnectFailure> {
  const transport = transportOf(target, ctx);
  if (!('attempts' in transport)) return transport;
  let startupOptions = true;
  for (let attempt = 0; ; attempt++) {
    try {
      const client = await connectOnce(target, database, ctx, startupOptions, transport);
      return { client, startupOptions };
    } catch (error) {
      if (startupOptions && STARTUP_REJECTED.test(errorMessage(error))) {
        ctx.log(clean(`postgres ${target.server}/${database}: startup parameters refused (connection pooler?); reconnecting without them`));
        startupOptions = false;
        attempt--;
        continue;
      }
      const failure = classifyConnectError(error, { ...target, database }, ctx.timeoutMs);
      const wait = Math.min(250 * 2 ** attempt, ctx.maxRetryWaitMs);
      if (!failure.retryable || attempt >= ctx.retries) return { kind: failure.kind, detail: failure.detail };
      ctx.log(clean(`postgres ${target.server}/${database}: ${failure.detail}; retrying in ${wait} ms`));
      await sleep(wait);
    }
  }
}

/**
 * Connects to `database` with the URL's credentials and runs `work` inside `BEGIN READ ONLY`,
 * always ending with ROLLBACK. Connection failures come back as a ConnectFailure, scrubbed of
 * the secrets; errors thrown by `work` propagate (scrubbed) to the caller.
 */
export async function withReadOnlySession<T>(
  target: PostgresTarget,
  database: string,
  ctx: ProviderContext,
  secrets: readonly string[],
  work: (session: ReadOnlySession) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; failure: ConnectFailure }> {
  const clean = (text: string) => scrub(text, secrets);
  const connected = await connectWithRetries(target, database, ctx, clean);
  if (!('client' in connected)) return { ok: false, failure: { ...connected, detail: clean(connected.detail) } };
  const { client, startupOptions } = connected;
  let savepoints = 0;
  const session: ReadOnlySession = {
    withoutStartupOptions: !startupOptions,
    query: async <Row extends Record<string, unknown>>(sql: string, params?: unknown[]) => (await client.query<Row>(sql, params)).rows,
    tryQuery: async <Row extends Record<string, unknown>>(sql: string, params?: unknown[]) => {
      const name = `br_${++savepoints}`;
      await client.query(`SAVEPOINT ${name}`);
      try {
        const rows = (await client.query<Row>(sql, params)).rows;
        await client.query(`RELEASE SAVEPOINT ${name}`);
        return { rows };
      } catch (error) {
        await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
        return { error: clean(errorMessage(error)) };
      }
    },
  };
  try {
    await client.query('BEGIN READ ONLY');
    if (!startupOptions) {
      // SET LOCAL lasts until the ROLLBACK below, so a pooler hands the server connection back unchanged.
      await client.query(`SET LOCAL statement_timeout = ${Math.floor(ctx.timeoutMs)}`);
      await client.query(`SET LOCAL lock_timeout = ${Math.floor(lockTimeout(ctx))}`);
    }
    const value = await work(session);
    await client.query('ROLLBACK').catch(() => undefined);
    return { ok: true, value };
  } catch (error) {
    throw new Error(clean(`${target.server}/${database}: ${errorMessage(error)}`));
  } finally {
    await closeQuietly(client);
  }
}
