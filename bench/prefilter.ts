/**
 * The keyword prefilter alone: the profile of a real node_modules scan puts it first in the
 * workers' CPU, and every file of a tree goes through it. Times `KeywordPrefilter.find` over the
 * files of a tree already in memory (CPU time per core), with the current rules' keywords; with
 * --before, the other build's prefilter over the same files and keywords, and how many files the
 * two answer differently (a prefilter change must find the same keywords).
 * Run: node dist/bench/prefilter.js [DIR] (default: the real tree of bench/trees.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinRulesDir, loadRulesCached } from '../src/rules/cache.js';
import { walkTree } from '../src/walk/tree.js';
import { buildRoot } from './detect-passes.js';
import { median } from './measure.js';
import type { Build } from './scan-trees.js';
import { realTree } from './trees.js';

interface Prefilter {
  find(bytes: Uint8Array): Set<number>;
}

export async function runPrefilterBench(options: { builds: Build[]; dir?: string }): Promise<void> {
  const root = options.dir ?? realTree()?.dir;
  if (!root) return;
  const files = [...walkTree(root, { skipNames: new Set(['.git']), exclude: [], unreadable: () => undefined })].filter((e) => !e.symlink);
  const buffers = files.map((f) => readFileSync(join(root, f.relative)));
  const mb = buffers.reduce((n, b) => n + b.length, 0) / 1024 / 1024;
  // The prefilter's keywords, as the detector builds it (rules limited to files keep theirs out).
  const keywords = [...new Set((await loadRulesCached([builtinRulesDir()], process.env)).filter((r) => !r.files).flatMap((r) => r.keywords))];
  const prefilters: { label: string; prefilter: Prefilter }[] = [];
  for (const build of options.builds) {
    const { KeywordPrefilter } = await import(join(buildRoot(build), 'dist', 'src', 'detect', 'prefilter.js'));
    prefilters.push({ label: build.label, prefilter: new KeywordPrefilter(keywords) });
  }
  const key = (set: Set<number>) => [...set].sort((a, b) => a - b).join(',');
  const [first, ...others] = prefilters;
  const differing = others.length ? buffers.filter((b) => others.some((o) => key(o.prefilter.find(b)) !== key(first.prefilter.find(b)))).length : 0;
  console.log(
    `\nkeyword prefilter alone: ${root}, ${files.length} files, ${mb.toFixed(0)} MB, ${keywords.length} keywords${others.length ? `; files where the builds' answers differ: ${differing}` : ''}`,
  );
  const speeds = new Map(prefilters.map((p) => [p.label, [] as number[]]));
  for (let round = 0; round < 5; round++) {
    for (const { label, prefilter } of prefilters) {
      const started = process.cpuUsage();
      for (const buffer of buffers) prefilter.find(buffer);
      const used = process.cpuUsage(started);
      speeds.get(label)!.push(mb / ((used.user + used.system) / 1e6));
    }
  }
  for (const [label, values] of speeds) console.log(`  ${label.padEnd(7)} ${median(values).toFixed(0)} MB/s per core (CPU time, median of 5)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bin = fileURLToPath(new URL('../src/bin/blastradius.js', import.meta.url));
  await runPrefilterBench({ builds: [{ label: 'now', bin }], dir: process.argv[2] });
}
