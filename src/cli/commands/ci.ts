import { appendFileSync, writeFileSync } from 'node:fs';
import { FAIL_ON, type FailOn } from '../../config/config.js';
import { UsageError, fileProblem } from '../../core/errors.js';
import { evaluateGate, gatePolicy } from '../../gate/gate.js';
import { setUpReview } from '../../review/ci-base.js';
import { formatAnnotations } from '../../report/annotations.js';
import { formatMarkdown } from '../../report/markdown.js';
import { formatSarif } from '../../report/sarif.js';
import { EXIT, type RunContext, type RunResult } from '../io.js';
import { parseFlags } from '../parse-flags.js';
import { DASH_VALUES, SCAN_FLAGS, requireScannedFiles, resolvePath, type ScanFlagValues } from '../scan-options.js';
import { FORMATS, analyzeWithProgress, pipelineOptions, renderReport, withDebug } from './scan.js';

const CI_FLAGS = {
  ...SCAN_FLAGS,
  'fail-on': { type: 'string' },
  unverified: { type: 'string' },
  possible: { type: 'string' },
  incomplete: { type: 'string' },
  base: { type: 'string' },
  sarif: { type: 'string' },
  'no-workspace-gate': { type: 'boolean' },
} as const;

/**
 * `blastradius ci [PATH]`: scan + verify + assess, then the gate. Exit 1 when a token (or the
 * workspace as a whole) reaches the threshold, 0 otherwise, 2 on usage or configuration errors.
 */
export async function ciCommand(argv: string[], ctx: RunContext): Promise<RunResult> {
  const parsed = parseFlags(argv, CI_FLAGS, { dashValues: DASH_VALUES });
  const values = parsed.values as ScanFlagValues & {
    'fail-on'?: string;
    unverified?: string;
    possible?: string;
    incomplete?: string;
    base?: string;
    sarif?: string;
    'no-workspace-gate'?: boolean;
  };
  const failOn = values['fail-on'];
  if (failOn !== undefined && !FAIL_ON.includes(failOn as FailOn)) throw new UsageError(`--fail-on: expected one of ${FAIL_ON.join(', ')}, got "${failOn}"`);
  for (const flag of ['unverified', 'possible', 'incomplete'] as const) {
    const value = values[flag];
    if (value !== undefined && value !== 'warn' && value !== 'fail') throw new UsageError(`--${flag}: expected warn or fail, got "${value}"`);
  }
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format: expected one of ${FORMATS.join(', ')}, got "${format}"`);

  const debug: string[] = [];
  const options = pipelineOptions(values, parsed.positionals, ctx, debug);
  const review = setUpReview(values.base, options, ctx.env, {
    config: values.config !== undefined,
    baseline: values.baseline !== undefined || values['no-baseline'] === true,
  });
  const { report, config, rules } = await analyzeWithProgress(options, values, ctx);
  review?.finish(report);
  requireScannedFiles(report.scan.files, report.scan.roots, values, Boolean(options.scanOverride));
  const policy = gatePolicy(config, {
    failOn: failOn as FailOn | undefined,
    unverified: values.unverified as 'warn' | 'fail' | undefined,
    possible: values.possible as 'warn' | 'fail' | undefined,
    incomplete: values.incomplete as 'warn' | 'fail' | undefined,
    workspace: values['no-workspace-gate'] ? false : undefined,
  });
  const verdict = evaluateGate(report, policy);

  if (values.sarif) writeFile(resolvePath(ctx, values.sarif), formatSarif(report, rules), '--sarif');
  if (ctx.env.GITHUB_STEP_SUMMARY) writeFile(ctx.env.GITHUB_STEP_SUMMARY, `${formatMarkdown(report)}\n**${verdict.summary}**\n`, 'GITHUB_STEP_SUMMARY', true);
  const annotations = ctx.env.GITHUB_ACTIONS === 'true' ? formatAnnotations(report, verdict) : '';
  const rendered = await renderReport(report, format, values, ctx, rules);
  const exitCode = verdict.failed ? EXIT.gateFailed : EXIT.clean;
  const gateLine = `blastradius: ${verdict.summary}\n`;
  if (values.output) {
    writeFile(resolvePath(ctx, values.output), rendered, '--output');
    return withDebug({ exitCode, stdout: annotations, stderr: gateLine }, debug, ctx);
  }
  return withDebug({ exitCode, stdout: annotations + rendered, stderr: gateLine }, debug, ctx);
}

function writeFile(path: string, content: string, what: string, append = false): void {
  try {
    if (append) appendFileSync(path, content);
    else writeFileSync(path, content);
  } catch (error) {
    throw new UsageError(`${what}: cannot write ${path}: ${fileProblem(error)}`);
  }
}
