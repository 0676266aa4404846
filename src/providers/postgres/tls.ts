import { isIP } from 'node:net';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { ConnectionOptions } from 'node:tls';
import { errorMessage } from '../../core/errors.js';
import { readCapped } from '../db-tls.js';
import type { TlsRequest } from './sslmode.js';

// Required, not imported: Node builds an ES module's view of a built-in by reading every export,
// and node:tls's rootCertificates parses the whole CA store. Every scan that finds a token loads
// this module (the database manifests do), and only verifying a database needs the function.
const { checkServerIdentity } = createRequire(import.meta.url)('node:tls') as typeof import('node:tls');

/** One way to open a connection: plaintext, or TLS with these options. */
export type Attempt = false | ConnectionOptions;

/**
 * How connections to one server are opened, planned once per URL from its TLS request and the
 * scanning user's root certificate. `fallback`: when the first attempt may give way to the second —
 * libpq's prefer (the server offers no TLS: plaintext) and allow (the server refuses plaintext: TLS).
 */
export interface Transport {
  attempts: Attempt[];
  fallback?: 'server-offers-no-tls' | 'server-requires-tls';
  /** The attempt that worked on the first connection, reused for the others. */
  working?: number;
  /** What the connection promises, for notes and error lines. */
  describe: string;
  /** Whether a certificate is checked: a failure then names how to give the CA (PGSSLROOTCERT). */
  verifies: boolean;
}

type Anchors = { ca: string; source: string } | { system: true; source: string } | { missing: string } | undefined;

/**
 * The scanning user's root certificate, as libpq finds it: PGSSLROOTCERT (a file, or `system` for
 * the SSL library's roots), else ~/.postgresql/root.crt. Never a file named by the scanned URL.
 */
function userAnchors(env: NodeJS.ProcessEnv): Anchors {
  const configured = env.PGSSLROOTCERT?.trim();
  if (configured === 'system') return { system: true, source: 'PGSSLROOTCERT=system' };
  const path = configured || (env.HOME ? join(env.HOME, '.postgresql', 'root.crt') : undefined);
  if (!path) return undefined;
  try {
    return { ca: readCapped(path), source: configured ? `PGSSLROOTCERT (${path})` : path };
  } catch (error) {
    return configured ? { missing: `PGSSLROOTCERT (${path}): ${errorMessage(error)}` } : undefined;
  }
}

const unverified: ConnectionOptions = { rejectUnauthorized: false };

/** The chain is checked against `ca` (or the system roots); the host name only with `name`. */
function verified(ca: string | undefined, name?: string): ConnectionOptions {
  const identity = name
    ? {
        checkServerIdentity: (_host: string, cert: Parameters<typeof checkServerIdentity>[1]) => checkServerIdentity(name, cert),
        ...(isIP(name) ? {} : { servername: name }),
      }
    : { checkServerIdentity: () => undefined };
  return { rejectUnauthorized: true, ...(ca ? { ca } : {}), ...identity };
}

/**
 * libpq's meaning of each mode, never weaker than it: `require` encrypts without checking the
 * certificate (unless a root certificate is configured or named: then the chain is checked, as
 * libpq does when root.crt exists); `verify-ca` checks the chain; `verify-full` the chain and the
 * host name — the URL's host, also when BLASTRADIUS_POSTGRES_CONNECT_OVERRIDE tunnels elsewhere.
 * Where libpq would refuse for lack of a root certificate, the system's trusted roots are used
 * with the host name checked (libpq's sslrootcert=system), which only a publicly certified server
 * passes; a private CA (RDS, DigitalOcean, Supabase direct connections…) needs PGSSLROOTCERT.
 * One deviation, stricter: libpq's prefer also falls back to plaintext after a failed certificate
 * check; here only a server offering no TLS at all gets a plaintext connection.
 */
export function planTransport(request: TlsRequest, name: string, env: NodeJS.ProcessEnv): Transport | { error: string } {
  const { mode, source } = request;
  const anchors = userAnchors(env);
  if (anchors && 'system' in anchors && mode !== 'verify-full')
    return { error: `PGSSLROOTCERT=system requires sslmode=verify-full (libpq refuses ${source}); not connected` };
  const userCa = anchors && 'ca' in anchors ? anchors : undefined;
  const missing = anchors && 'missing' in anchors ? anchors.missing : undefined;
  const byChain = userCa ? `the chain checked against ${userCa.source}` : undefined;
  const systemFull = `the chain checked against the system's trusted roots and the host name ${name}`;
  const full = (ca?: { ca: string; source: string }, why = '') => ({
    attempts: [verified(ca?.ca, name)],
    verifies: true,
    describe: `TLS, ${ca ? `the chain checked against ${ca.source} and the host name ${name}` : systemFull} (${source}${why})`,
  });
  switch (mode) {
    case 'disable':
      return { attempts: [false], verifies: false, describe: `no TLS (${source})` };
    case 'allow':
      return {
        attempts: [false, userCa ? verified(userCa.ca) : unverified],
        fallback: 'server-requires-tls',
        verifies: Boolean(userCa),
        describe: `plaintext first, TLS if the server requires it${byChain ? ` (${byChain})` : ', certificate not checked'} (${source})`,
      };
    case 'prefer':
      return {
        attempts: [userCa ? verified(userCa.ca) : unverified, false],
        fallback: 'server-offers-no-tls',
        verifies: Boolean(userCa),
        describe: `TLS${byChain ? ` with ${byChain}` : ', certificate not checked'}; plaintext only if the server offers no TLS (${source})`,
      };
    case 'require':
      if (userCa)
        return {
          attempts: [verified(userCa.ca)],
          verifies: true,
          describe: `TLS, ${byChain} (${source}; libpq checks the chain when a root certificate exists)`,
        };
      if (request.rootCert === 'file')
        return full(undefined, '; the URL names an sslrootcert, which is never read from a scanned workspace, so verification is kept');
      return { attempts: [unverified], verifies: false, describe: `TLS, certificate not checked (${source})` };
    case 'verify-ca':
      if (missing) return { error: `root certificate ${missing}: sslmode=verify-ca cannot check the chain; not connected` };
      return userCa ? { attempts: [verified(userCa.ca)], verifies: true, describe: `TLS, ${byChain} (${source})` } : full();
    case 'verify-full':
      if (missing) return { error: `root certificate ${missing}: sslmode=verify-full cannot check the chain; not connected` };
      return full(userCa);
  }
}

/** What the connections actually were, for the notes. */
export function connectionNote(transport: Transport): string {
  if (transport.working === 1 && transport.fallback === 'server-offers-no-tls')
    return `${transport.describe}: the server offers no TLS, so the session ran unencrypted`;
  if (transport.working === 1 && transport.fallback === 'server-requires-tls')
    return `${transport.describe}: the server refused plaintext, so the session used TLS`;
  return transport.describe;
}
