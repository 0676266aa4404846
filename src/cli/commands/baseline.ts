import { existsSync } from 'node:fs';
import { analyzeWorkspace } from '../../pipeline.js';
import { DEFAULT_BASELINE, baselineFromReport, readBaseline, writeBaseline } from '../../baseline/baseline.js';
import { EXIT, type RunContext, type RunResult } from '../io.js';
import { resolvePath } from '../scan-options.js';
import { parseScanArgs, pipelineOptions } from './scan.js';

/** `blastradius baseline [PATH]`: accept every token found now (ids and reach, never secrets). */
export async function baselineCommand(argv: string[], ctx: RunContext): Promise<RunResult> {
  const { values, positionals } = parseScanArgs(argv);
  const target = resolvePath(ctx, values.output ?? values.baseline ?? DEFAULT_BASELINE);
  const options = { ...pipelineOptions(values, positionals, ctx), useBaseline: false };
  const { report } = await analyzeWorkspace(options);
  const existing = existsSync(target) ? readBaseline(target) : undefined;
  const baseline = baselineFromReport(report.tokens, existing);
  writeBaseline(target, baseline);
  return { exitCode: EXIT.clean, stdout: `wrote ${baseline.tokens.length} accepted token id(s) to ${values.output ?? values.baseline ?? DEFAULT_BASELINE}\n`, stderr: '' };
}
