import { parseScanCommand } from '../cli/scan-options.js';
import { gitEnvironment } from './git.js';
import { logArgs, logProcesses, planKey, repositoryOf, type HistoryPlan } from './log-args.js';
import { RunningGit } from './running-git.js';

/**
 * `scan --git-history` starts its `git log` processes before the scan's modules load. git is the
 * slow part of a history scan, and the command used to load its modules, the rules and the
 * repository before starting git, with the other CPUs idle. Started here from the
 * arguments alone, the processes print into memory until the scan adopts them; the scan adopts
 * one only when it would have started the very same command (same directory, environment and
 * arguments: src/git/scan-history.ts compares them), and whatever it does not adopt is stopped
 * when the command ends. Only the plain form is started early: no --log-opts, --since or --staged.
 */

export interface EarlyHistory {
  /** The processes, each adopted by the reader that would run the very same command. */
  running: RunningGit[];
}

let early: { key: string; started: EarlyHistory } | undefined;

/** Starts the history's git processes when `args` (a `scan` command's) is a plain `--git-history` scan. */
export function prestartHistory(args: readonly string[], ctx: { cwd: string; env: NodeJS.ProcessEnv }): void {
  const parsed = parseScanCommand(args);
  if (!parsed) return;
  const flags = parsed.values;
  if (!flags['git-history'] || flags['log-opts'] !== undefined || flags.since !== undefined || flags.staged || flags.home || flags.help) return;
  const where = repositoryOf(parsed.positionals, ctx.cwd);
  const plan: HistoryPlan = { cwd: where.directory, env: gitEnvironment(ctx.env), revisions: ['--all'], logOptions: [], pathspecs: where.pathspecs };
  const started = start(plan);
  early = started && { key: planKey(plan), started };
}

/** The two gits of a history read from both ends (src/git/scan-history.ts, readBothEnds). */
function start(plan: HistoryPlan): EarlyHistory | undefined {
  if (logProcesses() < 2) return undefined;
  const running = [new RunningGit(logArgs(plan, []), plan.cwd, plan.env), new RunningGit(logArgs(plan, ['--reverse']), plan.cwd, plan.env)];
  for (const git of running) git.unref();
  return { running };
}

/** The processes started early for this plan, once; undefined when none were (or for another plan). */
export function takeHistory(plan: HistoryPlan): EarlyHistory | undefined {
  const taken = early;
  early = undefined;
  if (taken?.key === planKey(plan)) return taken.started;
  stop(taken?.started);
  return undefined;
}

/** Stops what nobody adopted (a command that failed before it scanned). */
export function releaseHistory(): void {
  stop(early?.started);
  early = undefined;
}

function stop(started: EarlyHistory | undefined): void {
  for (const git of started?.running ?? []) git.kill();
}
