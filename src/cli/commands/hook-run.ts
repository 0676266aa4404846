import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_BASELINE, applyBaseline, readBaseline } from '../../baseline/baseline.js';
import { KnownError, UsageError, errorMessage } from '../../core/errors.js';
import { asUsageErrors, openRepository } from '../../git/git.js';
import { takeStaged } from '../../git/hook-prestart.js';
import { pathFilter } from '../../git/path-filter.js';
import type { PathExclusion } from '../../walk/exclusion.js';
import { scanStaged, type StagedScanOptions } from '../../git/scan-staged.js';
import { buildReport, type Report } from '../../report/model.js';
import { builtinRulesDir, loadRulesCached } from '../../rules/cache.js';
import { toolVersion } from '../../version.js';
import { EXIT, type RunContext, type RunResult } from '../io.js';
import { DEFAULT_MAX_FILE_SIZE, HOOK_RUN_FLAGS, parseDuration, parseSize, resolvePath, type ScanFlagValues } from '../scan-options.js';
import { PRE_COMMIT_HOOK_ID, hookAdvice } from './hook-advice.js';
import { sortNamedFiles } from './hook-files.js';
import { formatBlocked, formatPassed } from './hook-output.js';

type RunValues = ScanFlagValues & { verify?: boolean; 'pre-push'?: boolean; 'fail-open'?: boolean };

/**
 * `blastradius hook run [FILE...]`: the pre-commit check. Exit 1 blocks a commit that adds a secret
 * that is neither baselined nor allowed inline. Offline unless --verify. When the check itself
 * fails it blocks with the reason (exit 2) — or, with --fail-open, warns and lets the commit
 * through. FILE arguments (the pre-commit framework passes them) limit the check to those files,
 * and a named file the commit does not change is checked whole (`pre-commit run --all-files`).
 */
export async function hookRunCommand(argv: string[], ctx: RunContext): Promise<RunResult> {
  const failOpen = argv.includes('--fail-open');
  try {
    return await checkStagedCommit(argv, ctx);
  } catch (error) {
    return toolFailure(error, failOpen, ctx);
  }
}

async function checkStagedCommit(argv: string[], ctx: RunContext): Promise<RunResult> {
  const { values, positionals } = parseRunArgs(argv);
  if (values.verify && values.offline) throw new UsageError('--verify and --offline cannot be combined: --verify asks the providers');
  // The repository and the staged diff, when run() started them while this module loaded (src/git/hook-prestart.ts).
  const early = await takeStaged(ctx);
  const repo = early?.repo ?? openRepository(ctx.cwd, ctx.env, 'hook run');
  const ruleDirs = (values.rules ?? []).map((d) => resolvePath(ctx, d));
  const rules = await loadRulesCached([builtinRulesDir(), ...ruleDirs], ctx.env);
  const baselinePath = values['no-baseline'] ? undefined : values.baseline ? resolvePath(ctx, values.baseline) : implicitBaseline(repo.toplevel);
  const exclusion = await projectExclusion(repo.toplevel, values.config ? resolvePath(ctx, values.config) : undefined);
  if (values['pre-push']) {
    const { checkPush } = await import('./hook-push.js');
    return checkPush(positionals, {
      repo,
      rules,
      maxFileSize: values['max-file-size'] ? parseSize(values['max-file-size'], 'max-file-size') : DEFAULT_MAX_FILE_SIZE,
      fileBudgetMs: values['file-time-budget'] ? parseDuration(values['file-time-budget'], 'file-time-budget') : undefined,
      filter: pathFilter(values, exclusion),
      baselinePath,
      env: ctx.env,
    });
  }
  const earlyDiff = await early?.diff;
  const named = positionals.length > 0 ? sortNamedFiles(repo, positionals, ctx.cwd, earlyDiff) : undefined;
  const stagedOptions: StagedScanOptions = {
    repo,
    rules,
    maxFileSize: values['max-file-size'] ? parseSize(values['max-file-size'], 'max-file-size') : DEFAULT_MAX_FILE_SIZE,
    fileBudgetMs: values['file-time-budget'] ? parseDuration(values['file-time-budget'], 'file-time-budget') : undefined,
    label: relative(ctx.cwd, repo.toplevel) || '.',
    filter: pathFilter(values, exclusion),
    onlyAdded: true,
    earlyDiff,
    ...(named ? { files: named.staged, workTreeFiles: named.whole } : {}),
  };
  const { report, alreadyCommitted } = values.verify
    ? await verifiedCheck(values, ctx, stagedOptions, baselinePath)
    : await offlineCheck(stagedOptions, baselinePath);
  for (const name of named?.outside ?? []) report.scan.skipped.push({ file: name, reason: 'outside the repository' });
  const advice = hookAdvice(ctx.env);
  if (report.tokens.length > 0) {
    const wholeFiles = (named?.whole.length ?? 0) > 0;
    return { exitCode: EXIT.gateFailed, stdout: '', stderr: formatBlocked(report, { verified: Boolean(values.verify), alreadyCommitted, advice, wholeFiles }) };
  }
  return { exitCode: EXIT.clean, stdout: '', stderr: formatPassed(report, { verbose: values.verbose ?? false, alreadyCommitted, advice }) };
}

