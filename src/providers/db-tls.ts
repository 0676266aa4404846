import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { isIP } from 'node:net';
import { createRequire } from 'node:module';
import type { ConnectionOptions } from 'node:tls';
import { errorMessage } from '../core/errors.js';

// Required, not imported: Node builds an ES module's view of a built-in by reading every export,
// and node:tls's rootCertificates parses the whole CA store. Every scan that finds a token loads
// this module (the database manifests do), and only verifying a database needs the function.
const { checkServerIdentity } = createRequire(import.meta.url)('node:tls') as typeof import('node:tls');

/**
 * TLS for the database providers (MySQL, Redis, MongoDB), in MySQL's vocabulary of --ssl-mode
 * (https://dev.mysql.com/doc/refman/8.4/en/connection-options.html#option_general_ssl-mode), into
 * which each provider's URL parameters are translated:
 *  - disabled: plaintext;
 *  - preferred: TLS without checking the certificate, plaintext only if the server offers no TLS;
 *  - required: TLS without checking the certificate;
 *  - verify-ca: TLS, the chain checked;
 *  - verify-identity: TLS, the chain and the URL's host name checked.
 * Certificates are checked against Node's trusted roots, or the scanning user's own bundle in
 * CA_FILE_ENV (a CA file named by a scanned URL is never read). A certificate that fails the
 * check is an error, never `invalid`: it says nothing about the password.
 */
export type TlsMode = 'disabled' | 'preferred' | 'required' | 'verify-ca' | 'verify-identity';

export interface TlsChoice {
  mode: TlsMode;
  /** Where the mode came from, for notes: "ssl-mode=REQUIRED", "rediss:// scheme", "no TLS parameter (MySQL default PREFERRED)". */
  source: string;
}

/** A PEM bundle of the scanning user's own, for servers with a private CA (RDS, managed databases). */
export const CA_FILE_ENV = 'BLASTRADIUS_DB_CA_FILE';

const MAX_CA_BYTES = 1024 * 1024;

/** A CA bundle the scanning user named, read whole up to 1 MB (a larger file is an error, not a truncated bundle). */
export function readCapped(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_CA_BYTES) throw new Error(`larger than ${MAX_CA_BYTES} bytes`);
    const buffer = Buffer.alloc(size);
    readSync(fd, buffer, 0, size, 0);
    return buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Node TLS options for one mode, for a server named `name` (the URL's host, also when the
 * connection goes to an address or a tunnel). `false` for plaintext; `{ error }` when the user's
 * CA file cannot be read.
 */
export function tlsOptions(mode: Exclude<TlsMode, 'disabled'>, name: string, env: NodeJS.ProcessEnv): ConnectionOptions | { error: string } {
  if (mode === 'preferred' || mode === 'required') return { rejectUnauthorized: false, ...(isIP(name) ? {} : { servername: name }) };
  let ca: string | undefined;
  const caFile = env[CA_FILE_ENV]?.trim();
  if (caFile) {
    try {
      ca = readCapped(caFile);
    } catch (error) {
      return { error: `${CA_FILE_ENV} (${caFile}) could not be read: ${errorMessage(error)}` };
    }
  }
  const identity =
    mode === 'verify-identity'
      ? { checkServerIdentity: (_host: string, cert: Parameters<typeof checkServerIdentity>[1]) => checkServerIdentity(name, cert) }
      : { checkServerIdentity: () => undefined };
  return { rejectUnauthorized: true, ...(ca ? { ca } : {}), ...(isIP(name) ? {} : { servername: name }), ...identity };
}

/** What a mode promises, for the notes. */
export function describeTls(choice: TlsChoice, usedPlaintext: boolean): string {
  const how: Record<TlsMode, string> = {
    disabled: 'no TLS',
    preferred: usedPlaintext ? 'TLS preferred, but the server offers none: the session ran unencrypted' : 'TLS, certificate not checked',
    required: 'TLS, certificate not checked',
    'verify-ca': 'TLS, the chain checked',
    'verify-identity': 'TLS, the chain and the host name checked',
  };
  return `${how[choice.mode]} (${choice.source})`;
}

// Node's certificate verification failures: https://nodejs.org/api/tls.html#x509-certificate-error-codes
const CERTIFICATE_FAILURE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH/;

/** Whether an error is a failed certificate check (never a verdict on the credentials). */
export function isCertificateFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && CERTIFICATE_FAILURE.test(code)) || /certificate|self[- ]signed/i.test(errorMessage(error));
}

/** The one-line reason for a failed certificate check. */
export function certificateFailure(where: string, error: unknown, choice: TlsChoice): string {
  const code = (error as { code?: unknown } | null)?.code;
  return `${where}: server certificate not verified (${typeof code === 'string' ? `${code}: ` : ''}${errorMessage(error)}) with ${choice.source}; give its CA in ${CA_FILE_ENV} (a CA file named in a scanned URL is never read)`;
}
