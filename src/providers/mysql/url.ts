// MySQL connection URIs: https://dev.mysql.com/doc/refman/8.4/en/connecting-using-uri-or-key-value-pairs.html
// --ssl-mode values: https://dev.mysql.com/doc/refman/8.4/en/connection-options.html#option_general_ssl-mode
// MariaDB Connector/J sslMode: https://mariadb.com/docs/connectors/mariadb-connector-j/about-mariadb-connector-j
import type { TlsChoice, TlsMode } from '../db-tls.js';
import { hostPort, parseHostPort } from '../reach.js';
import { decodeUriPart } from '../../core/uri.js';

/** Where and as whom a MySQL URL connects, after the safety checks below. */
export interface MysqlTarget {
  /** The URL's host (lower-case, IPv6 without brackets): the name a verified certificate must carry. */
  name: string;
  port: number;
  user: string;
  password: string;
  /** The URL's database, if it names one. */
  database?: string;
  tls: TlsChoice;
  /** `HOST:PORT` as used in canonical ids (lower-case, IPv6 in brackets). */
  server: string;
  /** `HOST:PORT` actually connected to, when CONNECT_OVERRIDE_ENV moved the connection. */
  endpoint?: { host: string; port: number };
  /** Query parameters deliberately not followed, for the notes. */
  ignored: string[];
}

export type ParsedMysqlUrl = { ok: true; target: MysqlTarget } | { ok: false; reason: string };

const DEFAULT_PORT = 3306;
export const CONNECT_OVERRIDE_ENV = 'BLASTRADIUS_MYSQL_CONNECT_OVERRIDE';

// Parameters that would make us read local files (keys, CA bundles) or use a local socket, chosen
// by whoever wrote the scanned workspace; our own session settings win over the rest.
const LOCAL_OR_OURS =
  /^(socket|ssl-?(ca|capath|cert|key|crl|crlpath|cipher)|ssl(ca|cert|key|rootcert)|server-?cert|trust-?store.*|key-?store.*|connect-?timeout|init-?command|local-?infile|allow-?load-?local-?infile|multiple-?statements)$/i;

const MYSQL_MODES: Record<string, TlsMode> = {
  DISABLED: 'disabled',
  PREFERRED: 'preferred',
  REQUIRED: 'required',
  VERIFY_CA: 'verify-ca',
  VERIFY_IDENTITY: 'verify-identity',
};
const MARIADB_MODES: Record<string, TlsMode> = { disable: 'disabled', trust: 'required', 'verify-ca': 'verify-ca', 'verify-full': 'verify-identity' };
// go-sql-driver/mysql's `tls` parameter: https://github.com/go-sql-driver/mysql#tls
const GO_MODES: Record<string, TlsMode> = { true: 'verify-identity', false: 'disabled', 'skip-verify': 'required', preferred: 'preferred' };

/** The URL's TLS request: MySQL's ssl-mode first, then MariaDB's sslMode, Go's tls, node drivers' ssl; else MySQL's default PREFERRED. */
export function parseTls(params: URLSearchParams): TlsChoice | string {
  const get = (...names: string[]) => {
    for (const [key, value] of params) if (names.includes(key.toLowerCase())) return { key, value };
    return undefined;
  };
  const mysql = get('ssl-mode', 'ssl_mode');
  if (mysql) {
    const mode = MYSQL_MODES[mysql.value.toUpperCase()];
    return mode ? { mode, source: `${mysql.key}=${mysql.value}` } : `unknown ${mysql.key} ${mysql.value}`;
  }
  const mariadb = get('sslmode');
  if (mariadb) {
    const mode = MARIADB_MODES[mariadb.value.toLowerCase()] ?? MYSQL_MODES[mariadb.value.toUpperCase()];
    return mode ? { mode, source: `${mariadb.key}=${mariadb.value}` } : `unknown ${mariadb.key} ${mariadb.value}`;
  }
  const go = get('tls');
  if (go) {
    const mode = GO_MODES[go.value.toLowerCase()];
    return mode
      ? { mode, source: `${go.key}=${go.value} (Go driver)` }
      : `tls=${go.value} names a TLS configuration registered in the application; not followed`;
  }
  const ssl = get('ssl', 'usessl');
  if (ssl) {
    const value = ssl.value.trim();
    if (/^(false|0)$/i.test(value)) return { mode: 'disabled', source: `${ssl.key}=${value}` };
    // mysql2 reads ssl as JSON; rejectUnauthorized:false is TLS without verification.
    if (/"rejectUnauthorized"\s*:\s*false/.test(value)) return { mode: 'required', source: `${ssl.key} with rejectUnauthorized false` };
    return { mode: 'verify-identity', source: `${ssl.key}=${value.slice(0, 40)}` };
  }
  return { mode: 'preferred', source: 'no TLS parameter (MySQL default PREFERRED)' };
}

/** Canonical id of one database: `mysql://HOST:PORT/DATABASE`. */
export const databaseId = (target: MysqlTarget, database: string) => `mysql://${target.server}/${database}`;
/** Every database of the server: `mysql://HOST:PORT/*`. */
export const serverWildcard = (target: MysqlTarget) => `mysql://${target.server}/*`;

/**
 * Parses `mysql://`, `mysql2://` and `mariadb://` URLs. The URL is the target; only
 * CONNECT_OVERRIDE_ENV in the scanning user's own environment moves the connection (ids keep the
 * URL's server). Local files and sockets named by the URL are never used.
 */
export function parseMysqlUrl(raw: string, env: NodeJS.ProcessEnv): ParsedMysqlUrl {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'not a valid connection URL' };
  }
  if (!['mysql:', 'mysql2:', 'mariadb:'].includes(url.protocol)) return { ok: false, reason: `unsupported scheme ${url.protocol}` };
  const hostname = decodeUriPart(url.hostname);
  if (!hostname) return { ok: false, reason: 'the URL names no server host' };
  if (hostname.includes(',')) return { ok: false, reason: 'multi-host URLs are not supported' };
  const port = url.port ? Number(url.port) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, reason: 'invalid port' };
  const user = decodeUriPart(url.username);
  const password = decodeUriPart(url.password);
  if (!user) return { ok: false, reason: 'the URL names no user' };
  if (!password) return { ok: false, reason: 'the URL carries no password' };
  const path = decodeUriPart(url.pathname.replace(/^\//, ''));
  if (path === undefined) return { ok: false, reason: 'invalid percent-encoding in the database name' };
  const tls = parseTls(url.searchParams);
  if (typeof tls === 'string') return { ok: false, reason: tls };
  const name = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const ignored = [...url.searchParams.keys()].filter((key) => LOCAL_OR_OURS.test(key));
  const target: MysqlTarget = { name, port, user, password, ...(path ? { database: path } : {}), tls, server: hostPort(name, port), ignored };
  const override = env[CONNECT_OVERRIDE_ENV];
  if (!override) return { ok: true, target };
  const moved = parseHostPort(override);
  if (!moved) return { ok: false, reason: `${CONNECT_OVERRIDE_ENV} must be HOST:PORT` };
  return { ok: true, target: { ...target, endpoint: moved } };
}
