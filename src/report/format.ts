import { compareText } from '../core/compare.js';
import type { ReachLevel, Severity } from '../core/types.js';
import type { Location } from '../core/types.js';
import type { ReportToken } from './model.js';

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export function severityRank(severity: Severity): number {
  return SEVERITY_ORDER.indexOf(severity);
}

export function tokenSeverity(token: ReportToken): Severity {
  return token.blastRadius?.severity ?? 'info';
}

/** Critical first, then by provider and first location: the order every format uses. */
export function sortTokens(tokens: readonly ReportToken[]): ReportToken[] {
  return [...tokens].sort(
    (a, b) =>
      severityRank(tokenSeverity(a)) - severityRank(tokenSeverity(b)) ||
      compareText(a.provider, b.provider) ||
      compareText(formatLocation(a.locations[0]), formatLocation(b.locations[0])),
  );
}

export function formatLocation(location: Location | undefined): string {
  if (!location) return '-';
  const root = location.root && location.root !== '.' ? `${location.root.replace(/\/$/, '')}/` : '';
  const commit = location.commit ? `@${location.commit.slice(0, 12)}` : '';
  return `${root}${location.file}:${location.line}:${location.column}${commit}`;
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
