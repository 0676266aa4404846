import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { mergeReports, type NamedReport, repositoryReports } from '../../merge/merge.js';
import { assignVerification, writeUnderName, writeVerificationPlans } from '../../merge/verify-plan.js';
import { formatJson } from '../../report/json.js';
import { formatMarkdown } from '../../report/markdown.js';
import { readSavedReport } from '../../report/read.js';
import { formatText } from '../../report/text.js';
import { toolVersion } from '../../version.js';
import type { RunContext, RunResult } from '../io.js';
import { parseFlags } from '../parse-flags.js';
import { resolvePath, useColor } from '../scan-options.js';
import { writeOutput } from './scan.js';

const MERGE_FLAGS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'no-color': { type: 'boolean' },
  color: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  assign: { type: 'string' },
  'sarif-dir': { type: 'string' },
  rules: { type: 'string', multiple: true },
} as const;

/**
 * `blastradius merge REPORT...`: many repositories' JSON reports → one organisation report
 * (text, json, markdown; `audit --report` opens the JSON). A REPORT is `NAME=FILE`, a FILE (named
 * after it), or a directory (every `*.json` under it, named by its path: `acme/api/report.json` → `acme/api`).
 * `--assign DIR` also writes one verification plan per report (DIR/<name>.json) for `scan --verify-ids`.
 * `--sarif-dir DIR` writes each report as SARIF (DIR/<name>.sarif) with the answers other reports'
 * jobs gave its tokens: what the organisation audit uploads to each repository's code scanning.
 */
export async function mergeCommand(argv: string[], ctx: RunContext): Promise<RunResult> {
  const { values, positionals } = parseFlags(argv, MERGE_FLAGS);
  const format = (values.format as string | undefined) ?? 'text';
  if (!['text', 'json', 'markdown'].includes(format)) throw new UsageError(`--format: expected one of text, json, markdown, got "${format}"`);
  if (positionals.length === 0) throw new UsageError('merge: name at least one JSON report (NAME=FILE, FILE or a directory of reports)');
  const inputs: NamedReport[] = positionals.flatMap((arg) => reportsOf(arg, ctx));
  if (inputs.length === 0) throw new UsageError(`merge: no *.json report under ${positionals.join(', ')}`);
  const names = new Set<string>();
  for (const input of inputs) {
    if (names.has(input.name)) throw new UsageError(`merge: two reports are named "${input.name}" (name them: NAME=FILE)`);
    names.add(input.name);
  }
  // Two-pass organisation audit: from the offline first pass, which report's scan verifies each id.
  if (typeof values.assign === 'string') writeVerificationPlans(resolvePath(ctx, values.assign), assignVerification(inputs));
  if (typeof values['sarif-dir'] === 'string')
    await writeSarifs(
      resolvePath(ctx, values['sarif-dir']),
      inputs,
      ((values.rules as string[] | undefined) ?? []).map((dir) => resolvePath(ctx, dir)),
    );
  const merged = mergeReports(inputs, toolVersion());
  const rendered =
    format === 'json'
      ? formatJson(merged)
      : format === 'markdown'
        ? formatMarkdown(merged)
        : formatText(merged, {
            color: values.output ? false : useColor(values as { color?: boolean; 'no-color'?: boolean }, ctx),
            verbose: values.verbose === true,
          });
  return writeOutput(rendered, values as { output?: string }, ctx);
}

/**
 * One SARIF file per report, as its `scan --format sarif` would have written it, after the merge:
 * rule descriptions from the built-in rules and `--rules` directories (a rule neither holds is
 * described by its id).
 */
async function writeSarifs(dir: string, inputs: readonly NamedReport[], ruleDirs: readonly string[]): Promise<void> {
  const [{ formatSarif }, { rulesFor }] = await Promise.all([import('../../report/sarif.js'), import('../../rules/builtin.js')]);
  const rules = rulesFor(ruleDirs);
  for (const { name, report } of repositoryReports(inputs)) writeUnderName(dir, name, '.sarif', formatSarif(report, rules), 'merge --sarif-dir');
}

function reportsOf(arg: string, ctx: RunContext): NamedReport[] {
  const eq = arg.indexOf('=');
  if (eq > 0 && !arg.slice(0, eq).includes(sep)) {
    const name = arg.slice(0, eq);
    return [{ name, report: readSavedReport(resolvePath(ctx, arg.slice(eq + 1)), arg.slice(eq + 1), 'merge') }];
  }
  const path = resolvePath(ctx, arg);
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    /* readSavedReport says what is wrong with it */
  }
  if (!isDirectory) return [{ name: basename(arg).replace(/\.json$/i, ''), report: readSavedReport(path, arg, 'merge') }];
  return jsonFiles(path).map((file) => {
    const rel = relative(path, file)
      .split(sep)
      .join('/')
      .replace(/\.json$/i, '')
      .replace(/\/report$/, '');
    return { name: rel, report: readSavedReport(file, join(arg, relative(path, file)), 'merge') };
  });
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return jsonFiles(path);
      return entry.isFile() && entry.name.endsWith('.json') ? [path] : [];
    });
}