type CheckResult = { report: Report; alreadyCommitted: number };

/**
 * Offline: staged scan → report model → baseline, without the rest of the pipeline (assessment,
 * verification, config): an offline verdict has no reach to assess, and every module not loaded
 * is start-up time the commit does not wait for.
 */
async function offlineCheck(options: StagedScanOptions, baselinePath: string | undefined): Promise<CheckResult> {
  const baseline = baselinePath ? readBaseline(baselinePath) : undefined;
  const staged = await asUsageErrors(() => scanStaged(options));
  const report = buildReport({ version: toolVersion(), scan: staged.result, offline: true });
  const { report: kept, suppressed } = applyBaseline(report.tokens, baseline);
  report.tokens = kept;
  report.scan.suppressed.baseline = suppressed;
  return { report, alreadyCommitted: staged.alreadyCommitted.size };
}

/** --verify: the whole pipeline over the staged scan (verification cache, assessment, baseline reach). */
async function verifiedCheck(values: RunValues, ctx: RunContext, options: StagedScanOptions, baselinePath: string | undefined): Promise<CheckResult> {
  const [{ analyzeWorkspace }, { providerSettings }] = await Promise.all([import('../../pipeline.js'), import('./scan.js')]);
  let alreadyCommitted = 0;
  const { report } = await analyzeWorkspace({
    roots: [options.repo.toplevel],
    cwd: ctx.cwd,
    maxFileSize: options.maxFileSize,
    fileBudgetMs: options.fileBudgetMs,
    workers: 0,
    rules: options.rules,
    offline: false,
    baselinePath,
    useBaseline: baselinePath !== undefined,
    configPath: values.config ? resolvePath(ctx, values.config) : undefined,
    providers: providerSettings(values, ctx, []),
    scanOverride: (rules) =>
      asUsageErrors(async () => {
        const staged = await scanStaged({ ...options, rules });
        alreadyCommitted = staged.alreadyCommitted.size;
        return staged.result;
      }),
  });
  return { report, alreadyCommitted };
}

/**
 * The project's `paths.exclude`, read only when blastradius.yaml exists (the hook stays light:
 * no YAML parser is loaded otherwise); a broken workspace config excludes nothing.
 */
async function projectExclusion(toplevel: string, explicit: string | undefined): Promise<PathExclusion | undefined> {
  // config.ts's DEFAULT_CONFIG_NAME, spelled here so that a hook without a config never loads that module.
  if (!explicit && !existsSync(join(toplevel, 'blastradius.yaml'))) return undefined;
  const [{ loadProjectConfig }, { PathExclusion: Exclusion }] = await Promise.all([import('../../config/config.js'), import('../../walk/exclusion.js')]);
  const patterns = loadProjectConfig(explicit, toplevel).paths.exclude;
  return patterns.length ? new Exclusion(patterns) : undefined;
}

/** The baseline at the top of the work tree, if there is one (as the pipeline finds it at the scan root). */
function implicitBaseline(toplevel: string): string | undefined {
  const path = join(toplevel, DEFAULT_BASELINE);
  return existsSync(path) ? path : undefined;
}

function parseRunArgs(argv: string[]): { values: RunValues; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: HOOK_RUN_FLAGS, allowPositionals: true, strict: true });
    return { values: values as RunValues, positionals };
  } catch (error) {
    throw new UsageError(errorMessage(error).replace(/^TypeError \[\w+\]: /, ''));
  }
}

/** The check could not run. Never silent: fail-closed blocks with the reason, fail-open says it let the commit through unchecked. */
function toolFailure(error: unknown, failOpen: boolean, ctx: RunContext): RunResult {
  const known = error instanceof KnownError;
  const reason = known ? `${error.message}${error.hint ? ` (${error.hint})` : ''}` : `internal error: ${errorMessage(error)}`;
  const stack = !known && ctx.env.BLASTRADIUS_DEBUG ? `${(error as Error)?.stack ?? ''}\n` : '';
  const head = `blastradius hook: ${reason}\n${stack}`;
  if (failOpen) {
    return {
      exitCode: EXIT.clean,
      stdout: '',
      stderr: `${head}blastradius hook: WARNING: the commit goes through UNCHECKED because the hook runs with --fail-open.\n`,
    };
  }
  const { framework } = hookAdvice(ctx.env);
  const ways = framework
    ? `  Fix the problem above, or skip the check once: SKIP=${PRE_COMMIT_HOOK_ID} git commit\n` +
      `  (\`args: [--fail-open]\` on the ${PRE_COMMIT_HOOK_ID} hook in .pre-commit-config.yaml lets commits through when the check cannot run.)\n`
    : '  Fix the problem above, or skip the check once: git commit --no-verify\n' +
      '  (`blastradius hook install --fail-open` lets commits through when the check cannot run.)\n';
  return {
    exitCode: EXIT.usage,
    stdout: '',
    stderr: `${head}blastradius hook: the commit was blocked: the check could not run, and the hook fails closed.\n${ways}`,
  };
}
