// Connection strings: https://www.mongodb.com/docs/manual/reference/connection-string/ and its options
// (https://www.mongodb.com/docs/manual/reference/connection-string-options/): authSource defaults to the
// path's database, else admin; mongodb+srv implies tls=true and reads authSource / replicaSet from TXT.
import type { TlsChoice } from '../db-tls.js';
import { hostPort, parseHostPort } from '../reach.js';
import { decodeUriPart } from '../../core/uri.js';

export interface MongoTarget {
  /** The first host of the URL (or the SRV name), lower-case: what a verified certificate must carry for SRV-less URLs. */
  name: string;
  port: number;
  /** Every host of a standard URL, in order. */
  hosts: { host: string; port: number }[];
  srv: boolean;
  user: string;
  password: string;
  /** Authentication database: authSource, else the path's database, else admin (TXT may set it for SRV URLs). */
  authSource: string;
  authSourceFrom: 'authSource' | 'path' | 'default' | 'TXT record';
  database?: string;
  mechanism?: 'SCRAM-SHA-1' | 'SCRAM-SHA-256';
  tls: TlsChoice;
  /** The cluster as ids name it: the SRV name, or the URL's host list. */
  server: string;
  endpoint?: { host: string; port: number };
  ignored: string[];
}

export type ParsedMongoUrl = { ok: true; target: MongoTarget } | { ok: false; reason: string };

export const CONNECT_OVERRIDE_ENV = 'BLASTRADIUS_MONGODB_CONNECT_OVERRIDE';
const DEFAULT_PORT = 27017;
// Options naming local files or other endpoints, or that our own settings override.
const NOT_FOLLOWED =
  /^(tlsCAFile|tlsCertificateKeyFile|tlsCertificateKeyFilePassword|tlsCRLFile|sslCA|sslCert|sslKey|sslPass|proxyHost|proxyPort|proxyUsername|proxyPassword|authMechanismProperties|directConnection|loadBalanced|readPreference|replicaSet|appName|compressors|serverSelectionTimeoutMS|connectTimeoutMS|socketTimeoutMS|maxPoolSize|minPoolSize|retryWrites|retryReads|w|journal|srvServiceName|srvMaxHosts)$/i;

/** Canonical id of one database: `mongodb://CLUSTER/DATABASE`. */
export const databaseId = (target: MongoTarget, database: string) => `mongodb://${target.server}/${database}`;
/** Every database of the cluster. */
export const clusterWildcard = (target: MongoTarget) => `mongodb://${target.server}/*`;

const truthy = (value: string | null) => value !== null && /^(true|1|yes)$/i.test(value);

function tlsOf(params: URLSearchParams, srv: boolean): TlsChoice {
  const get = (name: string) => [...params].find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ?? null;
  const tls = get('tls') ?? get('ssl');
  const on = tls === null ? srv : truthy(tls);
  const source = tls === null ? (srv ? 'mongodb+srv:// (TLS by default)' : 'no tls option (MongoDB default: off)') : `tls=${tls}`;
  if (!on) return { mode: 'disabled', source };
  if (truthy(get('tlsInsecure')) || truthy(get('tlsAllowInvalidCertificates'))) return { mode: 'required', source: `${source} with certificate checks off` };
  if (truthy(get('tlsAllowInvalidHostnames'))) return { mode: 'verify-ca', source: `${source} with tlsAllowInvalidHostnames` };
  return { mode: 'verify-identity', source };
}

/**
 * Parses `mongodb://` and `mongodb+srv://` strings. Only password mechanisms are verified
 * (SCRAM-SHA-1/256, or none named): X.509, AWS, Kerberos and OIDC credentials are not in the URL.
 */
export function parseMongoUrl(raw: string, env: NodeJS.ProcessEnv): ParsedMongoUrl {
  const match = /^(mongodb(?:\+srv)?):\/\/([^@/]*)@([^/?#]+)(\/[^?#]*)?(\?[^#]*)?$/i.exec(raw.trim());
  if (!match) return { ok: false, reason: 'not a MongoDB connection string with credentials' };
  const srv = match[1].toLowerCase() === 'mongodb+srv';
  const colon = match[2].indexOf(':');
  const user = decodeUriPart(colon < 0 ? match[2] : match[2].slice(0, colon));
  const password = decodeUriPart(colon < 0 ? '' : match[2].slice(colon + 1));
  if (!user) return { ok: false, reason: 'the URL names no user' };
  if (!password) return { ok: false, reason: 'the URL carries no password' };
  const hosts: { host: string; port: number }[] = [];
  for (const item of match[3].split(',')) {
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(item);
    const [host, port] = bracketed ? [bracketed[1], bracketed[2]] : item.split(':');
    const number = port ? Number(port) : DEFAULT_PORT;
    if (!host || !Number.isInteger(number) || number < 1 || number > 65535) return { ok: false, reason: `invalid host ${item}` };
    hosts.push({ host: (decodeUriPart(host) ?? host).toLowerCase(), port: number });
  }
  if (srv && (hosts.length !== 1 || match[3].includes(':'))) return { ok: false, reason: 'a mongodb+srv URL names one host and no port' };
  const params = new URLSearchParams(match[5]?.slice(1) ?? '');
  const path = decodeUriPart((match[4] ?? '').replace(/^\//, ''));
  if (path === undefined) return { ok: false, reason: 'invalid percent-encoding in the database name' };
  const mechanism = params.get('authMechanism');
  if (mechanism && !['SCRAM-SHA-1', 'SCRAM-SHA-256', 'DEFAULT'].includes(mechanism))
    return { ok: false, reason: `authMechanism=${mechanism} carries no password to verify here` };
  const authSource = params.get('authSource');
  const server = srv ? hosts[0].host : hosts.map((h) => hostPort(h.host, h.port)).join(',');
  const target: MongoTarget = {
    name: hosts[0].host,
    port: hosts[0].port,
    hosts,
    srv,
    user,
    password,
    authSource: authSource || path || 'admin',
    authSourceFrom: authSource ? 'authSource' : path ? 'path' : 'default',
    ...(path ? { database: path } : {}),
    ...(mechanism === 'SCRAM-SHA-1' || mechanism === 'SCRAM-SHA-256' ? { mechanism } : {}),
    tls: tlsOf(params, srv),
    server,
    ignored: [...params.keys()].filter((key) => NOT_FOLLOWED.test(key)),
  };
  const override = env[CONNECT_OVERRIDE_ENV];
  if (!override) return { ok: true, target };
  const moved = parseHostPort(override);
  if (!moved) return { ok: false, reason: `${CONNECT_OVERRIDE_ENV} must be HOST:PORT` };
  return { ok: true, target: { ...target, endpoint: moved } };
}
