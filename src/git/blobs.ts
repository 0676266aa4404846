import { spawn } from 'node:child_process';
import { GitCommandError, type GitRepository } from './git.js';

/** One object answered by `git cat-file --batch`: `bytes` is absent when it was over the size cap or missing. */
export interface BlobRead {
  id: string;
  size: number;
  bytes?: Buffer;
  missing?: boolean;
}

/**
 * Reads blobs through one `git cat-file --batch` process, streaming: a blob over `maxBytes` is
 * counted and discarded as it passes, never held, so a 1 GB staged file costs no memory.
 */
export function readBlobs(repo: GitRepository, ids: readonly string[], maxBytes: number, onBlob: (blob: BlobRead) => void): Promise<void> {
  if (ids.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: repo.cwd, env: repo.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const parser = new BatchParser(maxBytes, onBlob);
    let stderr = '';
    let failed: Error | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      try {
        parser.push(chunk);
      } catch (error) {
        failed ??= error as Error;
        child.kill();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (failed) reject(failed);
      else if (code !== 0) reject(new GitCommandError(['cat-file'], code ?? -1, stderr));
      else resolve();
    });
    child.stdin.on('error', () => undefined); // git exiting early is reported by 'close'
    child.stdin.end(`${ids.join('\n')}\n`);
  });
}

/** Parses `<id> <type> <size>\n<bytes>\n` records (and `<id> missing\n`) from a byte stream. */
class BatchParser {
  #pending: Buffer = Buffer.alloc(0);
  #current: { id: string; size: number; remaining: number; chunks: Buffer[] | undefined } | undefined;

  constructor(
    readonly maxBytes: number,
    readonly onBlob: (blob: BlobRead) => void,
  ) {}

  push(chunk: Buffer): void {
    let data = this.#pending.length ? Buffer.concat([this.#pending, chunk]) : chunk;
    this.#pending = Buffer.alloc(0);
    while (data.length > 0) {
      if (this.#current) {
        data = this.#body(data);
        continue;
      }
      const newline = data.indexOf(0x0a);
      if (newline === -1) {
        this.#pending = data;
        return;
      }
      this.#header(data.subarray(0, newline).toString('utf8'));
      data = data.subarray(newline + 1);
    }
  }

  #header(line: string): void {
    const parts = line.split(' ');
    if (parts[1] === 'missing' || parts[1] === 'ambiguous') {
      this.onBlob({ id: parts[0], size: 0, missing: true });
      return;
    }
    const size = Number(parts[2]);
    if (parts.length !== 3 || !Number.isInteger(size)) throw new Error(`unexpected git cat-file output: ${line.slice(0, 80)}`);
    // The body is followed by one newline, consumed as part of it.
    this.#current = { id: parts[0], size, remaining: size + 1, chunks: size <= this.maxBytes ? [] : undefined };
  }

  #body(data: Buffer): Buffer {
    const current = this.#current!;
    const take = Math.min(current.remaining, data.length);
    current.chunks?.push(data.subarray(0, take));
    current.remaining -= take;
    if (current.remaining === 0) {
      this.#current = undefined;
      const bytes = current.chunks ? Buffer.concat(current.chunks).subarray(0, current.size) : undefined;
      this.onBlob({ id: current.id, size: current.size, bytes });
    }
    return data.subarray(take);
  }
}
