/**
 * `npm run bench`: speed and memory goals live here, not in timed unit tests.
 *   scan --offline over a generated node_modules-like tree: MB/s and peak RSS, per worker count,
 *   and at two corpus sizes (memory must not grow with the corpus).
 *   the pre-commit hook on a 50k-file repository: wall time of `hook run`, and start-up (bench/hook.ts).
 *   `blastradius merge` over 200 repositories' reports with shared tokens (bench/merge.ts).
 * Options: --corpus DIR (scan an existing tree instead), --mb N (corpus size, default 200), --quick.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCorpus } from './corpus.js';
import { runHookBench } from './hook.js';
import { runMergeBench } from './merge.js';
import { runAdversarialBench } from './adversarial.js';
import { measure, median } from './measure.js';

const { values } = parseArgs({ options: { corpus: { type: 'string' }, mb: { type: 'string' }, quick: { type: 'boolean' }, runs: { type: 'string' } } });
const bin = fileURLToPath(new URL('../src/bin/blastradius.js', import.meta.url));
const runs = Number(values.runs ?? (values.quick ? 1 : 3));

async function scanOnce(corpus: string, workers: number): Promise<{ mbPerSec: number; peakRssMb: number; wallMs: number; tokens: number; mb: number }> {
  const m = await measure(process.execPath, [bin, 'scan', corpus, '--offline', '--include-node-modules', '--no-baseline', '--workers', String(workers), '--format', 'json']);
  if (m.exitCode !== 0) throw new Error(`scan failed (${m.exitCode}): ${m.stderr}`);
  const report = JSON.parse(m.stdout) as { scan: { bytes: number }; tokens: unknown[] };
  const mb = report.scan.bytes / 1024 / 1024;
  return { mbPerSec: mb / (m.wallMs / 1000), peakRssMb: m.peakRssMb, wallMs: m.wallMs, tokens: report.tokens.length, mb };
}

async function scanSeries(label: string, corpus: string, workers: number): Promise<void> {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await scanOnce(corpus, workers));
  const speed = median(results.map((r) => r.mbPerSec));
  const rss = Math.max(...results.map((r) => r.peakRssMb));
  const wall = median(results.map((r) => r.wallMs));
  console.log(`${label.padEnd(34)} ${results[0].mb.toFixed(0).padStart(5)} MB  ${speed.toFixed(0).padStart(5)} MB/s  wall ${(wall / 1000).toFixed(2)} s  peak RSS ${rss.toFixed(0)} MB  tokens ${results[0].tokens}`);
}

console.log(`blastradius bench — node ${process.version}, ${runs} run(s) each, median MB/s, max peak RSS`);
if (values.corpus) {
  for (const workers of [0, 1, 2]) await scanSeries(`scan ${values.corpus} workers=${workers}`, values.corpus, workers);
} else {
  const mb = Number(values.mb ?? (values.quick ? 50 : 200));
  const big = join(tmpdir(), `blastradius-bench-${mb}mb`);
  const small = join(tmpdir(), 'blastradius-bench-50mb');
  const info = generateCorpus(big, mb);
  console.log(`corpus: ${big} — ${info.files} files, ${(info.bytes / 1024 / 1024).toFixed(0)} MB, ${info.planted} planted tokens (1 distinct)`);
  for (const workers of [0, 1, 2, 3]) await scanSeries(`scan --offline workers=${workers}`, big, workers);
  if (mb !== 50) {
    generateCorpus(small, 50);
    await scanSeries('scan --offline 50 MB (RSS vs size)', small, 2);
  }
}

// The pre-commit hook: a commit touching 10 files of a 50k-file repository (bench/hook.ts).
await runHookBench({ runs: values.quick ? 7 : 15 });

// Worst case: every rule on ReDoS-shaped input (bench/adversarial.ts).
runAdversarialBench();

// An organisation's audit: `blastradius merge` over 200 repositories' reports (bench/merge.ts).
await runMergeBench({ runs: values.quick ? 3 : 5 });
