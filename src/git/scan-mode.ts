import { relative } from 'node:path';
import type { RunContext } from '../cli/io.js';
import { UsageError } from '../core/errors.js';
import type { RuleSpec } from '../rules/types.js';
import type { ScanContext, ScanResult } from '../scan/scan.js';
import { asUsageErrors, openRepository, resolveCommit, type GitRepository } from './git.js';
import { repositoryOf } from './log-args.js';
import { parseLogOpts } from './log-opts.js';
import { pathFilter } from './path-filter.js';
import { scanHistory } from './scan-history.js';

/** The scan flags that switch from walking files to reading git. */
export interface GitScanFlags {
  staged?: boolean;
  since?: string;
  'git-history'?: boolean;
  /** Extra `git log` arguments for history scans: revisions and limits (a branch, A..B, --since=DATE). */
  'log-opts'?: string;
  home?: boolean;
  include?: string[];
  exclude?: string[];
}

/** Where a git scan is rooted (the work tree's top, for config and baseline) and what replaces the walk. */
export interface GitScanMode {
  repo: GitRepository;
  roots: string[];
  scanOverride: (rules: RuleSpec[], context?: ScanContext) => Promise<ScanResult>;
}

/**
 * `--staged`, `--since REV`, `--git-history` or `--log-opts ARGS` (a history scan): undefined when
 * none is given. The repository is the one holding the first PATH (or the current directory);
 * PATH arguments become git pathspecs in it; --include/--exclude still apply.
 */
export function gitScanMode(
  flags: GitScanFlags,
  positionals: readonly string[],
  ctx: RunContext,
  limits: { maxFileSize: number; fileBudgetMs?: number },
): GitScanMode | undefined {
  const logOpts = flags['log-opts'] !== undefined ? parseLogOpts(flags['log-opts']) : undefined;
  const history = flags['git-history'] || (logOpts !== undefined && flags.since === undefined && !flags.staged);
  const modes = [flags.staged && '--staged', flags.since !== undefined && '--since', history && '--git-history'].filter((m): m is string => Boolean(m));
  if (modes.length === 0) return undefined;
  if (modes.length > 1) throw new UsageError(`${modes.join(' and ')} cannot be combined`);
  if (flags.home) throw new UsageError(`--home cannot be combined with ${modes[0]}`);
  if (flags.staged && logOpts) throw new UsageError('--log-opts applies to history scans (--git-history, --since), not to --staged');
  const where = repositoryOf(positionals, ctx.cwd);
  const repo = openRepository(where.directory, ctx.env, modes[0]);
  const label = relative(ctx.cwd, repo.toplevel) || '.';
  const common = (context?: ScanContext) => ({
    repo,
    pathspecs: where.pathspecs,
    ...limits,
    label,
    filter: pathFilter(flags, context?.exclusion),
    onProgress: context?.onProgress,
  });
  let scan: (rules: RuleSpec[], context?: ScanContext) => Promise<ScanResult>;
  if (flags.staged) {
    scan = async (rules, context) => (await (await import('./scan-staged.js')).scanStaged({ ...common(context), rules })).result;
  } else if (flags.since !== undefined) {
    const since = flags.since;
    if (!repo.head) throw new UsageError('--since: this repository has no commits yet');
    if (!resolveCommit(since, repo.cwd, repo.env)) throw new UsageError(`--since: "${since}" does not name a commit in this repository`);
    scan = (rules, context) => scanHistory({ ...common(context), rules, revisions: [`${since}..HEAD`], logOptions: logOpts?.args });
  } else {
    // Options that only limit (--since=DATE, --author) keep every ref; a branch or range replaces --all.
    const revisions = logOpts?.selectsRevisions ? [] : ['--all'];
    scan = (rules, context) => scanHistory({ ...common(context), rules, revisions, logOptions: logOpts?.args });
  }
  return { repo, roots: [repo.toplevel], scanOverride: (rules, context) => asUsageErrors(() => scan(rules, context)) };
}
