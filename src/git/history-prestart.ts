import { parseArgs } from 'node:util';
import { SCAN_COMMAND_FLAGS } from '../cli/scan-options.js';
import { gitEnvironment } from './git.js';
import { countArgs, logArgs, logProcesses, planKey, repositoryOf, segmentsOf, type HistoryPlan } from './log-args.js';
import { gitOutput, RunningGit } from './running-git.js';

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
  count: number;
  running: RunningGit[];
}

let early: { key: string; started: Promise<EarlyHistory | undefined> } | undefined;
let released = false;

/** Starts the history's git processes when `args` (a `scan` command's) is a plain `--git-history` scan. */
export function prestartHistory(args: readonly string[], ctx: { cwd: string; env: NodeJS.ProcessEnv }): void {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof SCAN_COMMAND_FLAGS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: [...args], options: SCAN_COMMAND_FLAGS, allowPositionals: true, strict: true });
  } catch {
    return; // anything `scan` does not accept is left to its own parser, which says what is wrong
  }
  const flags = parsed.values;
  if (!flags['git-history'] || flags['log-opts'] !== undefined || flags.since !== undefined || flags.staged || flags.home || flags.help) return;
  const where = repositoryOf(parsed.positionals, ctx.cwd);
  const plan: HistoryPlan = { cwd: where.directory, env: gitEnvironment(ctx.env), revisions: ['--all'], logOptions: [], pathspecs: where.pathspecs };
  released = false;
  early = { key: planKey(plan), started: start(plan) };
}

async function start(plan: HistoryPlan): Promise<EarlyHistory | undefined> {
  if (logProcesses() < 2) return undefined;
  const counted = await gitOutput(countArgs(plan), plan.cwd, plan.env);
  const count = Number(counted?.trim());
  // Not a repository, no commits, a failure: the scan finds it out and says so itself.
  if (released || counted === undefined || !Number.isSafeInteger(count)) return undefined;
  const running = segmentsOf(count)
    .slice(0, logProcesses())
    .map((segment) => new RunningGit(logArgs(plan, segment), plan.cwd, plan.env));
  for (const git of running) git.unref();
  return { count, running };
}

/** The processes started early for this plan, once; undefined when none were (or for another plan). */
export async function takeHistory(plan: HistoryPlan): Promise<EarlyHistory | undefined> {
  const taken = early;
  early = undefined;
  if (!taken) return undefined;
  const started = await taken.started;
  if (taken.key === planKey(plan)) return started;
  for (const git of started?.running ?? []) git.kill();
  return undefined;
}

/** Stops what nobody adopted (a command that failed before it scanned). */
export function releaseHistory(): void {
  released = true;
  const taken = early;
  early = undefined;
  void taken?.started.then((started) => {
    for (const git of started?.running ?? []) git.kill();
  });
}
