import type { BlastPath } from '../assess/types.js';
import type { ReachLevel } from '../core/types.js';
import type { ReportToken } from '../report/model.js';
import type { Line } from './lines.js';

/** One way one token reaches one resource. */
export interface ReachEntry {
  tokenId: string;
  token: string;
  path: BlastPath;
  /** The level on this side, after protections; `none` means a protection blocks it. */
  level: ReachLevel;
  /** Set when the resource is reached through the other side (backups kept inside a production volume). */
  via?: string;
}

export interface ReachedResource {
  resource: string;
  side: 'production' | 'backup';
  level: ReachLevel;
  entries: ReachEntry[];
}

const RANK: Record<ReachLevel, number> = { destroy: 3, write: 2, read: 1, none: 0 };

/** The inverse of the token list: for every production and backup resource, who reaches it and how. */
export function reachIndex(tokens: readonly ReportToken[]): ReachedResource[] {
  const byKey = new Map<string, ReachedResource>();
  const add = (side: ReachedResource['side'], resource: string, entry: ReachEntry) => {
    const key = `${side}\u0000${resource}`;
    const reached = byKey.get(key) ?? { resource, side, level: 'none' as ReachLevel, entries: [] };
    reached.entries.push(entry);
    if (RANK[entry.level] > RANK[reached.level]) reached.level = entry.level;
    byKey.set(key, reached);
  };
  for (const token of tokens) {
    for (const path of token.blastRadius?.paths ?? []) {
      const base = { tokenId: token.id, token: `${token.provider} ${token.redacted}`, path, level: path.level };
      if (path.resourceClass === 'production' || path.resourceClass === 'backup') add(path.resourceClass, path.resource, base);
      const also = path.alsoReaches?.resourceClass;
      if ((also === 'production' || also === 'backup') && also !== path.resourceClass) add(also, path.resource, { ...base, via: path.alsoReaches!.reason });
    }
  }
  const sideOrder = { backup: 0, production: 1 };
  return [...byKey.values()]
    .map((r) => ({ ...r, entries: r.entries.sort((a, b) => RANK[b.level] - RANK[a.level] || a.token.localeCompare(b.token)) }))
    .sort((a, b) => sideOrder[a.side] - sideOrder[b.side] || RANK[b.level] - RANK[a.level] || a.resource.localeCompare(b.resource));
}

/** "Who can delete my backups?": backups first, strongest reach first, one line per way in. */
export function reachLines(tokens: readonly ReportToken[]): Line[] {
  const index = reachIndex(tokens);
  if (!index.length) return [{ text: 'No token reaches a resource classified as production or backup.', tone: 'muted' }];
  const lines: Line[] = [];
  for (const side of ['backup', 'production'] as const) {
    const resources = index.filter((r) => r.side === side);
    const destroyers = new Set(resources.flatMap((r) => r.entries.filter((e) => e.level === 'destroy').map((e) => e.tokenId)));
    if (lines.length) lines.push({ text: '' });
    lines.push({
      text: `${side === 'backup' ? 'BACKUPS' : 'PRODUCTION'} — ${destroyers.size} token${destroyers.size === 1 ? '' : 's'} can destroy ${side === 'backup' ? 'backups' : 'production data'}`,
      tone: destroyers.size ? 'high' : 'ok',
    });
    if (!resources.length) lines.push({ text: '  (no token reaches one)', tone: 'muted' });
    for (const r of resources) {
      lines.push({ text: `  ${r.resource}  [${r.level === 'none' ? 'blocked' : r.level}]`, tone: r.level === 'destroy' ? 'high' : 'accent' });
      for (const e of r.entries) lines.push(...entryLines(e));
    }
  }
  return lines;
}

function entryLines(e: ReachEntry): Line[] {
  const p = e.path;
  const lines: Line[] = [
    {
      text: `    ${(e.level === 'none' ? 'blocked' : e.level).padEnd(8)}${e.token}  ${p.operation ?? p.action}`,
      tone: e.level === 'none' ? 'muted' : undefined,
    },
    { text: `      as ${p.principal} · ${p.evidence}${e.via ? ` (${e.via})` : ''}`, tone: 'muted' },
  ];
  if (p.protection) {
    lines.push({
      text: `      ${p.protection.effective ? 'blocked by' : 'not protected by'} ${p.protection.kind}${p.protection.reason ? `: ${p.protection.reason}` : ''}`,
      tone: p.protection.effective ? 'ok' : 'warn',
    });
  }
  return lines;
}
