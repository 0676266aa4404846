/**
 * Pre-commit hook speed: a commit touching 10 files of a 50k-file repository. Measures wall time
 * from process start to exit of `blastradius hook run` (what the user waits for on `git commit`),
 * start-up alone (`--version`) and bare `node -e 0` for reference. Goal: hook ≤ 1.5× node -e 0.
 * Run alone: node dist/bench/hook.js [--files N] [--runs N]; `npm run bench` runs it after the scan bench.
 */
import { sampleGithubToken } from './sample-token.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, median } from './measure.js';

const ownBin = fileURLToPath(new URL('../src/bin/blastradius.js', import.meta.url));
/** The hook may cost at most this many times a bare `node -e 0` (issue 16). */
const GOAL_RATIO = 1.5;

/** What src/git/git.ts, staged.ts and blobs.ts ask git for, run from a bare `node -e`. */
const FLOOR_SCRIPT = [
  "const { spawnSync } = require('node:child_process');",
  "spawnSync('git', ['rev-parse', '--show-toplevel', '--absolute-git-dir', '-q', '--verify', 'HEAD^{commit}']);",
  "const raw = spawnSync('git', ['diff-index', '--cached', '--raw', '-z', '-M', '--no-abbrev', 'HEAD']).stdout.toString();",
  "const blobs = raw.split('\\0').filter((f) => f.startsWith(':')).map((f) => f.split(' ')[3]);",
  "spawnSync('git', ['cat-file', '--batch'], { input: blobs.join('\\n') + '\\n' });",
].join('\n');

/**
 * The same three git commands from a V8 startup snapshot (`node --build-snapshot`): what a hook
 * that starts from a snapshot instead of loading modules could not go below. Built per run
 * (a snapshot only runs on the node that built it); undefined when this node cannot build one.
 */
function snapshotFloor(dir: string): string | undefined {
  const script = join(dir, 'floor-snapshot.cjs');
  const blob = join(dir, 'floor-snapshot.blob');
  writeFileSync(script, `require('node:v8').startupSnapshot.setDeserializeMainFunction(() => {\n${FLOOR_SCRIPT}\n});\n`);
  const built = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', script], { cwd: dir, encoding: 'utf8' });
  return built.status === 0 ? blob : undefined;
}

function git(dir: string, args: string[], env: NodeJS.ProcessEnv): string {
  const result = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`git ${args[0]} failed: ${result.stderr}`);
  return result.stdout;
}

/** A source-like file: deterministic from its index, 300-1500 bytes. */
function sourceFile(index: number): string {
  const lines = [`// module ${index}`, `import { helper${index % 97} } from '../lib/helper-${index % 97}.js';`, ''];
  const count = 8 + (index % 40);
  for (let i = 0; i < count; i++) lines.push(`export const value${i} = helper${index % 97}(${(index * 31 + i * 7) % 1000}, 'item-${i}');`);
  return `${lines.join('\n')}\n`;
}

/** Creates (once, cached in tmpdir) a committed repository of `files` files in 500 directories. */
function hookRepository(files: number, env: NodeJS.ProcessEnv): string {
  const dir = join(tmpdir(), `blastradius-bench-hook-${files}`);
  const marker = join(dir, '.git', 'blastradius-bench-ready');
  if (existsSync(marker)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < files; i++) {
    const sub = join(dir, 'src', `pkg-${i % 500}`);
    if (i < 500) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `module-${i}.ts`), sourceFile(i));
  }
  git(dir, ['init', '-q'], env);
  git(dir, ['add', '-A'], env);
  git(dir, ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'corpus', '--no-verify'], env);
  writeFileSync(marker, '');
  return dir;
}

/** Stages edits to 10 files; with `token`, one of them adds a (made-up, valid-checksum) GitHub token. */
function stageTenFiles(dir: string, env: NodeJS.ProcessEnv, token: boolean): void {
  git(dir, ['reset', '-q', '--hard'], env);
  const paths = Array.from({ length: 10 }, (_, i) => join('src', `pkg-${(i * 37) % 500}`, `module-${(i * 37) % 500}.ts`));
  paths.forEach((path, i) => {
    const full = join(dir, path);
    const added = token && i === 9 ? `export const token = "${sampleGithubToken()}";\n` : `export const edited${i} = ${i};\n`;
    writeFileSync(full, readFileSync(full, 'utf8') + added);
  });
  git(dir, ['add', ...paths], env);
}

