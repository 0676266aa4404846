/**
 * Detection alone, cold and warm: every text file of a tree is read into memory, then a fresh
 * process runs `Detector.detectFile` over all of them three times and reports the CPU time of each
 * pass. A scan's worker thread sees its files once, so the first (cold) pass is what a scan pays;
 * the third shows the same code once V8 has optimised it. With two builds (--before), each is run
 * in its own process, alternating: the difference between builds splits into what the new code
 * costs warm and what it costs until it is warm (paid again by every worker thread). The CPU V8's
 * other threads used is shown apart: most of a cold pass's extra cost is TurboFan compiling there.
 * Run: node dist/bench/detect-passes.js [DIR] [--without RULE[,RULE…]]… (default tree: the real
 * tree of bench/trees.ts). Each --without adds a run of the same build with those rules left out
 * (ids, or prefixes such as `generic.`): what those rules cost cold and warm.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { walkTree } from '../src/walk/tree.js';
import { median } from './measure.js';
import type { Build } from './scan-trees.js';
import { realTree } from './trees.js';

const PASSES = 3;

interface Passes {
  files: number;
  mb: number;
  cpuMs: number[];
  /** Of cpuMs, what V8's other threads used (TurboFan compiling in the background, GC helpers). */
  backgroundMs: number[];
}

/** CPU milliseconds of every thread of this process but the main one (Linux /proc; 0 elsewhere). */
function backgroundCpuMs(): number {
  let ticks = 0;
  try {
    for (const task of readdirSync('/proc/self/task')) {
      if (task === String(process.pid)) continue;
      const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    }
  } catch {
    return 0;
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** In the child: the given build's detector over the tree, PASSES times. */
async function passes(buildRoot: string, tree: string, without: readonly string[]): Promise<Passes> {
  // The V8 tuning the build's command line applies before anything else (builds older than it have none).
  const tuning = join(buildRoot, 'dist', 'src', 'core', 'v8-tuning.js');
  if (existsSync(tuning)) (await import(tuning)).tuneV8();
  const { Detector } = await import(join(buildRoot, 'dist', 'src', 'detect', 'detector.js'));
  const { builtinRulesDir, loadRulesCached } = await import(join(buildRoot, 'dist', 'src', 'rules', 'cache.js'));
  const all: { id: string }[] = await loadRulesCached([builtinRulesDir()], process.env);
  const rules = all.filter((rule) => !without.some((id) => rule.id === id || (id.endsWith('.') && rule.id.startsWith(id))));
  const files = [...walkTree(tree, { skipNames: new Set(['.git']), exclude: [], unreadable: () => undefined })]
    .filter((entry) => !entry.symlink)
    .map((entry) => ({ path: entry.relative, bytes: readFileSync(join(tree, entry.relative)) }))
    // What a scan would detect in: text files under the default size cap.
    .filter((file) => file.bytes.length <= 10 * 1024 * 1024 && file.bytes.subarray(0, 8000).indexOf(0) === -1);
  const detector = new Detector(rules);
  const cpuMs: number[] = [];
  const backgroundMs: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    const started = process.cpuUsage();
    const background = backgroundCpuMs();
    for (const file of files) detector.detectFile(file.bytes, file.path, Number.POSITIVE_INFINITY);
    const used = process.cpuUsage(started);
    cpuMs.push((used.user + used.system) / 1000);
    backgroundMs.push(backgroundCpuMs() - background);
  }
  return { files: files.length, mb: files.reduce((n, f) => n + f.bytes.length, 0) / 1024 / 1024, cpuMs, backgroundMs };
}

/** The root of a build (its dist/, rules/ and package.json) from its command line's path. */
export const buildRoot = (build: Build) => join(dirname(build.bin), '..', '..', '..');

export function runDetectPassesBench(options: { builds: Build[]; runs: number; tree?: string; without?: string[][] }): void {
  const tree = options.tree ?? realTree()?.dir;
  if (!tree) return;
  // Each build as it is, then (for the first build) once per --without set; interleaved, run after run.
  const variants = [
    ...options.builds.map((build) => ({ label: build.label, build, without: [] as string[] })),
    ...(options.without ?? []).map((without) => ({ label: `${options.builds[0].label} −${without.join(',')}`, build: options.builds[0], without })),
  ];
  const results = new Map(variants.map((v) => [v.label, [] as Passes[]]));
  for (let run = 0; run < options.runs; run++) {
    for (const variant of variants) {
      const args = [fileURLToPath(import.meta.url), '--child', buildRoot(variant.build), tree, variant.without.join(',')];
      const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`detect passes (${variant.label}) failed: ${child.stderr}`);
      results.get(variant.label)!.push(JSON.parse(child.stdout) as Passes);
    }
  }
  const first = results.get(variants[0].label)![0];
  console.log(
    `\ndetection alone (Detector.detectFile over ${first.files} text files, ${first.mb.toFixed(0)} MB of ${tree} in memory; CPU per pass, median of ${options.runs} processes)`,
  );
  const width = Math.max(7, ...variants.map((v) => v.label.length));
  for (const variant of variants) {
    const runs = results.get(variant.label)!;
    const pass = (i: number) => median(runs.map((r) => r.cpuMs[i]));
    const background = (i: number) => median(runs.map((r) => r.backgroundMs[i]));
    console.log(
      `  ${variant.label.padEnd(width)} pass 1 (cold) ${pass(0).toFixed(0).padStart(5)} ms   pass 2 ${pass(1).toFixed(0).padStart(5)} ms   pass 3 (warm) ${pass(2).toFixed(0).padStart(5)} ms   cold − warm ${(pass(0) - pass(2)).toFixed(0)} ms   background threads (JIT, GC) ${background(0).toFixed(0)} / ${background(1).toFixed(0)} / ${background(2).toFixed(0)} ms`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--child') {
    const without = (process.argv[5] ?? '').split(',').filter(Boolean);
    process.stdout.write(JSON.stringify(await passes(process.argv[3], process.argv[4], without)));
  } else {
    const args = process.argv.slice(2);
    const without: string[][] = [];
    let tree: string | undefined;
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--without') without.push((args[++i] ?? '').split(',').filter(Boolean));
      else tree = args[i];
    }
    const bin = fileURLToPath(new URL('../src/bin/blastradius.js', import.meta.url));
    runDetectPassesBench({ builds: [{ label: 'now', bin }], runs: 3, tree, without });
  }
}
