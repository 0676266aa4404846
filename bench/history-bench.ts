/**
 * `scan --git-history --offline` beside `git log -p --all -U0` on the same repository, in the same
 * run (git's output drained through a pipe, as the scanner reads it). Goal: at most 1.3× git.
 */
import { measure, median, type Measurement } from './measure.js';
import { commitCount, gitEnv, historyRepository } from './history.js';
import type { Build } from './scan-trees.js';
import { GIT_MALLOC_TRIM_THRESHOLD } from '../src/git/git.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function runHistoryBench(options: { builds: Build[]; runs: number; repo?: string }): Promise<void> {
  const repo = options.repo ?? historyRepository();
  const env = gitEnv();
  console.log(`\n--git-history: ${repo} (${commitCount(repo)} commits${options.repo ? '' : ', synthetic, built with git fast-import'})`);
  const git: Measurement[] = [];
  // What the scanner itself asks git for: patches with 3 lines of context (context rules, parts
  // and allow comments read the lines around an added one). git trims the common tail of each
  // file only without context. The scanner splits the commits between one git per CPU (at most
  // 4, src/git/scan-history.ts), so on two CPUs it can finish before this single git does.
  const withContext: Measurement[] = [];
  // The scanner's git runs with a fixed malloc trim threshold (src/git/git.ts says why): the same
  // two commands with it, so the reader sees how much of the scanner's time that setting is.
  const trimmed = { ...env, MALLOC_TRIM_THRESHOLD_: GIT_MALLOC_TRIM_THRESHOLD };
  const gitTrimmed: Measurement[] = [];
  const withContextTrimmed: Measurement[] = [];
  const contextArgs = ['log', '-p', '--all', '-U3', '--format=commit %H', '--no-color', '--no-ext-diff', '--no-textconv'];
  const scans = new Map(options.builds.map((b) => [b.label, [] as Measurement[]]));
  const scanArgs = (bin: string) => [bin, 'scan', repo, '--git-history', '--offline', '--no-baseline', '--format', 'json'];
  for (const build of options.builds) await measure(process.execPath, scanArgs(build.bin), { env }); // warm
  for (let i = 0; i < options.runs; i++) {
    git.push(await measure('git', ['log', '-p', '--all', '-U0'], { cwd: repo, env, discardStdout: true }));
    withContext.push(await measure('git', contextArgs, { cwd: repo, env, discardStdout: true }));
    gitTrimmed.push(await measure('git', ['log', '-p', '--all', '-U0'], { cwd: repo, env: trimmed, discardStdout: true }));
    withContextTrimmed.push(await measure('git', contextArgs, { cwd: repo, env: trimmed, discardStdout: true }));
    for (const build of options.builds) {
      const m = await measure(process.execPath, scanArgs(build.bin), { env });
      if (m.exitCode !== 0) throw new Error(`history scan (${build.label}) failed: ${m.stderr}`);
      scans.get(build.label)!.push(m);
    }
  }
  const gitWall = median(git.map((m) => m.wallMs));
  console.log(`  git log -p --all -U0  wall ${seconds(gitWall)}  CPU ${seconds(median(git.map((m) => m.cpuMs)))}`);
  const contextWall = median(withContext.map((m) => m.wallMs));
  console.log(
    `  git log -p --all -U3 (what the scanner reads, in one git)  wall ${seconds(contextWall)}  CPU ${seconds(median(withContext.map((m) => m.cpuMs)))}  ${(contextWall / gitWall).toFixed(2)}× -U0`,
  );
  const trimmedWall = median(gitTrimmed.map((m) => m.wallMs));
  const contextTrimmedWall = median(withContextTrimmed.map((m) => m.wallMs));
  console.log(
    `  with the scanner's MALLOC_TRIM_THRESHOLD_=${GIT_MALLOC_TRIM_THRESHOLD}: -U0 wall ${seconds(trimmedWall)}  CPU ${seconds(median(gitTrimmed.map((m) => m.cpuMs)))};  -U3 wall ${seconds(contextTrimmedWall)}  CPU ${seconds(median(withContextTrimmed.map((m) => m.cpuMs)))}  ${(contextTrimmedWall / gitWall).toFixed(2)}× -U0`,
  );
  for (const build of options.builds) {
    const runs = scans.get(build.label)!;
    const wall = median(runs.map((m) => m.wallMs));
    const report = JSON.parse(runs[0].stdout) as { tokens: unknown[]; scan: { files: number } };
    console.log(
      `  ${build.label.padEnd(7)} scan --git-history  wall ${seconds(wall)}  CPU ${seconds(median(runs.map((m) => m.cpuMs)))} (git's included)  peak RSS ${Math.max(...runs.map((m) => m.peakRssMb)).toFixed(0)} MB  ${(wall / gitWall).toFixed(2)}× git  tokens ${report.tokens.length}`,
    );
  }
  const last = scans.get(options.builds[options.builds.length - 1].label)!;
  const ratio = median(last.map((m) => m.wallMs)) / gitWall;
  console.log(`  goal: at most 1.3× git log -p --all -U0 (as a user runs it, no malloc setting) — ${ratio <= 1.3 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}×)`);
}
