import { compareText } from '../core/compare.js';
import type { ReachLevel, Severity } from '../core/types.js';
import type { Location } from '../core/types.js';
import type { PossibleBound } from '../assess/types.js';
import type { ReportToken } from './model.js';

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export function severityRank(severity: Severity): number {
  return SEVERITY_ORDER.indexOf(severity);
}

export function tokenSeverity(token: ReportToken): Severity {
  return token.blastRadius?.severity ?? 'info';
}

/** The possible bound's severity (given what could not be read); never below the proven one. */
export function possibleSeverity(token: ReportToken): Severity {
  const proven = tokenSeverity(token);
  const possible = token.blastRadius?.possible?.severity ?? proven;
  return severityRank(possible) < severityRank(proven) ? possible : proven;
}

/** What could not be read and what would settle it, in one line: the first open question (+ how many more). */
export function openQuestionText(possible: Pick<PossibleBound, 'because'>): string {
  const [first, ...rest] = possible.because;
  if (!first) return 'nothing left unknown';
  const settle = first.settle ? `; to settle: ${first.settle}` : ` (${first.reason})`;
  return `unknown: ${first.what}${settle}${rest.length ? ` (and ${rest.length} more unknown${rest.length === 1 ? '' : 's'})` : ''}`;
}

/**
 * Severity as every format shows it: the proven one, with the possible bound beside it when
 * higher, e.g. `LOW (possibly CRITICAL: unknown: everything this key can do; to settle: …)`.
 */
export function severityText(token: ReportToken, options: { reason?: boolean } = {}): string {
  const proven = tokenSeverity(token);
  const possible = possibleSeverity(token);
  if (possible === proven || !token.blastRadius) return proven.toUpperCase();
  const reason = options.reason === false ? '' : `: ${openQuestionText(token.blastRadius.possible)}`;
  return `${proven.toUpperCase()} (possibly ${possible.toUpperCase()}${reason})`;
}

/** Critical first (proven, then possible), then by provider and first location: the order every format uses. */
export function sortTokens(tokens: readonly ReportToken[]): ReportToken[] {
  return [...tokens].sort(
    (a, b) =>
      severityRank(tokenSeverity(a)) - severityRank(tokenSeverity(b)) ||
      severityRank(possibleSeverity(a)) - severityRank(possibleSeverity(b)) ||
      compareText(a.provider, b.provider) ||
      compareText(formatLocation(a.locations[0]), formatLocation(b.locations[0])),
  );
}

export function formatLocation(location: Location | undefined): string {
  if (!location) return '-';
  const commit = location.commit ? `@${location.commit.slice(0, 12)}` : '';
  return `${locationPath(location)}:${location.line}:${location.column}${commit}`;
}

/** The file as every format names it: from the repository root when known, else scan root + file. */
export function locationPath(location: Location): string {
  if (location.path !== undefined) return location.path;
  const root = location.root && location.root !== '.' ? `${location.root.replace(/\/$/, '')}/` : '';
  return `${root}${location.file}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** A symbol per severity so the output reads without colour too. */
export const SEVERITY_SYMBOL: Record<Severity, string> = {
  critical: '‼',
  high: '▲',
  medium: '●',
  low: '○',
  info: '·',
};

export function levelText(level: ReachLevel): string {
  return level === 'none' ? '-' : level;
}
