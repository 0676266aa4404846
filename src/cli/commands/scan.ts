import { homedir } from 'node:os';
import { writeFileSync } from 'node:fs';
import { UsageError, fileProblem } from '../../core/errors.js';
import { loadUserConfig } from '../../config/user.js';
import { analyzeWorkspace, type PipelineOptions, type PipelineResult } from '../../pipeline.js';
import { builtinRulesDir, loadRulesCached } from '../../rules/cache.js';
import type { RuleSpec } from '../../rules/types.js';
import type { Report } from '../../report/model.js';
import { gitScanMode } from '../../git/scan-mode.js';
import { defaultWorkers } from '../../scan/scan.js';
import { EXIT, type RunContext, type RunResult } from '../io.js';
import { liveProgress } from '../live-progress.js';
import { parseFlags } from '../parse-flags.js';
import {
  DASH_VALUES,
  DEFAULT_MAX_FILE_SIZE,
  SCAN_COMMAND_FLAGS,
  SCAN_FLAGS,
  parseDuration,
  parseInteger,
  parseSize,
  requireScannedFiles,
  resolvePath,
  useColor,
  type ScanFlagValues,
} from '../scan-options.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

/** `scan` alone: the exit code to return when any token is reported (peers' `--exit-code`). */

export function parseScanArgs(
  argv: string[],
  options: typeof SCAN_FLAGS | typeof SCAN_COMMAND_FLAGS = SCAN_FLAGS,
): { values: ScanFlagValues & { 'exit-code'?: string; 'verify-ids'?: string }; positionals: string[] } {
  const { values, positionals } = parseFlags(argv, options, { dashValues: DASH_VALUES });
  return { values: values as ScanFlagValues, positionals };
}

/** Provider settings from flags, the process environment and the user's own config — never the workspace. */
export function providerSettings(values: ScanFlagValues, ctx: RunContext, debug: string[]): NonNullable<PipelineOptions['providers']> {
  const user = loadUserConfig(ctx.env);
  const apiUrls = { ...user.apiUrls, ...(values['github-api-url'] ? { github: values['github-api-url'] } : {}) };
  return {
    context: {
      env: ctx.env,
      apiUrls,
      timeoutMs: values.timeout ? parseDuration(values.timeout, 'timeout') : 10_000,
      retries: 2,
      maxRetryWaitMs: 30_000,
      awsAuditProfile: values['aws-audit-profile'],
      log: (message) => debug.push(message),
    },
    // All providers together; each provider and each host has its own smaller bound (src/verify/limits.ts).
    concurrency: 16,
    cache: !values['no-cache'],
    verifyCanaries: values['verify-canaries'] ?? false,
  };
}

export function pipelineOptions(values: ScanFlagValues, positionals: string[], ctx: RunContext, debug: string[] = []): PipelineOptions {
  const maxFileSize = values['max-file-size'] ? parseSize(values['max-file-size'], 'max-file-size') : DEFAULT_MAX_FILE_SIZE;
  // --staged / --since / --git-history read git instead of walking; PATHs become pathspecs.
  const fileBudgetMs = values['file-time-budget'] ? parseDuration(values['file-time-budget'], 'file-time-budget') : undefined;
  const git = gitScanMode(values, positionals, ctx, { maxFileSize, fileBudgetMs });
  return {
    roots: git ? git.roots : positionals.length ? positionals : ['.'],
    cwd: ctx.cwd,
    include: values.include,
    exclude: values.exclude,
    includeNodeModules: values['include-node-modules'] ?? false,
    maxFileSize,
    fileBudgetMs,
    workers: values.workers !== undefined ? parseInteger(values.workers, 'workers', 0, 64) : defaultWorkers(),
    ruleDirs: (values.rules ?? []).map((d) => resolvePath(ctx, d)),
    home: values.home ? (ctx.env.HOME ?? homedir()) : undefined,
    ...(values.env ? { environment: ctx.env } : {}),
    offline: values.offline ?? false,
    baselinePath: values.baseline ? resolvePath(ctx, values.baseline) : undefined,
    useBaseline: !values['no-baseline'],
    configPath: values.config ? resolvePath(ctx, values.config) : undefined,
    providers: providerSettings(values, ctx, debug),
    ...(git ? { scanOverride: git.scanOverride } : {}),
  };
}

