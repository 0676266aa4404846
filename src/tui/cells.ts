import type { Location } from '../core/types.js';
import { levelText } from '../report/format.js';
import type { ReportToken } from '../report/model.js';

/** A side's reach as a short word; `?` when the provider could not be asked or did not answer (unknown, never "none"). */
export function reachText(token: ReportToken, side: 'production' | 'backup'): string {
  const br = token.blastRadius;
  const unknown = (token.verification.status === 'error' || token.verification.status === 'unverified') && !br?.paths.length;
  return unknown ? '?' : levelText(br?.[side] ?? 'none');
}

/** Who the token acts as, or why nobody knows. */
export function principalText(token: ReportToken): string {
  if (token.identity) return token.identity.principal;
  const v = token.verification;
  return `${v.status}${v.detail ? `: ${v.detail}` : ''}`;
}

/** `file:line` (the column is in the detail pane), with the root in multi-root scans. */
export function shortLocation(location: Location | undefined): string {
  if (!location) return '-';
  const root = location.root && location.root !== '.' ? `${location.root.replace(/\/$/, '')}/` : '';
  return `${root}${location.file}:${location.line}${location.commit ? `@${location.commit.slice(0, 7)}` : ''}`;
}
