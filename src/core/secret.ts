import { createHash } from 'node:crypto';
import { inspect } from 'node:util';

const SHOWN_PREFIX_MAX = 14;
const SHOWN_SUFFIX = 4;

/**
 * A secret value that refuses to be printed: JSON, string conversion and util.inspect
 * all give the redacted form. Only `reveal()` returns the clear text, for provider calls.
 */
export class Secret {
  readonly #value: string;
  readonly redacted: string;
  /**
   * Values within this one (or equal to it) that identify rather than authenticate: a Twilio
   * account SID beside its auth token, a GCP client email, an Azure account name. Results may
   * show them in clear, so they are never scrubbed; the value as a whole is always a secret.
   */
  readonly identifiers: readonly string[];

  constructor(value: string, prefixLength = 0, identifiers: readonly string[] = []) {
    this.#value = value;
    this.redacted = redact(value, prefixLength);
    this.identifiers = identifiers;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return this.redacted;
  }

  toJSON(): string {
    return this.redacted;
  }

  [inspect.custom](): string {
    return `Secret(${this.redacted})`;
  }
}

/** Lowercase hex SHA-256: the token id, stable across runs and safe to store. */
export function tokenId(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * Shows the non-secret prefix (e.g. `ghp_`) and the last 4 characters, never more than
 * a quarter of the secret's characters beyond the prefix. Short secrets show nothing but the prefix.
 */
export function redact(secret: string, prefixLength = 0): string {
  const prefix = secret.slice(0, Math.min(prefixLength, SHOWN_PREFIX_MAX));
  const rest = secret.length - prefix.length;
  const suffix = rest >= 16 ? secret.slice(-SHOWN_SUFFIX) : '';
  return `${prefix}…${suffix}`;
}

/** Removes every occurrence of the given secrets (and long fragments of them) from a message. */
export function scrub(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const secret of secrets) {
    if (secret.length < 6) continue;
    out = out.split(secret).join('[REDACTED]');
    // URL-encoded and base64 forms are how secrets usually come back in error bodies.
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join('[REDACTED]');
    const b64 = Buffer.from(secret).toString('base64').replace(/=+$/, '');
    if (b64.length >= 8) out = out.split(b64).join('[REDACTED]');
  }
  return out;
}