/** The report in one format; each format's module (the text one brings chalk) loads only when asked for. */
export async function renderReport(report: Report, format: string, values: ScanFlagValues, ctx: RunContext, rules: readonly RuleSpec[] = []): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('../../report/json.js')).formatJson(report);
    case 'sarif':
      return (await import('../../report/sarif.js')).formatSarif(report, rules);
    case 'markdown':
      return (await import('../../report/markdown.js')).formatMarkdown(report);
    case 'text':
      return (await import('../../report/text.js')).formatText(report, {
        color: values.output ? false : useColor(values, ctx),
        verbose: values.verbose ?? false,
      });
    default:
      throw new UsageError(`--format: expected one of ${FORMATS.join(', ')}, got "${format}"`);
  }
}

/** `blastradius scan [PATH...]`: report every credential; exit 0 unless the input is unusable. */
export async function scanCommand(argv: string[], ctx: RunContext): Promise<RunResult> {
  const { values, positionals } = parseScanArgs(argv, SCAN_COMMAND_FLAGS);
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format: expected one of ${FORMATS.join(', ')}, got "${format}"`);
  const findingsExit = values['exit-code'] === undefined ? EXIT.clean : parseInteger(values['exit-code'], 'exit-code', 0, 255);
  const debug: string[] = [];
  const options = pipelineOptions(values, positionals, ctx, debug);
  const plan = values['verify-ids'];
  if (plan !== undefined) options.verificationPlan = (await import('../../merge/verify-plan.js')).readVerificationPlan(resolvePath(ctx, plan), plan);
  const { report, rules } = await analyzeWithProgress(options, values, ctx);
  requireScannedFiles(report.scan.files, report.scan.roots, values, Boolean(options.scanOverride));
  const rendered = await renderReport(report, format, values, ctx, rules);
  // Tokens the baseline accepts or an allow comment suppresses are not reported: they do not count.
  const result = writeOutput(rendered, values, ctx, report.tokens.length > 0 ? findingsExit : EXIT.clean);
  return withDebug(result, debug, ctx);
}

/**
 * The pipeline, with a progress line on a terminal's stderr (wiped before anything is printed).
 * Rules are read once, from the compiled-rules cache (parsing the YAML cost more than reading
 * 8,000 files of node_modules), and returned for the reporters.
 */
export async function analyzeWithProgress(options: PipelineOptions, values: ScanFlagValues, ctx: RunContext): Promise<PipelineResult & { rules: RuleSpec[] }> {
  const rules = options.rules ?? (await loadRulesCached([builtinRulesDir(), ...(options.ruleDirs ?? [])], ctx.env));
  const progress = liveProgress(values.quiet, ctx, options.offline);
  try {
    return { ...(await analyzeWorkspace({ ...options, rules, ...progress?.callbacks })), rules };
  } finally {
    progress?.done();
  }
}

/** BLASTRADIUS_DEBUG=1 shows provider call logs on stderr (already scrubbed of secrets). */
export function withDebug(result: RunResult, debug: readonly string[], ctx: RunContext): RunResult {
  if (!ctx.env.BLASTRADIUS_DEBUG || debug.length === 0) return result;
  return { ...result, stderr: `${debug.map((l) => `debug: ${l}`).join('\n')}\n${result.stderr}` };
}

export function writeOutput(rendered: string, values: ScanFlagValues, ctx: RunContext, exitCode: number = EXIT.clean): RunResult {
  if (values.output) {
    const path = resolvePath(ctx, values.output);
    try {
      writeFileSync(path, rendered);
    } catch (error) {
      throw new UsageError(`--output: cannot write ${values.output}: ${fileProblem(error)}`);
    }
    return { exitCode, stdout: '', stderr: '' };
  }
  return { exitCode, stdout: rendered, stderr: '' };
}
