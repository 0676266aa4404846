// libpq's sslmode: https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-PROTECTION and
// https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNECT-SSLMODE
// node-postgres reads the same words differently (pg-connection-string README, "sslmode" /
// "uselibpqcompat"): without uselibpqcompat=true, prefer / require / verify-ca all mean verify-full,
// `no-verify` is its own TLS-without-verification mode, and `ssl=true` is full verification.

/** libpq's modes, in libpq's meaning. */
export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';

/** What the URL (or the scanning user's PGSSLMODE) asks of the connection's encryption. */
export interface TlsRequest {
  mode: SslMode;
  /** Where the mode came from, for the notes: "sslmode=require", "PGSSLMODE=…", "no sslmode (libpq default prefer)". */
  source: string;
  /**
   * The URL names a root certificate: `system` (the SSL library's trusted roots, libpq 16+) or a
   * file, which is never read from a scanned URL but says that its author expects verification.
   */
  rootCert?: 'system' | 'file';
}

const MODES = new Set<string>(['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full']);

/**
 * The URL's TLS request. libpq's words keep libpq's meaning (the stronger reading wherever the two
 * libraries differ is applied at connection time, see tls.ts); node-postgres-only spellings keep
 * theirs: `sslmode=no-verify` and `ssl=no-verify` are TLS without verification (libpq's require),
 * `ssl=true|1` is full verification, `ssl=false|0` is no TLS. No sslmode: PGSSLMODE from the
 * scanning user's own environment, else libpq's default `prefer`.
 */
export function parseSslMode(params: URLSearchParams, env: NodeJS.ProcessEnv): TlsRequest | string {
  const rootCertParam = params.get('sslrootcert');
  const rootCert = rootCertParam === null ? undefined : rootCertParam === 'system' ? 'system' : 'file';
  const request = modeOf(params, env);
  if (typeof request === 'string') return request;
  // libpq 16+: sslrootcert=system makes verify-full the default, and any weaker mode an error.
  if (rootCert === 'system' && request.mode !== 'verify-full') {
    if (request.source.startsWith('no sslmode')) return { mode: 'verify-full', source: 'sslrootcert=system (libpq: defaults to verify-full)', rootCert };
    return `sslrootcert=system requires sslmode=verify-full (libpq refuses ${request.source}); not connected`;
  }
  return rootCert ? { ...request, rootCert } : request;
}

function modeOf(params: URLSearchParams, env: NodeJS.ProcessEnv): TlsRequest | string {
  const sslmode = params.get('sslmode');
  if (sslmode !== null) return named(sslmode, `sslmode=${sslmode}`);
  const ssl = params.get('ssl');
  if (ssl !== null) {
    if (ssl === '0' || ssl === 'false') return { mode: 'disable', source: `ssl=${ssl} (node-postgres: no TLS)` };
    if (ssl === 'no-verify') return { mode: 'require', source: 'ssl=no-verify (node-postgres: TLS without verification)' };
    return { mode: 'verify-full', source: `ssl=${ssl} (node-postgres: verified TLS)` };
  }
  const fromEnv = env.PGSSLMODE?.trim();
  if (fromEnv) return named(fromEnv, `PGSSLMODE=${fromEnv} (your environment)`);
  return { mode: 'prefer', source: 'no sslmode (libpq default prefer)' };
}

function named(mode: string, source: string): TlsRequest | string {
  if (mode === 'no-verify') return { mode: 'require', source: `${source} (node-postgres: TLS without verification)` };
  return MODES.has(mode) ? { mode: mode as SslMode, source } : `unknown sslmode ${mode}`;
}
