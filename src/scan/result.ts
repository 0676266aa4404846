import type { Token } from '../core/types.js';
import type { PathExclusion } from '../walk/exclusion.js';
import type { FileResult } from './file.js';

/** What the project's config adds to a scan that is built elsewhere (git modes). */
export interface ScanContext {
  /** blastradius.yaml `paths.exclude`. */
  exclusion?: PathExclusion;
  /** Files and bytes read so far (the progress line). */
  onProgress?: (progress: ScanProgress) => void;
}

export interface ScanProgress {
  files: number;
  bytes: number;
  candidates: number;
}

export interface ScanResult {
  roots: string[];
  files: number;
  bytes: number;
  skipped: { file: string; reason: string }[];
  errors: { file: string; message: string }[];
  /** Files scanned only in part (per-file time budget), with why. */
  partial: { file: string; reason: string }[];
  durationMs: number;
  tokens: Token[];
  /** Findings suppressed by `blastradius:allow` comments. */
  allowedInline: number;
}

export function emptyScanResult(roots: string[]): ScanResult {
  return { roots, files: 0, bytes: 0, skipped: [], errors: [], partial: [], durationMs: 0, tokens: [], allowedInline: 0 };
}

/** Counts one file's outcome (scanned, skipped, failed, partial) into the result. */
export function recordFile(result: ScanResult, file: string, outcome: FileResult): void {
  if (outcome.error) result.errors.push({ file, message: outcome.error });
  else if (outcome.skipped) result.skipped.push({ file, reason: outcome.skipped });
  else {
    result.files++;
    result.bytes += outcome.bytes;
    if (outcome.partial) result.partial.push({ file, reason: outcome.partial });
  }
}
