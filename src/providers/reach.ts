import dns from 'node:dns';
import { isIP } from 'node:net';
import type { VerificationResult } from '../core/types.js';

/**
 * Where a database URL's host leads, decided before any credential is sent. Shared by the
 * database providers (PostgreSQL, MySQL, Redis, MongoDB): their secrets name a host, not an API.
 *
 * A private address (RFC 1918, RFC 6598 shared space, link-local, IPv6 unique-local) names a
 * machine inside someone's network: from the scanning machine it is either unreachable or,
 * worse, another machine that happens to hold that address here — which would then receive the
 * credentials. Such hosts are not contacted unless the scanning user says the scan runs inside
 * that network (PRIVATE_HOSTS_ENV, from the process environment only). Loopback is the scanning
 * machine itself and is contacted. The connection goes to the address resolved here, so a name
 * cannot resolve to a public address now and a private one at connect time.
 */

/** Set to 1 in the scanning user's environment to contact private-range database hosts (the scan runs inside their network). */
export const PRIVATE_HOSTS_ENV = 'BLASTRADIUS_DB_PRIVATE_HOSTS';

export interface NetworkDeps {
  lookup(host: string): Promise<{ address: string; family: number }[]>;
  resolveSrv(name: string): Promise<{ name: string; port: number; priority: number; weight: number }[]>;
  resolveTxt(name: string): Promise<string[][]>;
}

/**
 * The system resolver; provider tests pass their own so that no test sends a DNS query. The
 * callback functions are looked up at call time, so the test suite's network guard sees them.
 */
export const systemNetwork: NetworkDeps = {
  lookup: (host) =>
    new Promise((resolve, reject) => dns.lookup(host, { all: true, verbatim: true }, (error, found) => (error ? reject(error) : resolve(found)))),
  resolveSrv: (name) => new Promise((resolve, reject) => dns.resolveSrv(name, (error, found) => (error ? reject(error) : resolve(found)))),
  resolveTxt: (name) => new Promise((resolve, reject) => dns.resolveTxt(name, (error, found) => (error ? reject(error) : resolve(found)))),
};

export type AddressKind = 'loopback' | 'private' | 'public';

function ipv4Kind(address: string): AddressKind {
  const [a, b] = address.split('.').map(Number);
  if (a === 127) return 'loopback';
  if (a === 10 || a === 0) return 'private';
  if (a === 172 && b >= 16 && b <= 31) return 'private';
  if (a === 192 && b === 168) return 'private';
  if (a === 169 && b === 254) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'private';
  return 'public';
}

/** Which kind of network an IP address belongs to (IPv4-mapped IPv6 read as IPv4). */
export function addressKind(address: string): AddressKind {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped) return ipv4Kind(mapped[1]);
  if (isIP(bare) === 4) return ipv4Kind(bare);
  if (bare === '::1') return 'loopback';
  if (bare === '::' || /^f[cd][0-9a-f]{2}:/.test(bare) || /^fe[89ab][0-9a-f]:/.test(bare)) return 'private';
  return 'public';
}

export type Reach = { ok: true; address: string; kind: AddressKind } | { ok: false; reason: string };

const NOT_FOUND = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENODATA', 'ESERVFAIL', 'EAI_NONAME', 'ENONAME']);

/**
 * The address to connect to for `host`, or why it is not reachable from here. A name is resolved
 * once; the first usable address wins (public or loopback; private only with PRIVATE_HOSTS_ENV).
 */
export async function reachHost(host: string, env: NodeJS.ProcessEnv, net: NetworkDeps): Promise<Reach> {
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await net.lookup(host)).map((a) => a.address);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const why =
        typeof code === 'string' && NOT_FOUND.has(code)
          ? `the name ${host} does not resolve from here (${code})`
          : `the name ${host} could not be resolved (${String(code ?? error)})`;
      return { ok: false, reason: `host not reachable from here: ${why}` };
    }
    if (addresses.length === 0) return { ok: false, reason: `host not reachable from here: the name ${host} has no address` };
  }
  const privateAllowed = env[PRIVATE_HOSTS_ENV] === '1';
  const usable = addresses.find((a) => addressKind(a) !== 'private' || privateAllowed);
  if (usable) return { ok: true, address: usable, kind: addressKind(usable) };
  const named = isIP(host) ? host : `${host} (${addresses[0]})`;
  return {
    ok: false,
    reason: `host not reachable from here: ${named} is a private-network address; not contacted (set ${PRIVATE_HOSTS_ENV}=1 when scanning from inside that network)`,
  };
}

/** Network-level failures: the host is not there for us, which says nothing about the credentials. */
export const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EHOSTDOWN', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Nothing was asked of the server: `unverified`, and unknown is never safe — the credentials may
 * destroy whatever the server holds (`everything`, the server's wildcard id).
 */
export function notReachable(reason: string, everything: string, identity?: VerificationResult['identity']): VerificationResult {
  return {
    status: 'unverified',
    detail: reason,
    ...(identity ? { identity } : {}),
    grants: [],
    resources: [],
    protections: [],
    unknowns: [
      {
        what: 'everything these credentials can do on the server',
        reason,
        upTo: 'destroy',
        resources: [everything],
        settle: `verify from a machine that reaches the server (${PRIVATE_HOSTS_ENV}=1 for private addresses), or through a tunnel with the provider's CONNECT_OVERRIDE variable`,
      },
    ],
    notes: [],
  };
}

/** `HOST:PORT` as used in canonical ids (IPv6 in brackets). */
export const hostPort = (host: string, port: number) => `${host.includes(':') ? `[${host}]` : host}:${port}`;

/** `HOST:PORT` or `[IPv6]:PORT`, as the CONNECT_OVERRIDE variables take it. */
export function parseHostPort(text: string): { host: string; port: number } | undefined {
  const moved = /^(?:\[([0-9a-f:.]+)\]|([^\s:/@[\]]+)):(\d{1,5})$/i.exec(text.trim());
  const port = Number(moved?.[3]);
  if (!moved || port < 1 || port > 65535) return undefined;
  return { host: (moved[1] ?? moved[2]).toLowerCase(), port };
}
