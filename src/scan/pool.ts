import { Worker } from 'node:worker_threads';
import { holdYoungGeneration } from '../core/young-generation.js';
import { Detector } from '../detect/detector.js';
import type { RuleSpec } from '../rules/types.js';
import type { WalkEntry } from '../walk/walk.js';
import { scanFileSync, type FileResult } from './file.js';
import { BATCH_FILES, type IdleWorker, startWorker, takePrestarted, workerScript } from './prestart.js';

/** The first message a worker gets: what it detects with. */
export interface WorkerInit {
  init: { rules: RuleSpec[]; limits: FileLimits };
}

export interface WorkerJob {
  batch: number;
  files: { absolute: string; relative: string }[];
}

export interface WorkerReply {
  batch: number;
  results: FileResult[];
}

/**
 * Scans files as they arrive, in worker threads or in-process, never holding more than a bounded
 * queue. Files go to the workers in batches; a walk that ends before the first batch is full
 * (under BATCH_FILES files and BATCH_BYTES bytes) is scanned in the calling thread instead.
 */
export interface ScanPool {
  /** Hands a file over; returns a promise (to await) only when the pool is full and the caller must wait. */
  submit(entry: WalkEntry): Promise<void> | undefined;
  drain(): Promise<void>;
  close(): Promise<void>;
}

export type ResultSink = (entry: WalkEntry, result: FileResult) => void;

/** Batches handed to worker threads in this process (tests: a small tree never reaches them). */
let batchesSent = 0;
export const workerBatches = (): number => batchesSent;

const BATCH_BYTES = 4 * 1024 * 1024;
const IN_FLIGHT_PER_WORKER = 3;

/** Per-file limits: size cap (bytes) and detection time budget (ms). */
export interface FileLimits {
  maxFileSize: number;
  budgetMs: number;
}

export function createPool(rules: RuleSpec[], workers: number, limits: FileLimits, sink: ResultSink): ScanPool {
  const script = workers > 0 ? workerScript() : undefined;
  return script ? new WorkerPool(script, rules, workers, limits, sink) : new InProcessPool(rules, limits, sink);
}

/** Detection in the main thread: synchronous reads, one file at a time (fastest without threads). */
class InProcessPool implements ScanPool {
  readonly #detector: Detector;

  constructor(
    rules: RuleSpec[],
    readonly limits: FileLimits,
    readonly sink: ResultSink,
  ) {
    this.#detector = new Detector(rules);
  }

  submit(entry: WalkEntry): undefined {
    this.sink(entry, scanFileSync(this.#detector, entry.absolute, entry.relative, this.limits.maxFileSize, this.limits.budgetMs));
    return undefined;
  }

  async drain(): Promise<void> {}

  async close(): Promise<void> {}
}

class WorkerPool implements ScanPool {
  #workers: { worker: Worker; inFlight: number }[] = [];
  readonly #pending = new Map<number, { entries: WalkEntry[]; slot: number }>();
  #batch: WalkEntry[] = [];
  #batchBytes = 0;
  #nextBatch = 0;
  #waiters: (() => void)[] = [];
  #failure: Error | undefined;
  /** Workers not heard from yet: once all have replied, their heaps exist and the young generations are held. */
  readonly #unheard = new Set<number>();

  constructor(
    readonly script: string,
    readonly rules: RuleSpec[],
    readonly count: number,
    readonly limits: FileLimits,
    readonly sink: ResultSink,
  ) {
    // Workers the command started before it loaded (src/scan/prestart.ts); without them, new ones
    // start with the first batch (a walk that never fills one needs none).
    const prestarted = takePrestarted(count);
    if (prestarted) this.#adopt(prestarted);
  }

  #adopt(started: IdleWorker[]): void {
    this.#workers = started.map(({ worker, failure }, slot) => {
      worker.ref();
      worker.on('message', (reply: WorkerReply) => this.#onReply(reply));
      worker.on('error', (error) => this.#fail(error));
      const failed = failure();
      if (failed) this.#fail(failed);
      const init: WorkerInit = { init: { rules: this.rules, limits: this.limits } };
      worker.postMessage(init);
      this.#unheard.add(slot);
      return { worker, inFlight: 0, slot };
    });
  }

  submit(entry: WalkEntry): Promise<void> | undefined {
    this.#batch.push(entry);
    this.#batchBytes += entry.size;
    return this.#batch.length >= BATCH_FILES || this.#batchBytes >= BATCH_BYTES ? this.#flush() : undefined;
  }

  async drain(): Promise<void> {
    // The walk ended before one batch filled: a tree this small is scanned here, without waiting
    // for a worker to boot and take it (the start-up bench's one-file tree).
    if (this.#nextBatch === 0 && this.#batch.length > 0) {
      const detector = new Detector(this.rules);
      for (const entry of this.#batch) this.sink(entry, scanFileSync(detector, entry.absolute, entry.relative, this.limits.maxFileSize, this.limits.budgetMs));
      this.#batch = [];
      this.#batchBytes = 0;
    }
    await this.#flush();
    while (this.#pending.size > 0) {
      if (this.#failure) throw this.#failure;
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    if (this.#failure) throw this.#failure;
  }

  async close(): Promise<void> {
    try {
      await this.drain();
    } finally {
      await Promise.all(this.#workers.map((w) => w.worker.terminate()));
    }
  }

  async #flush(): Promise<void> {
    if (this.#batch.length === 0) return;
    const entries = this.#batch;
    this.#batch = [];
    this.#batchBytes = 0;
    if (this.#workers.length === 0) this.#adopt(Array.from({ length: this.count }, () => startWorker(Worker, this.script)));
    let slot = this.#leastBusy();
    while (this.#workers[slot].inFlight >= IN_FLIGHT_PER_WORKER) {
      if (this.#failure) throw this.#failure;
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
      slot = this.#leastBusy();
    }
    const batch = this.#nextBatch++;
    batchesSent++;
    const target = this.#workers[slot];
    target.inFlight++;
    this.#pending.set(batch, { entries, slot });
    const job: WorkerJob = { batch, files: entries.map((e) => ({ absolute: e.absolute, relative: e.relative })) };
    target.worker.postMessage(job);
  }

  #leastBusy(): number {
    let best = 0;
    for (let i = 1; i < this.#workers.length; i++) if (this.#workers[i].inFlight < this.#workers[best].inFlight) best = i;
    return best;
  }

  #onReply(reply: WorkerReply): void {
    const pending = this.#pending.get(reply.batch);
    if (!pending) return;
    this.#pending.delete(reply.batch);
    this.#workers[pending.slot].inFlight--;
    if (this.#unheard.delete(pending.slot) && this.#unheard.size === 0) holdYoungGeneration();
    reply.results.forEach((result, i) => this.sink(pending.entries[i], result));
    this.#wake();
  }

  #fail(error: Error): void {
    this.#failure = error;
    this.#wake();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
