/**
 * `scan --offline --include-node-modules --format json` over real and generated trees, whole
 * process, beside ripgrep with five token regexes over the same tree in the same run. With two
 * builds (--before), every measurement alternates between them and their findings are compared:
 * a faster scan must find exactly the same tokens at the same places.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/core/paths.js';
import { generateCorpus } from './corpus.js';
import { measure, median, onPath, type Measurement } from './measure.js';
import { realTree, treeSize } from './trees.js';

export interface Build {
  label: string;
  bin: string;
}

/** Five token shapes, as a peer would search for them (ripgrep is the I/O floor, not a scanner). */
const RIPGREP_PATTERNS = [
  'AKIA[0-9A-Z]{16}',
  'gh[pousr]_[A-Za-z0-9]{36}',
  'xox[baprs]-[0-9A-Za-z-]{10,}',
  '[sr]k_live_[0-9A-Za-z]{24,}',
  'glpat-[0-9A-Za-z_-]{20}',
];

interface ScanRun extends Measurement {
  mb: number;
  tokens: number;
  findings: string;
}

async function scanOnce(build: Build, tree: string, extra: string[] = []): Promise<ScanRun> {
  const m = await measure(process.execPath, [build.bin, 'scan', tree, '--offline', '--include-node-modules', '--no-baseline', '--format', 'json', ...extra]);
  if (m.exitCode !== 0) throw new Error(`scan ${tree} (${build.label}) failed (${m.exitCode}): ${m.stderr}`);
  const report = JSON.parse(m.stdout) as {
    scan: { bytes: number };
    tokens: { id: string; ruleId: string; locations: { file: string; line: number; column: number }[] }[];
  };
  // What was found, where: the digest two builds must share.
  const findings = report.tokens.map((t) => `${t.id} ${t.ruleId} ${t.locations.map((l) => `${l.file}:${l.line}:${l.column}`).join(',')}`).sort();
  return {
    ...m,
    stdout: '',
    mb: report.scan.bytes / 1024 / 1024,
    tokens: report.tokens.length,
    findings: createHash('sha256').update(findings.join('\n')).digest('hex').slice(0, 16),
  };
}

