import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import type { VerificationResult } from '../core/types.js';

interface Entry {
  at: number;
  result: VerificationResult;
}

/**
 * Verification cache keyed by a hash of (token id, provider, endpoint) — never the token — with a
 * TTL. Only definitive answers (live, invalid) are kept: an error must be asked again.
 */
export class VerificationCache {
  readonly #path: string;
  readonly #ttlMs: number;
  #entries: Record<string, Entry> | undefined;
  #dirty = false;

  constructor(path: string, ttlMs: number) {
    this.#path = path;
    this.#ttlMs = ttlMs;
  }

  static defaultPath(env: NodeJS.ProcessEnv): string {
    const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
    return join(base, 'blastradius', 'verify-v1.json');
  }

  static key(tokenId: string, provider: string, endpoint: string): string {
    return createHash('sha256').update(`${tokenId}\0${provider}\0${endpoint}`).digest('hex');
  }

  get(key: string, now = Date.now()): VerificationResult | undefined {
    const entry = this.#load()[key];
    return entry && now - entry.at < this.#ttlMs ? entry.result : undefined;
  }

  set(key: string, result: VerificationResult, now = Date.now()): void {
    if (result.status !== 'live' && result.status !== 'invalid') return;
    this.#load()[key] = { at: now, result };
    this.#dirty = true;
  }

  /** Writes atomically (temp file + rename) with owner-only permissions. */
  save(): void {
    if (!this.#dirty || !this.#entries) return;
    mkdirSync(dirname(this.#path), { recursive: true, mode: 0o700 });
    const temp = `${this.#path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.#entries), { mode: 0o600 });
    renameSync(temp, this.#path);
    this.#dirty = false;
  }

  #load(): Record<string, Entry> {
    if (this.#entries) return this.#entries;
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.#path, 'utf8'));
      this.#entries = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, Entry>) : {};
    } catch {
      this.#entries = {};
    }
    return this.#entries;
  }
}
