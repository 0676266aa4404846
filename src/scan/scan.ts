import { compareText } from '../core/compare.js';
import type { RuleSpec } from '../rules/types.js';
import { walk, type WalkEntry, type WalkIssue, type WalkOptions } from '../walk/walk.js';
import { TokenSet } from './dedupe.js';
import { DEFAULT_FILE_BUDGET_MS, type FileResult } from './file.js';
import { emptyScanResult, recordFile, type ScanProgress, type ScanResult } from './result.js';
import { createPool } from './pool.js';
import { defaultWorkers } from './prestart.js';
import { gitRemoteHints } from './remotes.js';
import type { Hint } from '../detect/hints.js';
import { Detector } from '../detect/detector.js';
import { ENVIRONMENT_ROOT, type EnvironmentText } from '../walk/environment.js';

export interface ScanOptions extends WalkOptions {
  rules: RuleSpec[];
  /** Worker threads; 0 scans in the main thread. */
  workers?: number;
  /** Per-file detection time budget in ms (default 5000). */
  fileBudgetMs?: number;
  /** Extra entries to walk (well-known credential stores for --home), labelled with their own root. */
  extraFiles?: WalkEntry[];
  /** The process environment (--env), scanned in this thread; findings are placed at their variable (root `env`). */
  environment?: EnvironmentText;
  onProgress?: (progress: ScanProgress) => void;
  /** Keep findings on `blastradius:allow` lines, marked `allowed` (`ci --base` decides which to honour). */
  keepAllowed?: boolean;
}

// The scan's result types and helpers live in result.ts (git scans and the hook load them without the pool and the walker).
export { emptyScanResult, recordFile, type ScanContext, type ScanProgress, type ScanResult } from './result.js';

export { defaultWorkers };

/** Detects in the environment's dotenv text; a finding's location is its variable's name (each part's, for an assembled login). */
function scanEnvironment(environment: EnvironmentText, rules: RuleSpec[], tokens: TokenSet, result: ScanResult): void {
  const bytes = Buffer.from(environment.text, 'utf8');
  const { candidates } = new Detector(rules).detectFile(bytes, '.env', Infinity);
  result.files++;
  result.bytes += bytes.length;
  for (const candidate of candidates) {
    if (candidate.allowed) continue;
    const name = (line: number) => environment.names[line - 1] ?? '?';
    const also = candidate.also?.map((part) => ({ line: 1, column: 1, file: name(part.line) }));
    tokens.add({ ...candidate, ...(also ? { also } : {}) }, { file: name(candidate.line), line: 1, column: 1, root: ENVIRONMENT_ROOT });
  }
}

/** Walks the roots, detects in every file (bounded, streaming) and folds candidates into tokens. */
export async function scanWorkspace(options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const roots = options.roots.length > 0 ? options.roots : ['.'];
  const multiRoot = roots.length > 1 || (options.extraFiles?.length ?? 0) > 0 || options.environment !== undefined;
  const result = emptyScanResult(roots);
  const tokens = new TokenSet(options.rules);
  const progress: ScanProgress = { files: 0, bytes: 0, candidates: 0 };
  // Per root, read once: the repository's remotes are context for every token found in it.
  const remotes = new Map<string, Hint[]>();
  const remotesOf = (root: string) => remotes.get(root) ?? remotes.set(root, gitRemoteHints(root)).get(root)!;

  const onResult = (entry: WalkEntry, file: FileResult) => {
    recordFile(result, entry.relative, file);
    for (const candidate of file.candidates) {
      if (candidate.allowed && !options.keepAllowed) {
        result.allowedInline++;
        continue;
      }
      const root = multiRoot ? entry.label : undefined;
      const location = {
        file: entry.relative,
        line: candidate.line,
        column: candidate.column,
        ...(root ? { root } : {}),
        ...(candidate.allowed ? { allowed: true } : {}),
      };
      tokens.add(candidate, location, remotesOf(entry.root));
    }
    progress.files = result.files;
    progress.bytes = result.bytes;
    progress.candidates += file.candidates.length;
    options.onProgress?.(progress);
  };

  const sink = {
    skipped: (issue: WalkIssue) => result.skipped.push({ file: issue.file, reason: issue.reason }),
    error: (issue: WalkIssue) => result.errors.push({ file: issue.file, message: issue.reason }),
  };
  const limits = { maxFileSize: options.maxFileSize, budgetMs: options.fileBudgetMs ?? DEFAULT_FILE_BUDGET_MS };
  const pool = createPool(options.rules, options.workers ?? defaultWorkers(), limits, onResult);
  try {
    for await (const batch of walk({ ...options, roots }, sink)) {
      for (const entry of batch) {
        // A promise only when the workers are full: most files are handed over without one.
        const full = pool.submit(entry);
        if (full) await full;
      }
    }
    for (const entry of options.extraFiles ?? []) await pool.submit(entry);
  } finally {
    await pool.close();
  }
  if (options.environment) scanEnvironment(options.environment, options.rules, tokens, result);
  result.tokens = tokens.tokens();
  result.skipped.sort((a, b) => compareText(a.file, b.file));
  result.errors.sort((a, b) => compareText(a.file, b.file));
  result.durationMs = Math.round(performance.now() - started);
  return result;
}
