import { assessWorkspace } from '../assess/workspace.js';
import type { ReachLevel, Severity } from '../core/types.js';
import { SEVERITY_ORDER, formatLocation, severityRank, sortTokens, tokenSeverity } from '../report/format.js';
import type { Report, ReportToken } from '../report/model.js';

/** The orders `s` cycles through. */
export const SORT_MODES = ['severity', 'provider', 'location', 'backup reach'] as const;
export type SortMode = (typeof SORT_MODES)[number];

export interface TokenFilter {
  providers: string[];
  severities: Severity[];
  /** Every word must appear somewhere in the token (case-insensitive). */
  words: string[];
}

/**
 * `/` filter syntax: `provider:aws` (or `p:aws`), `severity:critical,high` (or `sev:`/`s:`), a bare
 * severity word (`critical`), and any other word as text. Words combine with AND; values in one
 * `key:a,b` term with OR.
 */
export function parseFilter(query: string): TokenFilter {
  const filter: TokenFilter = { providers: [], severities: [], words: [] };
  for (const term of query.toLowerCase().split(/\s+/).filter(Boolean)) {
    const [key, value] = term.includes(':') ? [term.slice(0, term.indexOf(':')), term.slice(term.indexOf(':') + 1)] : ['', term];
    if ((key === 'provider' || key === 'p') && value) filter.providers.push(...value.split(','));
    else if ((key === 'severity' || key === 'sev' || key === 's') && value) filter.severities.push(...value.split(',').filter(isSeverity));
    else if (!key && isSeverity(value)) filter.severities.push(value);
    else filter.words.push(term);
  }
  return filter;
}

function isSeverity(value: string): value is Severity {
  return (SEVERITY_ORDER as readonly string[]).includes(value);
}

export function matchesFilter(token: ReportToken, filter: TokenFilter): boolean {
  if (filter.providers.length && !filter.providers.some((p) => token.provider.toLowerCase().startsWith(p))) return false;
  if (filter.severities.length && !filter.severities.includes(tokenSeverity(token))) return false;
  if (!filter.words.length) return true;
  const haystack = searchText(token);
  return filter.words.every((word) => haystack.includes(word));
}

function searchText(token: ReportToken): string {
  const br = token.blastRadius;
  return [
    token.provider,
    token.ruleId,
    token.kind,
    token.redacted,
    token.verification.status,
    token.verification.detail ?? '',
    token.identity?.principal ?? '',
    ...token.locations.map(formatLocation),
    br?.summary ?? '',
    ...(br?.paths ?? []).flatMap((p) => [p.resource, p.operation ?? '', p.evidence]),
  ]
    .join('\n')
    .toLowerCase();
}

const LEVEL_RANK: Record<ReachLevel, number> = { destroy: 0, write: 1, read: 2, none: 3 };

export function sortTokensBy(tokens: readonly ReportToken[], mode: SortMode): ReportToken[] {
  const bySeverity = sortTokens(tokens);
  switch (mode) {
    case 'severity':
      return bySeverity;
    case 'provider':
      return [...bySeverity].sort((a, b) => a.provider.localeCompare(b.provider));
    case 'location':
      return [...bySeverity].sort((a, b) => formatLocation(a.locations[0]).localeCompare(formatLocation(b.locations[0])));
    case 'backup reach':
      return [...bySeverity].sort(
        (a, b) =>
          LEVEL_RANK[a.blastRadius?.backup ?? 'none'] - LEVEL_RANK[b.blastRadius?.backup ?? 'none'] ||
          severityRank(tokenSeverity(a)) - severityRank(tokenSeverity(b)),
      );
  }
}

/** The tokens the list shows: filtered by the query, in the chosen order (stable sorts keep severity as the tie-break). */
export function visibleTokens(tokens: readonly ReportToken[], query: string, mode: SortMode): ReportToken[] {
  const filter = parseFilter(query);
  return sortTokensBy(
    tokens.filter((t) => matchesFilter(t, filter)),
    mode,
  );
}

/** A report of only these tokens, with the workspace verdict recomputed over them: what `e` exports. */
export function reportOf(report: Report, tokens: readonly ReportToken[]): Report {
  return { ...report, tokens: [...tokens], workspace: report.workspace === null ? null : assessWorkspace(tokens) };
}
