import type { ReachLevel } from '../core/types.js';
import { maxLevel, severityOf } from './levels.js';
import type { BlastRadius, WorkspaceVerdict } from './types.js';

/**
 * Whoever can read this workspace — an agent, a compromised dependency, a new laptop — holds ALL
 * its tokens at once. The union can destroy production (via one token) and the backups (via
 * another) even when no single token can.
 */
export function assessWorkspace(tokens: readonly { id: string; redacted: string; provider: string; blastRadius: BlastRadius | null }[]): WorkspaceVerdict {
  let production: ReachLevel = 'none';
  let backup: ReachLevel = 'none';
  let adminOverBoth = false;
  for (const t of tokens) {
    if (!t.blastRadius) continue;
    production = maxLevel(production, t.blastRadius.production);
    backup = maxLevel(backup, t.blastRadius.backup);
    if (t.blastRadius.severity === 'critical' && !(t.blastRadius.production === 'destroy' && t.blastRadius.backup === 'destroy')) adminOverBoth = true;
  }
  const via = (side: 'production' | 'backup', level: ReachLevel) =>
    level === 'none' ? [] : tokens.filter((t) => t.blastRadius?.[side] === level).map((t) => t.id);
  const productionVia = via('production', production);
  const backupVia = via('backup', backup);
  const severity = severityOf(production, backup, adminOverBoth);
  const shared = production === 'destroy' && backup === 'destroy';
  const name = (id: string) => {
    const t = tokens.find((x) => x.id === id)!;
    return `${t.provider} ${t.redacted}`;
  };
  const list = (ids: string[]) => ids.slice(0, 3).map(name).join(', ') + (ids.length > 3 ? ` and ${ids.length - 3} more` : '');
  let summary: string;
  if (shared) {
    const single = productionVia.find((id) => backupVia.includes(id));
    summary = single
      ? `this workspace can destroy production AND its backups (${name(single)} alone can)`
      : `this workspace can destroy production (via ${list(productionVia)}) AND the backups (via ${list(backupVia)}) — no single token can, together they do`;
  } else if (production === 'none' && backup === 'none') {
    summary = tokens.length ? 'the tokens in this workspace reach nothing classified as production or backup (or could not be verified)' : 'no credentials found';
  } else {
    const parts = [];
    if (production !== 'none') parts.push(`${production} production (via ${list(productionVia)})`);
    if (backup !== 'none') parts.push(`${backup} the backups (via ${list(backupVia)})`);
    summary = `this workspace can ${parts.join(' and ')}`;
  }
  return { production, backup, shared, severity, summary, tokens: [...new Set([...productionVia, ...backupVia])], productionVia, backupVia };
}