async function timed(label: string, args: string[], runs: number, cwd: string, env: NodeJS.ProcessEnv, expectExit: number): Promise<number> {
  await measure(process.execPath, args, { cwd, env }); // warm the page cache and the compiled-rules cache
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const m = await measure(process.execPath, args, { cwd, env });
    if (m.exitCode !== expectExit) throw new Error(`${label}: exit ${m.exitCode}, expected ${expectExit}: ${m.stderr}`);
    times.push(m.wallMs);
    cpu.push(m.cpuMs);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const mid = median(times);
  console.log(
    `${label.padEnd(44)} median ${mid.toFixed(0).padStart(4)} ms   min ${sorted[0].toFixed(0).padStart(4)}   max ${sorted[sorted.length - 1].toFixed(0).padStart(4)}   CPU ${median(cpu).toFixed(0).padStart(4)} ms   (${runs} runs)`,
  );
  return mid;
}

export async function runHookBench(options: { files?: number; runs?: number; bin?: string; label?: string } = {}): Promise<void> {
  const bin = options.bin ?? ownBin;
  const files = options.files ?? 50_000;
  const runs = options.runs ?? 15;
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1' };
  for (const key of Object.keys(env)) if (key.startsWith('GIT_') && key !== 'GIT_CONFIG_NOSYSTEM') delete env[key];
  const started = performance.now();
  const dir = hookRepository(files, env);
  console.log(
    `\nhook bench${options.label ? ` (${options.label})` : ''} — repository ${dir}: ${files} files (ready in ${((performance.now() - started) / 1000).toFixed(1)} s), a commit touching 10 files`,
  );
  // Wall times move with whatever else the machine runs: the load average says how far to trust them.
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${availableParallelism()} CPUs`,
  );
  const bare = await timed('node -e 0 (bare node start-up)', ['-e', '0'], runs, dir, env, 0);
  await timed('blastradius --version (start-up)', [bin, '--version'], runs, dir, env, 0);
  stageTenFiles(dir, env, false);
  // The floor of any hook that runs in Node: start-up plus the three git commands the hook needs
  // (where the repository is, what is staged, the staged blobs), nothing of ours loaded.
  const floor = await timed("node + the hook's 3 git commands (floor)", ['-e', FLOOR_SCRIPT], runs, dir, env, 0);
  const snapshotDir = mkdtempSync(join(tmpdir(), 'blastradius-bench-snapshot-'));
  try {
    const blob = snapshotFloor(snapshotDir);
    if (blob) await timed('the same 3 git commands from a V8 snapshot', ['--snapshot-blob', blob], runs, dir, env, 0);
    else console.log('the same 3 git commands from a V8 snapshot: this node cannot build a startup snapshot');
  } finally {
    rmSync(snapshotDir, { recursive: true, force: true });
  }
  const clean = await timed('hook run --offline, 10 files, clean (exit 0)', [bin, 'hook', 'run', '--offline'], runs, dir, env, 0);
  stageTenFiles(dir, env, true);
  const blocked = await timed('hook run --offline, 10 files, 1 secret (exit 1)', [bin, 'hook', 'run', '--offline'], runs, dir, env, 1);
  await timed('scan --staged --offline, 10 files', [bin, 'scan', '--staged', '--offline'], runs, dir, env, 0);
  git(dir, ['reset', '-q', '--hard'], env);
  const worst = Math.max(clean, blocked);
  const ratio = worst / bare;
  console.log(
    `hook goal: at most ${GOAL_RATIO}× node -e 0 — ${ratio <= GOAL_RATIO ? 'met' : 'NOT met'} (${worst.toFixed(0)} ms = ${ratio.toFixed(2)}×; load average now ${loadavg()[0].toFixed(2)}); the git floor alone is ${(floor / bare).toFixed(2)}×`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i === -1 ? undefined : Number(process.argv[i + 1]);
  };
  await runHookBench({ files: arg('--files'), runs: arg('--runs') });
}
