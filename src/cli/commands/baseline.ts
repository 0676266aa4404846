import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { resolveRoots } from '../../walk/walk.js';
import { analyzeWorkspace } from '../../pipeline.js';
import { DEFAULT_BASELINE, baselineFromReport, readBaseline, writeBaseline } from '../../baseline/baseline.js';
import { EXIT, type RunContext, type RunResult } from '../io.js';
import { resolvePath } from '../scan-options.js';
import { parseScanArgs, pipelineOptions } from './scan.js';

/** `blastradius baseline [PATH]`: accept every token found now (ids and reach, never secrets). */
export async function baselineCommand(argv: string[], ctx: RunContext): Promise<RunResult> {
  const { values, positionals } = parseScanArgs(argv);
  const options = { ...pipelineOptions(values, positionals, ctx), useBaseline: false };
  // Written where scans look for it by default: at the first scan root (the repository top with --staged).
  const explicit = values.output ?? values.baseline;
  const target = explicit ? resolvePath(ctx, explicit) : join((await resolveRoots(options.roots, options.cwd))[0].root, DEFAULT_BASELINE);
  const { report } = await analyzeWorkspace(options);
  const existing = existsSync(target) ? readBaseline(target) : undefined;
  const baseline = baselineFromReport(report.tokens, existing);
  writeBaseline(target, baseline);
  return {
    exitCode: EXIT.clean,
    stdout: `wrote ${baseline.tokens.length} accepted token id(s) to ${explicit ?? (relative(ctx.cwd, target) || DEFAULT_BASELINE)}\n`,
    stderr: '',
  };
}
