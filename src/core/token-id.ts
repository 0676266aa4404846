import { createHash, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Token ids end up in reports, SARIF, baselines and caches that other people read. A plain
 * SHA-256 of a provider token (≥ 100 bits of entropy) cannot be reversed; a SHA-256 of a password
 * can be confirmed by anyone with a word list. So a secret whose guessable part carries fewer
 * than STRONG_SECRET_BITS gets a keyed id instead: HMAC-SHA256 with a key the reader does not have
 * (BLASTRADIUS_ID_KEY in CI, else a per-user key in ~/.config/blastradius/id-key).
 */
export const STRONG_SECRET_BITS = 100;

export type IdKind = 'sha256' | 'keyed';

let keyEnvironment: NodeJS.ProcessEnv = process.env;
const keys = new Map<string, Buffer>();

/** The environment the id key comes from (the CLI's, so tests and CI can set BLASTRADIUS_ID_KEY and HOME). */
export function setIdKeyEnvironment(env: NodeJS.ProcessEnv): void {
  keyEnvironment = env;
}

/** The part of a secret an attacker would have to guess: a URL's password (user, host and database are shown), else all of it. */
export function guessablePart(secret: string): string {
  const password = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:([^@\s]+)@/i.exec(secret)?.[1];
  return password ?? secret;
}

/**
 * Bits of entropy, estimated from the secret itself: Shannon entropy per character (small
 * alphabets and skewed use count against it) times the number of symbols left after collapsing
 * repeats (each run that repeats 3+ earlier characters counts as one symbol, as LZ77 would code
 * it). `summer2024` and `Password123Password123` come out weak; a 40-character random key near 200.
 */
export function estimatedBits(text: string): number {
  // Quadratic parse: bounded to the first 512 characters (that many random characters are strong anyway).
  const chars = [...text].slice(0, 512);
  if (chars.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of chars) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * symbolCount(chars);
}

/** Greedy LZ77 parse: literals plus back-references of length ≥ 3, each counted as one symbol. */
function symbolCount(chars: readonly string[]): number {
  let symbols = 0;
  for (let i = 0; i < chars.length; symbols++) {
    let longest = 0;
    for (let start = 0; start < i; start++) {
      let length = 0;
      while (i + length < chars.length && chars[start + length] === chars[i + length]) length++;
      if (length > longest) longest = length;
    }
    i += longest >= 3 ? longest : 1;
  }
  return symbols;
}

export function isStrongSecret(secret: string): boolean {
  return estimatedBits(guessablePart(secret)) >= STRONG_SECRET_BITS;
}

/** The id of a secret: plain SHA-256 when it cannot be guessed, keyed otherwise. */
export function secretId(secret: string): { id: string; kind: IdKind } {
  if (isStrongSecret(secret)) return { id: createHash('sha256').update(secret, 'utf8').digest('hex'), kind: 'sha256' };
  return { id: createHmac('sha256', idKey()).update(secret, 'utf8').digest('hex'), kind: 'keyed' };
}

export function idKeyPath(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'blastradius', 'id-key');
}

function idKey(): Buffer {
  const fromEnv = keyEnvironment.BLASTRADIUS_ID_KEY;
  if (fromEnv) return Buffer.from(`env:${fromEnv}`, 'utf8');
  const path = idKeyPath(keyEnvironment);
  let key = keys.get(path);
  if (key) return key;
  try {
    key = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
    if (key.length < 16) throw new Error('too short');
  } catch {
    key = randomBytes(32);
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
      chmodSync(path, 0o600);
    } catch {
      // Another process wrote it first, or the home is read-only: use what is there, else this run's key.
      try {
        const written = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
        if (written.length >= 16) key = written;
      } catch {
        /* an ephemeral key: ids of weak secrets are stable within this run only */
      }
    }
  }
  keys.set(path, key);
  return key;
}
