import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_BASELINE } from '../../baseline/baseline.js';
import { UsageError } from '../../core/errors.js';
import { analyzeWorkspace, type PipelineOptions } from '../../pipeline.js';
import type { Report } from '../../report/model.js';
import { readSavedReport } from '../../report/read.js';
import { formatText } from '../../report/text.js';
import { fileActions } from '../../tui/actions.js';
import { progressTracker, type AuditProgress } from '../../tui/progress.js';
import { colorEnabled } from '../../tui/theme.js';
// Ink draws only the final frame under CI (its own is-in-ci check): an interactive view there would look hung.
import { EXIT, inCi, type RunContext, type RunResult } from '../io.js';
import { parseFlags } from '../parse-flags.js';
import { DASH_VALUES, SCAN_FLAGS, resolvePath, useColor, type ScanFlagValues } from '../scan-options.js';
import { pipelineOptions, withDebug } from './scan.js';

const AUDIT_FLAGS = { ...SCAN_FLAGS, report: { type: 'string' } } as const;

/**
 * `blastradius audit [PATH] | --report FILE`: the interactive view of the report. Ink and React load
 * only here, and only when stdin and stdout are terminals; anywhere else it prints the text report.
 */
export async function auditCommand(argv: string[], ctx: RunContext): Promise<RunResult> {
  const { values, positionals } = parseAuditArgs(argv);
  const interactive = ctx.isTTY && Boolean(process.stdin.isTTY) && !inCi(ctx.env);
  const debug: string[] = [];
  const options = values.report ? undefined : pipelineOptions(values, positionals, ctx, debug);
  const savedReport = values.report ? readSavedReport(resolvePath(ctx, values.report), values.report) : undefined;

  if (!interactive) {
    const report = savedReport ?? (await analyzeWorkspace(options!)).report;
    const text = formatText(report, { color: useColor(values, ctx), verbose: values.verbose ?? false });
    const notice = 'blastradius audit: not a terminal (stdin or stdout is redirected, or CI is set): printing the text report instead\n';
    return withDebug({ exitCode: EXIT.clean, stdout: text, stderr: notice }, debug, ctx);
  }

  const roots = savedReport?.scan.roots ?? options!.roots;
  const opened: string[] = [];
  const actions = fileActions({
    baselinePath: values.baseline ? resolvePath(ctx, values.baseline) : defaultBaselinePath(ctx, roots),
    exportDir: ctx.cwd,
    scanRoot: roots.length === 1 ? roots[0] : '.',
    opened,
    cwd: ctx.cwd,
  });
  const { runAuditApp } = await import('../../tui/app-entry.js');
  await runAuditApp({
    report: savedReport,
    load: options && ((publish) => runPipeline(options, publish)),
    roots,
    actions,
    color: colorEnabled(ctx.env, values['no-color']),
  });
  return withDebug({ exitCode: EXIT.clean, stdout: opened.length ? `${[...new Set(opened)].join('\n')}\n` : '', stderr: '' }, debug, ctx);
}

function parseAuditArgs(argv: string[]): { values: ScanFlagValues & { report?: string }; positionals: string[] } {
  const parsed = parseFlags(argv, AUDIT_FLAGS, { dashValues: DASH_VALUES });
  const values = parsed.values as ScanFlagValues & { report?: string };
  for (const flag of ['format', 'output', 'staged'] as const) {
    if (values[flag] !== undefined)
      throw new UsageError(
        `audit: --${flag} does not apply to the interactive view`,
        'use `blastradius scan` for a report file, or `e` inside audit to export',
      );
  }
  if (values.report && parsed.positionals.length) throw new UsageError('audit: give a PATH to scan or --report FILE, not both');
  return { values, positionals: parsed.positionals };
}

/** The baseline where scan looks for it: at the first root (a file's folder), else in the working directory. */
function defaultBaselinePath(ctx: RunContext, roots: readonly string[]): string {
  const root = resolve(ctx.cwd, roots[0] ?? '.');
  if (!existsSync(root)) return join(ctx.cwd, DEFAULT_BASELINE);
  return join(statSync(root).isDirectory() ? root : dirname(root), DEFAULT_BASELINE);
}

/** The pipeline with progress: files walked while scanning, then tokens answered while verifying. */
export async function runPipeline(options: PipelineOptions, publish: (progress: AuditProgress) => void): Promise<Report> {
  const tracker = progressTracker(publish);
  const { report } = await analyzeWorkspace({
    ...options,
    onProgress: (p) => tracker.scanned(p),
    onScanned: (scan) => tracker.found(scan.tokens, !options.offline),
    onVerified: (id) => tracker.verified(id),
  });
  return report;
}
