import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { packageRoot } from '../core/paths.js';

/**
 * Scan worker threads started before the rest of the command loads. A worker takes tens of
 * milliseconds to boot (an isolate, Node's bootstrap, the detector's modules) and a scan command
 * as long again to load its own modules; started first, the two overlap and detection begins that
 * much sooner. The workers wait for their rules (`WorkerInit`) from the pool that adopts them.
 * This module stays light (no detector, no rules, not even node:worker_threads until a worker is
 * started) so that importing it costs commands that scan no tree nothing (the pre-commit hook).
 */

/** Files per batch handed to a scan worker (src/scan/pool.ts); a walk that fills none is scanned in the calling thread. */
export const BATCH_FILES = 32;

export function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** The compiled worker script; from TypeScript sources (tests) the built copy in dist/ is used if present. */
export function workerScript(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(here, '..', 'worker.js');
  const built = join(packageRoot(), 'dist', 'src', 'scan', 'worker.js');
  return existsSync(built) ? built : undefined;
}

/** A worker that has not been given its rules yet, and the error it failed with before anyone listened. */
export interface IdleWorker {
  worker: Worker;
  failure(): Error | undefined;
}

let idle: IdleWorker[] = [];
let started = 0;

/** How many worker threads this process has started (tests: a pool adopted the prestarted ones). */
export const workersStarted = (): number => started;

/** A worker that waits for its rules; unreferenced until a pool adopts it, so it never keeps the process alive. */
export function startWorker(WorkerThread: typeof Worker, script: string): IdleWorker {
  const worker = new WorkerThread(script);
  started++;
  let failed: Error | undefined;
  worker.on('error', (error) => (failed ??= error));
  worker.unref();
  return { worker, failure: () => failed };
}

/** Starts `count` workers now (no-op when some are already waiting or there is no built worker script). */
export async function prestartWorkers(count: number): Promise<void> {
  const script = workerScript();
  if (!script || idle.length > 0 || count < 1) return;
  const { Worker: WorkerThread } = await import('node:worker_threads');
  idle = Array.from({ length: count }, () => startWorker(WorkerThread, script));
}

/** The waiting workers, when there are exactly `count` of them; otherwise they are stopped and none is returned. */
export function takePrestarted(count: number): IdleWorker[] | undefined {
  const taken = idle;
  idle = [];
  if (taken.length === count) return taken;
  for (const { worker } of taken) void worker.terminate();
  return undefined;
}

/** Stops workers nobody adopted (a command that did not scan a tree after all). */
export function releasePrestarted(): void {
  takePrestarted(-1);
}

/**
 * The worker count a tree scan of these arguments will use, or 0 when the command reads no tree
 * through the pool (staged, history, a saved report, --workers 0). Flags it cannot read are left
 * to the command's own parser: then it answers 0 and nothing is started.
 */
export function treeScanWorkers(args: readonly string[]): number {
  let workers = defaultWorkers();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') break;
    if (/^--(?:staged|since|git-history|report|verify-ids)(?:=|$)/.test(arg)) return 0;
    if (arg === '--workers' || arg.startsWith('--workers=')) {
      const value = arg === '--workers' ? args[++i] : arg.slice('--workers='.length);
      if (value === undefined || !/^\d{1,2}$/.test(value)) return 0;
      workers = Number(value);
    }
  }
  return workers;
}
