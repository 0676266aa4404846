import { parseSslMode, type TlsRequest } from './sslmode.js';
import type { Transport } from './tls.js';
import { decodeUriPart } from '../../core/uri.js';

/** Where and as whom a connection URL connects, after the safety checks below. */
export interface PostgresTarget {
  /** Host to connect to (IPv6 without brackets). */
  host: string;
  /** The URL's own host (lower-case, IPv6 without brackets): the name a verified certificate must carry. */
  name: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** What the URL asks of encryption (libpq's sslmode), see sslmode.ts. */
  tls: TlsRequest;
  /** How connections are opened, planned on first connection (tls.ts) and shared by the sessions. */
  transport?: Transport;
  /** `HOST:PORT` as used in canonical ids (lower-case, IPv6 in brackets). */
  server: string;
  /** `HOST:PORT` actually connected to, when BLASTRADIUS_POSTGRES_CONNECT_OVERRIDE moved the connection (ids still use `server`). */
  endpoint?: string;
  /** Query parameters we deliberately did not follow, for the notes. */
  ignored: string[];
}

export type ParsedUrl = { ok: true; target: PostgresTarget } | { ok: false; reason: string };

const DEFAULT_PORT = 5432;

/**
 * `HOST:PORT` to connect to instead of the URL's server (a tunnel, the offline demo). Read from the
 * process environment only, like every base-URL override: a scanned workspace cannot set it.
 */
export const CONNECT_OVERRIDE_ENV = 'BLASTRADIUS_POSTGRES_CONNECT_OVERRIDE';

// Parameters that would move the connection to another server than the one the URL's authority
// names, or make us read local files (client keys, CA bundles, service and password files) chosen
// by whoever wrote the scanned workspace.
const REDIRECTING = new Set(['host', 'hostaddr', 'port', 'service']);
const LOCAL_FILES = new Set(['sslcert', 'sslkey', 'sslrootcert', 'sslcrl', 'sslcrldir', 'sslpassword', 'passfile', 'servicefile']);
// Our own session settings (read-only transactions, timeouts) must win over the URL's.
const OVERRIDDEN = new Set(['options', 'connect_timeout', 'application_name', 'fallback_application_name', 'replication', 'target_session_attrs']);

/** Canonical id of one database: `postgres://HOST:PORT/DATABASE`. */
export function databaseId(target: PostgresTarget, database: string): string {
  return `postgres://${target.server}/${database}`;
}

/** Every database of the server: `postgres://HOST:PORT/*`. */
export function serverWildcard(target: PostgresTarget): string {
  return `postgres://${target.server}/*`;
}

/**
 * Parses a `postgres://` / `postgresql://` URL the way libpq reads it, without pg-connection-string
 * (which reads any file the URL names). The URL is the target; only BLASTRADIUS_POSTGRES_CONNECT_OVERRIDE
 * in the scanning user's own environment moves the connection (ids and identity keep the URL's server).
 * `sslmode` keeps libpq's meaning (sslmode.ts, tls.ts); without it, PGSSLMODE from the user's own
 * environment, else libpq's default `prefer`.
 */
export function parseConnectionUrl(raw: string, env: NodeJS.ProcessEnv): ParsedUrl {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'not a valid connection URL' };
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return { ok: false, reason: `unsupported scheme ${url.protocol}` };
  const params = url.searchParams;
  const redirecting = [...params.keys()].filter((key) => REDIRECTING.has(key));
  if (redirecting.length) {
    return { ok: false, reason: `the URL names its server in query parameter(s) ${redirecting.join(', ')}; not followed, so not verified` };
  }

  const hostname = decodeUriPart(url.hostname);
  if (!hostname) return { ok: false, reason: 'the URL names no server host' };
  if (hostname.startsWith('/') || hostname.startsWith('@'))
    return { ok: false, reason: 'the URL names a Unix-domain socket on the scanning machine; not verified' };
  if (hostname.includes(',')) return { ok: false, reason: 'multi-host URLs are not supported' };
  const port = url.port ? Number(url.port) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, reason: 'invalid port' };

  const user = params.get('user') ?? decodeUriPart(url.username);
  const password = params.get('password') ?? decodeUriPart(url.password);
  if (!user) return { ok: false, reason: 'the URL names no user' };
  // An empty password would make node-postgres fall back to PGPASSWORD: never send the user's own password elsewhere.
  if (!password) return { ok: false, reason: 'the URL carries no password' };
  const path = decodeUriPart(url.pathname.replace(/^\//, ''));
  if (path === undefined) return { ok: false, reason: 'invalid percent-encoding in the database name' };
  const database = params.get('dbname') ?? (path || user);

  const tls = parseSslMode(params, env);
  if (typeof tls === 'string') return { ok: false, reason: tls };

  const ignored = [...params.keys()].filter((key) => LOCAL_FILES.has(key) || OVERRIDDEN.has(key));
  const bareHost = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const server = hostPort(bareHost, port);
  const target: PostgresTarget = { host: bareHost, name: bareHost, port, user, password, database, tls, server, ignored };
  const override = env[CONNECT_OVERRIDE_ENV];
  if (!override) return { ok: true, target };
  // A malformed override stops verification rather than silently connecting to the URL's own server.
  const moved = /^(?:\[([0-9a-f:.]+)\]|([^\s:/@[\]]+)):(\d{1,5})$/i.exec(override.trim());
  const movedPort = Number(moved?.[3]);
  if (!moved || movedPort < 1 || movedPort > 65535) return { ok: false, reason: `${CONNECT_OVERRIDE_ENV} must be HOST:PORT` };
  const movedHost = (moved[1] ?? moved[2]).toLowerCase();
  return { ok: true, target: { ...target, host: movedHost, port: movedPort, endpoint: hostPort(movedHost, movedPort) } };
}

const hostPort = (host: string, port: number) => `${host.includes(':') ? `[${host}]` : host}:${port}`;