/** ripgrep with the five token regexes over a tree: the I/O floor the scan is compared with. */
export function ripgrepOnce(tree: string): Promise<Measurement> {
  const args = ['--no-ignore', '--hidden', '--no-messages', '--count', '-g', '!.git', ...RIPGREP_PATTERNS.flatMap((p) => ['-e', p]), tree];
  return measure('rg', args, { discardStdout: true });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function describeBuild(label: string, results: ScanRun[]): { wall: number; line: string } {
  const wall = median(results.map((r) => r.wallMs));
  const cpu = median(results.map((r) => r.cpuMs));
  const rss = Math.max(...results.map((r) => r.peakRssMb));
  const mb = results[0].mb;
  const line = `  ${label.padEnd(7)} ${(mb / (wall / 1000)).toFixed(0).padStart(5)} MB/s  wall ${seconds(wall)}  CPU ${seconds(cpu)}  peak RSS ${rss.toFixed(0)} MB  tokens ${results[0].tokens}  findings ${results[0].findings}`;
  return { wall, line };
}

export async function runScanBench(options: { builds: Build[]; runs: number; extraTree?: string; quick: boolean }): Promise<void> {
  const trees: { name: string; dir: string; goals: boolean }[] = [];
  const real = realTree();
  if (real)
    trees.push({ name: 'real node_modules (issue 16: typescript, AWS SDK S3+IAM, Octokit, googleapis, lodash, react-dom)', dir: real.dir, goals: true });
  const own = join(packageRoot(), 'node_modules');
  if (existsSync(own)) trees.push({ name: "this repository's own node_modules (mixed real source)", dir: own, goals: false });
  const mb = options.quick ? 50 : 200;
  const generated = join(tmpdir(), `blastradius-bench-${mb}mb`);
  generateCorpus(generated, mb);
  trees.push({ name: `generated node_modules-like tree (${mb} MB)`, dir: generated, goals: false });
  if (options.extraTree) trees.push({ name: options.extraTree, dir: options.extraTree, goals: false });
  const ripgrep = onPath('rg');
  if (!ripgrep) console.log('ripgrep (rg) is not installed: no ripgrep comparison (Debian: apt-get install ripgrep)');

  for (const tree of trees) {
    const size = treeSize(tree.dir);
    console.log(
      `\nscan --offline --include-node-modules --format json: ${tree.name}\n  ${tree.dir}: ${size.files} files, ${(size.bytes / 1024 / 1024).toFixed(0)} MB`,
    );
    // Warm the page cache (and the compiled-rules cache) once, untimed.
    for (const build of options.builds) await scanOnce(build, tree.dir);
    const results = new Map(options.builds.map((b) => [b.label, [] as ScanRun[]]));
    const rg: Measurement[] = [];
    for (let i = 0; i < options.runs; i++) {
      for (const build of options.builds) results.get(build.label)!.push(await scanOnce(build, tree.dir));
      if (ripgrep) rg.push(await ripgrepOnce(tree.dir));
    }
    const rgWall = rg.length ? median(rg.map((r) => r.wallMs)) : undefined;
    const rgLine =
      rgWall !== undefined
        ? `  ripgrep ${String(spawnSync('rg', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0])} (${RIPGREP_PATTERNS.length} regexes): wall ${seconds(rgWall)}, CPU ${seconds(median(rg.map((r) => r.cpuMs)))}`
        : undefined;
    let last: { wall: number } | undefined;
    for (const build of options.builds) {
      const runs = results.get(build.label)!;
      const described = describeBuild(build.label, runs);
      console.log(`${described.line}${rgWall ? `  ${(described.wall / rgWall).toFixed(1)}× ripgrep` : ''}`);
      last = described;
    }
    if (rgLine) console.log(rgLine);
    if (options.builds.length > 1) {
      const digests = new Set(options.builds.map((b) => results.get(b.label)![0].findings));
      console.log(`  findings of the builds: ${digests.size === 1 ? 'identical' : 'DIFFERENT'}`);
    }
    if (tree.goals && last) {
      const now = results.get(options.builds[options.builds.length - 1].label)!;
      const speed = now[0].mb / (last.wall / 1000);
      const rss = Math.max(...now.map((r) => r.peakRssMb));
      const ratio = rgWall ? last.wall / rgWall : undefined;
      const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
      console.log(
        `  goals (${options.builds[options.builds.length - 1].label}): ≥ 250 MB/s ${verdict(speed >= 250)} (${speed.toFixed(0)}); peak RSS ≤ 200 MB ${verdict(rss <= 200)} (${rss.toFixed(0)}); ≤ 6× ripgrep ${ratio === undefined ? 'not measured' : `${verdict(ratio <= 6)} (${ratio.toFixed(1)}×)`}`,
      );
    }
  }
}

/**
 * The findings check: the real trees hold few credentials, so the builds' findings are also
 * compared over this repository's fixtures/ (the labelled corpus, the demo, recorded provider
 * answers: hundreds of findings), in the main thread and with two workers.
 */
export async function runFindingsCheck(builds: Build[]): Promise<void> {
  const dir = join(packageRoot(), 'fixtures');
  const lines: string[] = [];
  const digests = new Set<string>();
  for (const workers of ['0', '2']) {
    for (const build of builds) {
      const run = await scanOnce(build, dir, ['--workers', workers]);
      digests.add(run.findings);
      lines.push(`  ${build.label.padEnd(7)} --workers ${workers}: ${run.tokens} tokens, findings ${run.findings}`);
    }
  }
  console.log(`
findings check over ${dir} (every build, main thread and workers)
${lines.join('\n')}
  ${digests.size === 1 ? 'identical' : 'DIFFERENT'}`);
}

/** Peak RSS against corpus size: memory must not grow with the corpus (generated trees, two workers). */
export async function runMemoryBench(options: { builds: Build[]; quick: boolean }): Promise<void> {
  const sizes = options.quick ? [50, 200] : [50, 200, 800];
  console.log(`\nmemory against corpus size (generated trees of ${sizes.join(', ')} MB, --workers 2, max peak RSS of 2 runs)`);
  const corpora = sizes.map((mb) => {
    const dir = join(tmpdir(), `blastradius-bench-${mb}mb`);
    generateCorpus(dir, mb);
    return { mb, dir };
  });
  for (const build of options.builds) {
    const peaks: number[] = [];
    for (const { mb, dir } of corpora) {
      const runs = [await scanOnce(build, dir, ['--workers', '2']), await scanOnce(build, dir, ['--workers', '2'])];
      const peak = Math.max(...runs.map((r) => r.peakRssMb));
      peaks.push(peak);
      console.log(
        `  ${build.label.padEnd(7)} ${String(mb).padStart(4)} MB: peak RSS ${peak.toFixed(0)} MB, ${(runs[0].mb / (median(runs.map((r) => r.wallMs)) / 1000)).toFixed(0)} MB/s`,
      );
    }
    const spread = Math.max(...peaks) / Math.min(...peaks) - 1;
    console.log(`  ${build.label.padEnd(7)} spread ${(spread * 100).toFixed(0)} % — goal within 15 %: ${spread <= 0.15 ? 'met' : 'NOT met'}`);
  }
}
