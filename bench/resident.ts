/**
 * What a resident scanner would answer in: a design question of issue 16 (its ripgrep goal), not a
 * mode blastradius has. The scan pool of src/scan/pool.ts with two worker threads kept alive
 * across scans of the real tree, in this process: the first scan pays the workers' boot and
 * warm-up as a scan command does; the later ones are what a long-lived scanner would take, before
 * any client's own start-up and the report. Printed beside ripgrep over the same tree.
 * Run alone: node dist/bench/bench.js --only resident [--runs N].
 */
import { availableParallelism } from 'node:os';
import { rulesFor } from '../src/rules/builtin.js';
import { createPool } from '../src/scan/pool.js';
import { walk } from '../src/walk/walk.js';
import { median, onPath } from './measure.js';
import { ripgrepOnce } from './scan-trees.js';
import { realTree } from './trees.js';

export async function runResidentBench(options: { runs: number }): Promise<void> {
  const tree = realTree();
  console.log('\nresident scanner (two workers kept alive across scans of the real tree, in one process; a design question, not a mode)');
  if (!tree) {
    console.log('  no real tree: skipped');
    return;
  }
  const workers = Math.min(2, availableParallelism());
  let bytes = 0;
  let files = 0;
  const maxFileSize = 10 * 1024 * 1024;
  const pool = createPool(rulesFor([], { withoutExamples: true }), workers, { maxFileSize, budgetMs: 5000 }, (_entry, result) => {
    bytes += result.bytes;
    files++;
  });
  const walls: number[] = [];
  try {
    for (let run = 0; run <= options.runs; run++) {
      bytes = 0;
      files = 0;
      const started = performance.now();
      // The scan's own walk (src/scan/scan.ts), as `scan --include-node-modules` runs it.
      for await (const batch of walk({ roots: [tree.dir], includeNodeModules: true, maxFileSize }, { skipped: () => {}, error: () => {} }))
        for (const entry of batch) {
          const wait = pool.submit(entry);
          if (wait) await wait;
        }
      await pool.drain();
      walls.push(performance.now() - started);
    }
  } finally {
    await pool.close();
  }
  const warm = median(walls.slice(1));
  console.log(`  ${tree.dir}: ${files} files, ${(bytes / 1024 / 1024).toFixed(0)} MB, ${workers} workers`);
  console.log(`  first scan (boot and warm-up) ${walls[0].toFixed(0)} ms; later scans median ${warm.toFixed(0)} ms (${options.runs} runs)`);
  if (!onPath('rg')) {
    console.log('  ripgrep (rg) is not installed: no ratio');
    return;
  }
  const rg: number[] = [];
  for (let run = 0; run < options.runs; run++) rg.push((await ripgrepOnce(tree.dir)).wallMs);
  const rgWall = median(rg);
  console.log(`  ripgrep ${rgWall.toFixed(0)} ms: later scans ${(warm / rgWall).toFixed(1)}× ripgrep, before any client's start-up`);
}
