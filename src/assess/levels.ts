import type { ActionClass, ReachLevel, Severity } from '../core/types.js';
import type { BlastPath } from './types.js';

export const LEVEL_ORDER: readonly ReachLevel[] = ['none', 'read', 'write', 'destroy'];

export function maxLevel(a: ReachLevel, b: ReachLevel): ReachLevel {
  return LEVEL_ORDER.indexOf(a) >= LEVEL_ORDER.indexOf(b) ? a : b;
}

export function levelAtLeast(level: ReachLevel, floor: ReachLevel): boolean {
  return LEVEL_ORDER.indexOf(level) >= LEVEL_ORDER.indexOf(floor);
}

/** `admin` can do anything to what it covers, including destroy. */
export function levelOf(action: ActionClass): ReachLevel {
  return action === 'admin' ? 'destroy' : action;
}

/** The most a path set reaches on each side (a path that also takes the backups counts for both). */
export function reachOf(paths: readonly BlastPath[]): { production: ReachLevel; backup: ReachLevel } {
  let production: ReachLevel = 'none';
  let backup: ReachLevel = 'none';
  for (const path of paths) {
    if (path.resourceClass === 'production') production = maxLevel(production, path.level);
    if (path.resourceClass === 'backup') backup = maxLevel(backup, path.level);
    if (path.alsoReaches?.resourceClass === 'backup' && path.level === 'destroy') backup = 'destroy';
  }
  return { production, backup };
}

/** The severity table of DESIGN.md, for one token or for the whole workspace. */
export function severityOf(production: ReachLevel, backup: ReachLevel, adminOverBoth: boolean): Severity {
  if (adminOverBoth || (production === 'destroy' && backup === 'destroy')) return 'critical';
  if (production === 'destroy' || backup === 'destroy') return 'high';
  if (production === 'write' || backup === 'write' || (production === 'read' && backup === 'read')) return 'medium';
  if (production === 'read' || backup === 'read') return 'low';
  return 'info';
}
