import type { Protection, ReachLevel, Severity, Unknown, VerificationResult } from '../core/types.js';
import { LEVEL_ORDER, reachOf, severityOf } from './levels.js';
import { grantCovers, isWildcard } from './match.js';
import type { BlastPath, OpenQuestion, PossibleBound, Target } from './types.js';

interface ProvenBound {
  production: ReachLevel;
  backup: ReachLevel;
  severity: Severity;
  shared: boolean;
  adminOverBoth: boolean;
  paths: readonly BlastPath[];
}

export interface PossibleInput {
  verification: VerificationResult;
  proven: ProvenBound;
  /** The path an unknown would give over one target, built like a grant's path. */
  unknownPath: (unknown: Unknown, target: Target) => BlastPath;
  /** What the token can see (an unknown without `resources` bears on all of it). */
  visible: readonly Target[];
  /** Everything assessable: inventory and the config's ids and globs. */
  universe: readonly Target[];
}

/**
 * Unknown is never safe: each reach-relevant unknown is read as the most it could allow
 * (`upTo`, default destroy) over the resources it bears on. Only protections that no token can
 * remove (no `removableBy`, blocking every destructive operation) still block such a path, since
 * the token may hold whatever would remove the others. Never below the proven bound.
 */
export function possibleBound(input: PossibleInput): PossibleBound {
  const { proven } = input;
  const extra: BlastPath[] = [];
  const because: OpenQuestion[] = [];
  let adminOverBoth = proven.adminOverBoth;
  for (const unknown of input.verification.unknowns) {
    if (unknown.upTo === 'none') continue;
    const paths = targetsOf(unknown, input).map((target) => input.unknownPath(unknown, target));
    blockByFixedProtections(paths, input.verification.protections);
    const raising = paths.filter((p) => raises(p, proven));
    if (raising.length === 0) continue;
    extra.push(...raising);
    because.push({ what: unknown.what, reason: unknown.reason, ...(unknown.settle ? { settle: unknown.settle } : {}) });
    if (unknown.upTo === 'admin' && reachesBoth(paths)) adminOverBoth = true;
  }
  if (extra.length === 0)
    return { production: proven.production, backup: proven.backup, shared: proven.shared, severity: proven.severity, because: [], paths: [] };
  const { production, backup } = reachOf([...proven.paths, ...extra]);
  const severity = severityOf(production, backup, adminOverBoth);
  const shared = severity === 'critical' && (adminOverBoth || (production === 'destroy' && backup === 'destroy'));
  return { production, backup, shared, severity, because, paths: extra };
}

function targetsOf(unknown: Unknown, input: PossibleInput): Target[] {
  if (!unknown.resources) return [...input.visible];
  const patterns = unknown.resources;
  const covered = input.universe.filter((t) => patterns.some((p) => grantCovers(p, t.id)));
  const seen = new Set(covered.map((t) => t.id));
  for (const id of patterns) if (!isWildcard(id) && !seen.has(id)) covered.push({ id });
  return covered;
}

/** Does this path take a side past what is proven? Paths over unclassified resources never change the verdict. */
function raises(path: BlastPath, proven: ProvenBound): boolean {
  if (path.level === 'none') return false;
  const above = (level: ReachLevel, floor: ReachLevel) => LEVEL_ORDER.indexOf(level) > LEVEL_ORDER.indexOf(floor);
  if (path.resourceClass === 'production' && above(path.level, proven.production)) return true;
  if (path.resourceClass === 'backup' && above(path.level, proven.backup)) return true;
  return path.alsoReaches?.resourceClass === 'backup' && path.level === 'destroy' && proven.backup !== 'destroy';
}

function reachesBoth(paths: readonly BlastPath[]): boolean {
  const reached = paths.filter((p) => p.level !== 'none');
  const classes = new Set(reached.flatMap((p) => [p.resourceClass, p.alsoReaches?.resourceClass]));
  return classes.has('production') && classes.has('backup');
}

function blockByFixedProtections(paths: BlastPath[], protections: readonly Protection[]): void {
  for (const protection of protections) {
    if (protection.mitigationOnly || protection.blocks.length > 0 || (protection.removableBy?.length ?? 0) > 0) continue;
    for (const path of paths) {
      if (!grantCovers(protection.resource, path.resource) && !grantCovers(path.resource, protection.resource)) continue;
      path.protection = { kind: protection.kind, description: protection.description, effective: true, reason: 'no token can remove it' };
      path.level = 'none';
      path.alsoReaches = undefined;
    }
  }
}
