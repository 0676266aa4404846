// Redis URLs: https://www.iana.org/assignments/uri-schemes/prov/redis and
// https://www.iana.org/assignments/uri-schemes/prov/rediss (TLS); the user part and the database
// number as clients read them: https://redis.io/docs/latest/develop/clients/nodejs/connect/
import type { TlsChoice } from '../db-tls.js';
import { hostPort, parseHostPort } from '../reach.js';
import { decodeUriPart } from '../../core/uri.js';

/** Where and as whom a Redis URL connects. */
export interface RedisTarget {
  name: string;
  port: number;
  /** The ACL user, or undefined for password-only AUTH (the `default` user). */
  user?: string;
  password: string;
  database: number;
  tls: TlsChoice;
  server: string;
  endpoint?: { host: string; port: number };
  ignored: string[];
}

export type ParsedRedisUrl = { ok: true; target: RedisTarget } | { ok: false; reason: string };

const DEFAULT_PORT = 6379;
export const CONNECT_OVERRIDE_ENV = 'BLASTRADIUS_REDIS_CONNECT_OVERRIDE';

/** Canonical id of the server (its databases share one process, one memory and one persistence): `redis://HOST:PORT`. */
export const serverId = (target: RedisTarget) => `redis://${target.server}`;

/** rediss:// is TLS with the certificate checked; redis-py's ssl_cert_reqs=none turns the check off. */
function tlsOf(url: URL): TlsChoice {
  if (url.protocol === 'redis:') return { mode: 'disabled', source: 'redis:// scheme' };
  const reqs = url.searchParams.get('ssl_cert_reqs')?.toLowerCase();
  if (reqs === 'none' || reqs === 'optional') return { mode: 'required', source: `rediss:// with ssl_cert_reqs=${reqs}` };
  return { mode: 'verify-identity', source: 'rediss:// scheme' };
}

/** Parses `redis://` and `rediss://` URLs: `[[user]:password@]host[:port][/db]`. */
export function parseRedisUrl(raw: string, env: NodeJS.ProcessEnv): ParsedRedisUrl {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'not a valid connection URL' };
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return { ok: false, reason: `unsupported scheme ${url.protocol}` };
  const hostname = decodeUriPart(url.hostname);
  if (!hostname) return { ok: false, reason: 'the URL names no server host' };
  const port = url.port ? Number(url.port) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, reason: 'invalid port' };
  const user = decodeUriPart(url.username);
  const password = decodeUriPart(url.password);
  if (user === undefined || password === undefined) return { ok: false, reason: 'invalid percent-encoding in the user part' };
  if (!password) return { ok: false, reason: 'the URL carries no password' };
  const path = url.pathname.replace(/^\//, '');
  const database = path ? Number(path) : 0;
  if (!Number.isInteger(database) || database < 0) return { ok: false, reason: `the URL's path (${path}) is not a database number` };
  const name = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const ignored = [...url.searchParams.keys()].filter((key) => key !== 'ssl_cert_reqs');
  const target: RedisTarget = { name, port, ...(user ? { user } : {}), password, database, tls: tlsOf(url), server: hostPort(name, port), ignored };
  const override = env[CONNECT_OVERRIDE_ENV];
  if (!override) return { ok: true, target };
  const moved = parseHostPort(override);
  if (!moved) return { ok: false, reason: `${CONNECT_OVERRIDE_ENV} must be HOST:PORT` };
  return { ok: true, target: { ...target, endpoint: moved } };
}
