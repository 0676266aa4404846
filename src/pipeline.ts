import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_BASELINE, applyBaseline, readBaseline, type Baseline } from './baseline/baseline.js';
import { loadRules, builtinRulesDir } from './rules/load.js';
import type { RuleSpec } from './rules/types.js';
import { buildReport, type Report } from './report/model.js';
import { scanWorkspace, type ScanProgress, type ScanResult } from './scan/scan.js';
import { homeCredentialFiles } from './walk/home.js';
import { resolveRoots, type WalkEntry } from './walk/walk.js';
import { toolVersion } from './version.js';

export interface PipelineOptions {
  roots: string[];
  cwd: string;
  include?: string[];
  exclude?: string[];
  includeNodeModules?: boolean;
  maxFileSize: number;
  workers?: number;
  ruleDirs?: string[];
  home?: string;
  offline: boolean;
  baselinePath?: string;
  useBaseline: boolean;
  onProgress?: (progress: ScanProgress) => void;
}

export function rulesFor(ruleDirs: readonly string[] = []): RuleSpec[] {
  return loadRules([builtinRulesDir(), ...ruleDirs]);
}

/** walk → detect → dedupe (→ verify → assess, in later stages) → baseline → report model. */
export async function analyzeWorkspace(options: PipelineOptions): Promise<Report> {
  const rules = rulesFor(options.ruleDirs);
  const baseline = await loadBaseline(options);
  const extraFiles: WalkEntry[] = [];
  const homeIssues = { skipped: [] as { file: string; reason: string }[], errors: [] as { file: string; message: string }[] };
  if (options.home) {
    extraFiles.push(
      ...(await homeCredentialFiles(options.home, options.maxFileSize, {
        skipped: (i) => homeIssues.skipped.push({ file: i.file, reason: i.reason }),
        error: (i) => homeIssues.errors.push({ file: i.file, message: i.reason }),
      })),
    );
  }
  const scan: ScanResult = await scanWorkspace({ ...options, rules, extraFiles });
  scan.skipped.push(...homeIssues.skipped);
  scan.errors.push(...homeIssues.errors);
  const report = buildReport({ version: toolVersion(), scan, offline: options.offline });
  const { report: kept, suppressed } = applyBaseline(report.tokens, baseline);
  report.tokens = kept;
  report.scan.suppressed.baseline = suppressed;
  return report;
}

async function loadBaseline(options: PipelineOptions): Promise<Baseline | undefined> {
  if (!options.useBaseline) return undefined;
  if (options.baselinePath) return readBaseline(options.baselinePath);
  const roots = await resolveRoots(options.roots.length ? options.roots : ['.'], options.cwd);
  const implicit = join(roots[0].root, DEFAULT_BASELINE);
  return existsSync(implicit) ? readBaseline(implicit) : undefined;
}
