import { parentPort, workerData } from 'node:worker_threads';
import { Detector } from '../detect/detector.js';
import type { RuleSpec } from '../rules/types.js';
import { scanFileSync } from './file.js';
import type { FileLimits, WorkerJob, WorkerReply } from './pool.js';

// One detector per worker thread, compiled once from the rules the main thread loaded.
const { rules, limits } = workerData as { rules: RuleSpec[]; limits: FileLimits };
const detector = new Detector(rules);

parentPort!.on('message', (job: WorkerJob) => {
  const reply: WorkerReply = {
    batch: job.batch,
    results: job.files.map((f) => scanFileSync(detector, f.absolute, f.relative, limits.maxFileSize, limits.budgetMs)),
  };
  parentPort!.postMessage(reply);
});
