import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { assessWorkspace } from './assess/workspace.js';
import { DEFAULT_BASELINE, applyBaseline, readBaseline, type Baseline } from './baseline/baseline.js';
import { loadProjectConfig, type ProjectConfig } from './config/config.js';
import type { ProviderContext } from './providers/types.js';
import { buildReport, type Report, type TokenAnalysis } from './report/model.js';
import type { RuleSpec } from './rules/types.js';
import { scanWorkspace, type ScanContext, type ScanProgress, type ScanResult } from './scan/scan.js';
import { assignRepositoryPaths } from './scan/repository-paths.js';
import { toolVersion } from './version.js';
import { PathExclusion } from './walk/exclusion.js';
import type { VerificationPlan } from './merge/verify-plan.js';
import type { VerifiedResult } from './verify/verify.js';
import { resolveRoots, type WalkEntry } from './walk/walk.js';

export interface PipelineOptions {
  roots: string[];
  cwd: string;
  include?: string[];
  exclude?: string[];
  includeNodeModules?: boolean;
  maxFileSize: number;
  fileBudgetMs?: number;
  workers?: number;
  ruleDirs?: string[];
  home?: string;
  /** `--env`: the process environment to scan as well (findings name the variable, never show the value). */
  environment?: NodeJS.ProcessEnv;
  offline: boolean;
  baselinePath?: string;
  useBaseline: boolean;
  configPath?: string;
  /** Provider settings; absent means the scan stops after detection (offline). */
  providers?: { context: ProviderContext; concurrency: number; cache: boolean; verifyCanaries?: boolean };
  onProgress?: (progress: ScanProgress) => void;
  /** Called once detection is done, before verification (the TUI learns the token count). */
  onScanned?: (scan: ScanResult) => void;
  onVerified?: (tokenId: string, result: VerifiedResult) => void;
  /** Rules already loaded (the pre-commit hook reads compiled ones); default: rulesFor(ruleDirs). */
  rules?: RuleSpec[];
  /** `ci --base`: the base revision's config and baseline judge the change, not the head's. */
  configOverride?: ProjectConfig;
  baselineOverride?: Baseline | null;
  /** Keep findings on `blastradius:allow` lines (marked `allowed`) for `review` to decide. */
  keepAllowed?: boolean;
  /** Runs on the scanned tokens (locations already have their repository paths) before verification. */
  review?: (scan: ScanResult) => void;
  /** `scan --verify-ids`: ids another report's scan verifies are not sent from here (an organisation's audit verifies each id once). */
  verificationPlan?: VerificationPlan;
  /** Replaces the walk (staged blobs, git history): builds the ScanResult with the loaded rules and the config's exclusion. */
  scanOverride?: (rules: RuleSpec[], context?: ScanContext) => Promise<ScanResult>;
}

export interface PipelineResult {
  report: Report;
  config: ProjectConfig;
}

/** walk → detect → dedupe → verify → assess → baseline → report model. */
export async function analyzeWorkspace(options: PipelineOptions): Promise<PipelineResult> {
  const roots = await resolveRoots(options.roots.length ? options.roots : ['.'], options.cwd);
  // The YAML rule loader only when no rules were handed over (the CLI reads compiled ones).
  const rules = options.rules ?? (await builtinRules(options, roots));
  const firstRoot = roots[0].root;
  const config = options.configOverride ?? loadProjectConfig(options.configPath, firstRoot);
  const baseline = options.baselineOverride !== undefined ? (options.baselineOverride ?? undefined) : loadBaseline(options, firstRoot);
  const exclusion = config.paths.exclude.length > 0 ? new PathExclusion(config.paths.exclude) : undefined;
  const scan = options.scanOverride
    ? await options.scanOverride(rules, { exclusion, onProgress: options.onProgress })
    : await scanFiles(options, rules, exclusion);
  const base = assignRepositoryPaths(scan.tokens, roots, realCwd(options.cwd));
  options.review?.(scan);
  options.onScanned?.(scan);

  // Verification and assessment, with every provider's module, only load when there is a token
  // to verify and assess: most scans (a clean commit, a CI run on a clean branch) find none.
  const analyses =
    scan.tokens.length > 0 ? await (await import('./assess/analyze.js')).analyzeTokens(scan.tokens, roots, config, options) : new Map<string, TokenAnalysis>();
  const report = buildReport({ version: toolVersion(), scan, offline: options.offline, analyses, base });
  const { report: kept, suppressed } = applyBaseline(report.tokens, baseline);
  report.tokens = kept;
  report.scan.suppressed.baseline = suppressed;
  report.scan.warnings.push(...config.warnings);
  if (exclusion) report.scan.excluded = { patterns: [...exclusion.patterns], files: exclusion.files };
  report.workspace = assessWorkspace(report.tokens);
  return { report, config };
}

async function scanFiles(options: PipelineOptions, rules: RuleSpec[], excluded: PathExclusion | undefined): Promise<ScanResult> {
  const extraFiles: WalkEntry[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const errors: { file: string; message: string }[] = [];
  if (options.home) {
    extraFiles.push(
      ...(await (
        await import('./walk/home.js')
      ).homeCredentialFiles(options.home, options.maxFileSize, {
        skipped: (i) => skipped.push({ file: i.file, reason: i.reason }),
        error: (i) => errors.push({ file: i.file, message: i.reason }),
      })),
    );
  }
  const environment = options.environment ? (await import('./walk/environment.js')).environmentText(options.environment) : undefined;
  const scan = await scanWorkspace({ ...options, rules, extraFiles, excluded, environment });
  scan.skipped.push(...skipped);
  scan.errors.push(...errors);
  return scan;
}

async function builtinRules(options: PipelineOptions, roots: readonly { root: string }[]): Promise<RuleSpec[]> {
  const { rulesFor, scanRulesCache } = await import('./rules/builtin.js');
  return rulesFor(options.ruleDirs, { cache: scanRulesCache(options.providers?.context.env, roots) });
}

function realCwd(cwd: string): string {
  try {
    return realpathSync(cwd);
  } catch {
    return cwd;
  }
}

function loadBaseline(options: PipelineOptions, firstRoot: string): Baseline | undefined {
  if (!options.useBaseline) return undefined;
  if (options.baselinePath) return readBaseline(options.baselinePath);
  const implicit = join(firstRoot, DEFAULT_BASELINE);
  return existsSync(implicit) ? readBaseline(implicit) : undefined;
}
