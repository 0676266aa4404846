/**
 * Start-up: what a command costs before and around its real work, on inputs too small to have any
 * (one clean file; a repository of one commit). Wall time (median) beside a bare `node -e 0`, and
 * how many modules each command loads: the tool's own (under the build's dist/src) and its
 * dependencies' (bench/module-log.ts records them).
 * Run alone: node dist/bench/startup.js [--runs N]; `npm run bench` runs it with --before builds.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, median } from './measure.js';
import { loadedModules } from './module-log.js';
import type { Build } from './scan-trees.js';

interface Inputs {
  dir: string;
  repo: string;
  env: NodeJS.ProcessEnv;
}

function inputs(): Inputs {
  const dir = mkdtempSync(join(tmpdir(), 'blastradius-bench-startup-'));
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1' };
  for (const key of Object.keys(env)) if (key.startsWith('GIT_') && key !== 'GIT_CONFIG_NOSYSTEM') delete env[key];
  const files = join(dir, 'files');
  mkdirSync(files);
  writeFileSync(join(files, 'index.js'), 'export const answer = 42;\n');
  const repo = join(dir, 'repo');
  mkdirSync(repo);
  writeFileSync(join(repo, 'README.md'), '# one commit\n');
  for (const args of [
    ['init', '-q'],
    ['add', '-A'],
    ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'one', '--no-verify'],
  ]) {
    const result = spawnSync('git', args, { cwd: repo, env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args[0]} failed: ${result.stderr}`);
  }
  return { dir, repo, env };
}

/** Modules a command loads: the build's own (under its dist/src) and the dependencies'. */
function modulesLoaded(build: Build, args: string[], cwd: string, work: Inputs): { own: number; dependencies: number } {
  const result = loadedModules(build.bin, args, { cwd, env: work.env, workDir: work.dir });
  if (result.status !== 0) throw new Error(`${args.join(' ')} (${build.label}) exited ${result.status}: ${result.stderr}`);
  const own = `${dirname(dirname(build.bin))}/`;
  // ES modules are recorded as URLs, CommonJS ones as paths: counted once each, as paths.
  const paths = new Set(
    result.modules.filter((m) => m.startsWith('file://') || m.startsWith('/')).map((m) => (m.startsWith('file://') ? fileURLToPath(m) : m)),
  );
  return { own: [...paths].filter((p) => p.startsWith(own)).length, dependencies: [...paths].filter((p) => p.includes('/node_modules/')).length };
}

async function wall(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, runs: number): Promise<number> {
  await measure(command, args, { cwd, env }); // warm the page cache and the compiled-rules cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const m = await measure(command, args, { cwd, env });
    if (m.exitCode !== 0) throw new Error(`${args.join(' ')} exited ${m.exitCode}: ${m.stderr}`);
    times.push(m.wallMs);
  }
  return median(times);
}

export async function runStartupBench(options: { builds: Build[]; runs: number }): Promise<void> {
  const work = inputs();
  try {
    const runs = Math.max(options.runs, 7);
    console.log(
      `\nstart-up: commands on one clean file (its directory, or the file named) and on a repository of one commit (median of ${runs} runs; modules each loads)`,
    );
    const bare = await wall(process.execPath, ['-e', '0'], work.dir, work.env, runs);
    console.log(`  node -e 0                                                ${bare.toFixed(0).padStart(4)} ms`);
    const commands: { label: string; args: string[]; cwd: string }[] = [
      { label: '--version', args: ['--version'], cwd: work.dir },
      { label: 'scan FILES --offline --format json', args: ['scan', 'files', '--offline', '--no-baseline', '--format', 'json'], cwd: work.dir },
      // The same without worker threads: a tree this small should start none either (src/cli/scan-options.ts, scanLooksSmall).
      {
        label: 'scan FILES --offline --format json --workers 0',
        args: ['scan', 'files', '--offline', '--no-baseline', '--format', 'json', '--workers', '0'],
        cwd: work.dir,
      },
      // The file named instead of its directory.
      { label: 'scan FILE --offline --format json', args: ['scan', 'files/index.js', '--offline', '--no-baseline', '--format', 'json'], cwd: work.dir },
      {
        label: 'scan --git-history --offline --format json',
        args: ['scan', '--git-history', '--offline', '--no-baseline', '--format', 'json'],
        cwd: work.repo,
      },
    ];
    for (const command of commands)
      for (const build of options.builds) {
        const ms = await wall(process.execPath, [build.bin, ...command.args], command.cwd, work.env, runs);
        const modules = modulesLoaded(build, command.args, command.cwd, work);
        console.log(
          `  ${build.label.padEnd(7)} ${command.label.padEnd(48)} ${ms.toFixed(0).padStart(4)} ms  ${(ms / bare).toFixed(2)}× node -e 0  modules: ${modules.own} own, ${modules.dependencies} of dependencies`,
        );
      }
  } finally {
    rmSync(work.dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--runs');
  const bin = fileURLToPath(new URL('../src/bin/blastradius.js', import.meta.url));
  await runStartupBench({ builds: [{ label: 'now', bin }], runs: i === -1 ? 9 : Number(process.argv[i + 1]) });
}
