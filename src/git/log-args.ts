import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, relative, resolve } from 'node:path';

/**
 * What a history scan asks git for (the processes run through src/git/running-git.ts). Kept apart
 * from the scan (src/git/scan-history.ts) and light (no detector, no rules) because the command
 * line starts these processes before it loads the scan (src/git/history-prestart.ts).
 */

// Pinned so that no user configuration changes what the parser reads.
export const LOG_CONFIG = [
  '-c',
  'core.quotePath=true',
  '-c',
  'diff.noprefix=false',
  '-c',
  'diff.mnemonicPrefix=false',
  '-c',
  'diff.relative=false',
  '-c',
  'log.follow=false',
];
export const LOG_FLAGS = [
  '-p',
  '--format=commit %H',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-show-signature',
  '-U3',
  '--src-prefix=a/',
  '--dst-prefix=b/',
];

/** At most this many git processes at once (and no more than the CPUs). */
const MAX_PROCESSES = 4;

/** How many `git log` processes read a history at once. */
export const logProcesses = (): number => Math.max(1, Math.min(MAX_PROCESSES, availableParallelism()));

/** What one history scan reads: the same values give the same git commands. */
export interface HistoryPlan {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** `git log` revision arguments: `['REV..HEAD']`, or `['--all']` for every commit. */
  revisions: readonly string[];
  /** The user's own `git log` arguments (--log-opts). */
  logOptions: readonly string[];
  pathspecs: readonly string[];
}

/** Equal for two plans exactly when they run the same git commands in the same place and environment. */
export function planKey(plan: HistoryPlan): string {
  return JSON.stringify([plan.cwd, plan.revisions, plan.logOptions, plan.pathspecs, Object.entries(plan.env).sort(([a], [b]) => (a < b ? -1 : 1))]);
}

/** The `git log` command of one reader: its own arguments (a segment's --skip/--max-count, `--reverse` for the oldest-first end), none for the whole range. */
export function logArgs(plan: HistoryPlan, segment: readonly string[]): string[] {
  // The user's options come first: where git lets a later option win, the pinned ones do.
  return [...LOG_CONFIG, 'log', ...plan.logOptions, ...LOG_FLAGS, ...segment, ...plan.revisions, '--', ...plan.pathspecs];
}

/** `git rev-list --count` of the plan's range, as an argument list. */
export const countArgs = (plan: HistoryPlan): string[] => ['rev-list', '--count', ...plan.revisions, '--', ...plan.pathspecs];

/** The range's `count` commits split into `segments` runs of consecutive commits, `--skip`/`--max-count` over the same walk. */
export function segmentsOf(count: number, segments: number): string[][] {
  const wanted = Math.min(count, segments);
  if (wanted < 2) return [[]];
  const size = Math.ceil(count / wanted);
  const starts = Array.from({ length: Math.ceil(count / size) }, (_, i) => i * size);
  return starts.map((skip, i) => [`--skip=${skip}`, ...(i < starts.length - 1 ? [`--max-count=${size}`] : [])]);
}

/**
 * The directory to open the repository from: the first PATH that exists (its directory, for a
 * file), else the current directory. PATHs are git pathspecs relative to that directory, so
 * `scan --git-history ../other-repo` reads that repository's history, not this one's.
 */
export function repositoryOf(positionals: readonly string[], cwd: string): { directory: string; pathspecs: string[] } {
  const first = positionals[0] === undefined ? undefined : resolve(cwd, positionals[0]);
  const directory = first && existsSync(first) ? (statSync(first).isDirectory() ? first : dirname(first)) : cwd;
  if (directory === cwd) return { directory, pathspecs: [...positionals] };
  return { directory, pathspecs: positionals.map((p) => relative(directory, resolve(cwd, p)) || '.') };
}
