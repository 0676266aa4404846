import { parentPort } from 'node:worker_threads';
import { Detector } from '../detect/detector.js';
import { scanFileSync } from './file.js';
import type { FileLimits, WorkerInit, WorkerJob, WorkerReply } from './pool.js';

// One detector per worker thread, compiled once from the rules the main thread sends first
// (the worker may have started before the command loaded them: src/scan/prestart.ts).
let detector: Detector | undefined;
let limits: FileLimits;

parentPort!.on('message', (message: WorkerInit | WorkerJob) => {
  if ('init' in message) {
    detector = new Detector(message.init.rules);
    limits = message.init.limits;
    return;
  }
  const reply: WorkerReply = {
    batch: message.batch,
    results: message.files.map((f) => scanFileSync(detector!, f.absolute, f.relative, limits.maxFileSize, limits.budgetMs)),
  };
  parentPort!.postMessage(reply);
});
