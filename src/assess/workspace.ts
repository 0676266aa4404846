import type { ReachLevel, Severity, VerificationStatus } from '../core/types.js';
import { maxLevel, severityOf } from './levels.js';
import type { BlastRadius, WorkspaceVerdict } from './types.js';

interface WorkspaceToken {
  id: string;
  redacted: string;
  provider: string;
  blastRadius: BlastRadius | null;
  verification?: { status: VerificationStatus };
}

interface Bound {
  production: ReachLevel;
  backup: ReachLevel;
  severity: Severity;
}

/**
 * Whoever can read this workspace — an agent, a compromised dependency, a new laptop — holds ALL
 * its tokens at once. The union can destroy production (via one token) and the backups (via
 * another) even when no single token can. The possible bound takes live tokens' possible bounds
 * (what they could do given what could not be read) and the others' proven ones.
 */
export function assessWorkspace(tokens: readonly WorkspaceToken[]): WorkspaceVerdict {
  const proven = union(tokens, (br) => br);
  const possible = union(tokens, (br, t) => (t.verification?.status === 'live' ? br.possible : br));
  const name = (id: string) => {
    const t = tokens.find((x) => x.id === id)!;
    return `${t.provider} ${t.redacted}`;
  };
  const list = (ids: string[]) => ids.slice(0, 3).map(name).join(', ') + (ids.length > 3 ? ` and ${ids.length - 3} more` : '');
  let summary: string;
  if (proven.shared) {
    const single = proven.productionVia.find((id) => proven.backupVia.includes(id));
    summary = single
      ? `this workspace can destroy production AND its backups (${name(single)} alone can)`
      : `this workspace can destroy production (via ${list(proven.productionVia)}) AND the backups (via ${list(proven.backupVia)}) — no single token can, together they do`;
  } else if (proven.production === 'none' && proven.backup === 'none') {
    summary = tokens.length
      ? 'the tokens in this workspace reach nothing classified as production or backup (or could not be verified)'
      : 'no credentials found';
  } else {
    const parts = [];
    if (proven.production !== 'none') parts.push(`${proven.production} production (via ${list(proven.productionVia)})`);
    if (proven.backup !== 'none') parts.push(`${proven.backup} the backups (via ${list(proven.backupVia)})`);
    summary = `this workspace can ${parts.join(' and ')}`;
  }
  const widened = possible.tokens.filter((id) => !proven.tokens.includes(id));
  const possibleSummary =
    possible.severity === proven.severity && widened.length === 0
      ? summary
      : `this workspace could ${possible.shared ? 'destroy production AND its backups' : `${possible.production} production and ${possible.backup} the backups`} given what could not be read (via ${list(possible.tokens)})`;
  return {
    production: proven.production,
    backup: proven.backup,
    shared: proven.shared,
    severity: proven.severity,
    summary,
    tokens: proven.tokens,
    productionVia: proven.productionVia,
    backupVia: proven.backupVia,
    possible: {
      production: possible.production,
      backup: possible.backup,
      shared: possible.shared,
      severity: possible.severity,
      summary: possibleSummary,
      tokens: possible.tokens,
    },
  };
}

function union(tokens: readonly WorkspaceToken[], pick: (br: BlastRadius, token: WorkspaceToken) => Bound & { shared: boolean }) {
  let production: ReachLevel = 'none';
  let backup: ReachLevel = 'none';
  let adminOverBoth = false;
  const bounds = new Map<string, Bound>();
  for (const t of tokens) {
    if (!t.blastRadius) continue;
    const bound = pick(t.blastRadius, t);
    bounds.set(t.id, bound);
    production = maxLevel(production, bound.production);
    backup = maxLevel(backup, bound.backup);
    if (bound.severity === 'critical' && !(bound.production === 'destroy' && bound.backup === 'destroy')) adminOverBoth = true;
  }
  const via = (side: 'production' | 'backup', level: ReachLevel) =>
    level === 'none' ? [] : tokens.filter((t) => bounds.get(t.id)?.[side] === level).map((t) => t.id);
  const productionVia = via('production', production);
  const backupVia = via('backup', backup);
  const severity = severityOf(production, backup, adminOverBoth);
  const shared = production === 'destroy' && backup === 'destroy';
  return { production, backup, severity, shared, productionVia, backupVia, tokens: [...new Set([...productionVia, ...backupVia])] };
}
