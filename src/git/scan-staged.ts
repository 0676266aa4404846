import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { tokenId } from '../core/secret.js';
import { Detector } from '../detect/detector.js';
import type { RuleSpec } from '../rules/types.js';
import { TokenSet } from '../scan/dedupe.js';
import { scanBytes, scanFileSync, type FileResult } from '../scan/file.js';
import { emptyScanResult, recordFile, type ScanProgress, type ScanResult } from '../scan/result.js';
import { readBlobs, type BlobRead } from './blobs.js';
import type { GitRepository } from './git.js';
import { stagedFiles, type EarlyDiff, type StagedFile } from './staged.js';

export interface StagedScanOptions {
  repo: GitRepository;
  rules: RuleSpec[];
  pathspecs?: string[];
  maxFileSize: number;
  /** Per-file detection budget (--file-time-budget). */
  fileBudgetMs?: number;
  /** Shown as the scan root in the report. */
  label: string;
  /** --include / --exclude over repository paths. */
  filter?: (path: string) => boolean;
  /**
   * Keep only secrets this commit ADDS: a secret already in the file's committed version (or,
   * in a merge, in the other side's) is counted in `alreadyCommitted`, not reported.
   */
  onlyAdded?: boolean;
  /** The staged files to scan, when the caller already chose them (default: everything staged). */
  files?: StagedFile[];
  /** A diff-index already run for this repository (src/git/hook-prestart.ts); used only if it is the one stagedFiles would run. */
  earlyDiff?: EarlyDiff;
  /**
   * Repository paths read whole from the work tree, every secret in them counting: files the
   * pre-commit framework names that this commit does not change (`pre-commit run --all-files`).
   */
  workTreeFiles?: string[];
  /** Called after each staged file (the progress line). */
  onProgress?: (progress: ScanProgress) => void;
}

/** A staged scan, and the ids of secrets that were left out because a parent commit already had them. */
export interface StagedScan {
  result: ScanResult;
  alreadyCommitted: Set<string>;
}

const SKIPPED_MODES: Record<string, string> = { '120000': 'symlink (not followed)', '160000': 'submodule' };

/**
 * Scans exactly what is staged: each staged file's blob from the index (never the work tree),
 * with the same detector, binary sniff and size cap as the walker; locations are lines of the
 * staged version.
 */
export async function scanStaged(options: StagedScanOptions): Promise<StagedScan> {
  const started = performance.now();
  const result = emptyScanResult([options.label]);
  const alreadyCommitted = new Set<string>();
  const files = (options.files ?? stagedFiles(options.repo, options.pathspecs, options.earlyDiff))
    .filter((f) => options.filter?.(f.path) ?? true)
    // Code-unit order, not localeCompare: its collator costs more to start than the whole scan.
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const scanned: StagedFile[] = [];
  for (const file of files) {
    const reason = SKIPPED_MODES[file.mode];
    if (reason) result.skipped.push({ file: file.path, reason });
    else scanned.push(file);
  }
  const wanted = new Set(scanned.flatMap((f) => [f.blob, ...(options.onlyAdded ? f.previous : [])]));
  const blobs = new Map<string, BlobRead>();
  await readBlobs(options.repo, [...wanted], options.maxFileSize, (blob) => blobs.set(blob.id, blob));

  const detector = new Detector(options.rules);
  const tokens = new TokenSet(options.rules);
  const previousIds = new Map<string, Set<string>>();
  const idsIn = (blobId: string, path: string): Set<string> => {
    let ids = previousIds.get(blobId);
    if (!ids) {
      const bytes = blobs.get(blobId)?.bytes;
      ids = new Set(bytes ? scanBytes(detector, bytes, path, options.maxFileSize, options.fileBudgetMs).candidates.map((c) => tokenId(c.secret)) : []);
      previousIds.set(blobId, ids);
    }
    return ids;
  };

  let candidateCount = 0;
  for (const file of scanned) {
    const blob = blobs.get(file.blob);
    if (!blob || blob.missing) {
      result.errors.push({ file: file.path, message: `staged blob ${file.blob.slice(0, 12)} is missing from the object store` });
      continue;
    }
    const scan: FileResult = blob.bytes
      ? scanBytes(detector, blob.bytes, file.path, options.maxFileSize, options.fileBudgetMs)
      : { bytes: 0, candidates: [], skipped: `larger than --max-file-size (${blob.size} bytes)` };
    recordFile(result, file.path, scan);
    candidateCount += scan.candidates.length;
    options.onProgress?.({ files: result.files, bytes: result.bytes, candidates: candidateCount });
    for (const candidate of scan.candidates) {
      if (candidate.allowed) {
        result.allowedInline++;
        continue;
      }
      const id = tokenId(candidate.secret);
      if (options.onlyAdded && file.previous.some((p) => idsIn(p, file.path).has(id))) {
        alreadyCommitted.add(id);
        continue;
      }
      tokens.add(candidate, { file: file.path, line: candidate.line, column: candidate.column });
    }
  }
  for (const path of options.workTreeFiles ?? []) {
    if (!(options.filter?.(path) ?? true)) continue;
    const scan = scanWorkTreeFile(detector, options.repo.toplevel, path, options);
    recordFile(result, path, scan);
    for (const candidate of scan.candidates) {
      if (candidate.allowed) result.allowedInline++;
      else tokens.add(candidate, { file: path, line: candidate.line, column: candidate.column });
    }
  }
  result.tokens = tokens.tokens();
  result.durationMs = Math.round(performance.now() - started);
  return { result, alreadyCommitted };
}

/** One work-tree file, as the walker would read it: never through a symlink, regular files only. */
function scanWorkTreeFile(detector: Detector, toplevel: string, path: string, options: { maxFileSize: number; fileBudgetMs?: number }): FileResult {
  const absolute = join(toplevel, path);
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(absolute);
  } catch {
    return { bytes: 0, candidates: [], error: 'not found in the work tree' };
  }
  if (stat.isSymbolicLink()) return { bytes: 0, candidates: [], skipped: 'symlink (not followed)' };
  if (!stat.isFile()) return { bytes: 0, candidates: [], skipped: 'not a regular file' };
  return scanFileSync(detector, absolute, path, options.maxFileSize, options.fileBudgetMs);
}
