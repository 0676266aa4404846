import type { ProjectConfig } from '../config/config.js';
import type { Grant, Protection, ReachLevel, Resource, Token, VerificationResult } from '../core/types.js';
import { classifyResource } from './classify.js';
import { TAKES_BACKUPS_WITH_IT, levelAtLeast, levelOf, maxLevel, severityOf } from './levels.js';
import { grantCovers, isWildcard, matchesConfig } from './match.js';
import { recommend } from './recommend.js';
import type { BlastPath, BlastRadius } from './types.js';

export interface AssessInput {
  token: Pick<Token, 'id' | 'provider' | 'ruleId' | 'kind' | 'redacted'>;
  verification?: VerificationResult;
  config: ProjectConfig;
  /** Extra paths found across providers (a GitHub token that can trigger a workflow assuming an AWS role). */
  extraPaths?: BlastPath[];
}

interface Target {
  id: string;
  resource?: Resource;
  /** A glob from the config standing for resources the token may not be able to list. */
  fromConfig?: boolean;
}

/**
 * Pure: grants + resource classes → blast radius. Every verdict is a path the user can check:
 * token → principal → evidence → action → resource (class).
 */
export function assessBlastRadius(input: AssessInput): BlastRadius {
  const v = input.verification;
  const assessable = v && (v.status === 'live' || (v.status === 'unverified' && v.grants.length > 0));
  if (!v || !assessable) return unassessed(input);
  const principal = v.identity?.principal ?? input.token.redacted;
  const universe = targetsOf(v.resources, input.config);
  const paths: BlastPath[] = [];
  let adminOverBoth = false;
  for (const grant of v.grants) {
    const targets = universe.filter((t) => grantCovers(grant.resource, t.id));
    if (!isWildcard(grant.resource) && !targets.some((t) => t.id === grant.resource)) targets.push({ id: grant.resource });
    if (targets.length === 0) targets.push({ id: grant.resource });
    const grantPaths = targets.map((target) => pathFor(input, principal, grant, target));
    paths.push(...grantPaths);
    if (grant.action === 'admin' && isWildcard(grant.resource)) {
      const classes = new Set(grantPaths.flatMap((p) => [p.resourceClass, p.alsoReaches?.resourceClass]));
      if (classes.has('production') && classes.has('backup')) adminOverBoth = true;
    }
  }
  paths.push(...(input.extraPaths ?? []));
  const protections = applyProtections(paths, v.protections, v.grants);
  let production: ReachLevel = 'none';
  let backup: ReachLevel = 'none';
  for (const path of paths) {
    if (path.resourceClass === 'production') production = maxLevel(production, path.level);
    if (path.resourceClass === 'backup') backup = maxLevel(backup, path.level);
    if (path.alsoReaches?.resourceClass === 'backup' && path.level === 'destroy') backup = 'destroy';
  }
  if (adminOverBoth && !paths.some((p) => p.action === 'admin' && p.level === 'destroy')) adminOverBoth = false;
  const severity = severityOf(production, backup, adminOverBoth);
  sortPaths(paths);
  const shared = severity === 'critical' && (adminOverBoth || (production === 'destroy' && backup === 'destroy'));
  return {
    production,
    backup,
    shared,
    severity,
    summary: summarize(production, backup, shared, adminOverBoth, paths, v),
    paths,
    protections,
    recommendations: recommend({ token: input.token, verification: v, production, backup, shared, paths, protections }),
  };
}

function pathFor(input: AssessInput, principal: string, grant: Grant, target: Target): BlastPath {
  const { resourceClass } = classifyResource(target.id, input.config, target.resource);
  const path: BlastPath = {
    tokenId: input.token.id,
    principal,
    evidence: grant.evidence,
    action: grant.action,
    operation: grant.operation,
    resource: target.id,
    resourceClass,
    level: levelOf(grant.action),
  };
  const takesBackups = grant.operation ? TAKES_BACKUPS_WITH_IT[grant.operation] : undefined;
  const holdsBackups = target.resource?.holdsBackups ?? grant.operation?.startsWith('rds:');
  if (takesBackups && holdsBackups && path.level === 'destroy' && resourceClass === 'production') {
    const elsewhere = matchesConfig(target.id, input.config.resources.backupsElsewhere);
    if (!elsewhere) path.alsoReaches = { resourceClass: 'backup', reason: takesBackups };
  }
  return path;
}

/** Inventory the token can see, concrete ids from the config, and the config's class globs. */
function targetsOf(resources: readonly Resource[], config: ProjectConfig): Target[] {
  const targets: Target[] = resources.map((r) => ({ id: r.id, resource: r }));
  const seen = new Set(targets.map((t) => t.id));
  for (const id of [...config.resources.inventory, ...config.resources.production, ...config.resources.backup]) {
    if (seen.has(id)) continue;
    seen.add(id);
    targets.push({ id, fromConfig: true });
  }
  return targets;
}

/**
 * A protection blocks a path (level → none) unless it is only a mitigation, or the token holds an
 * operation that removes it — then it does not count, and the path says so.
 */
function applyProtections(paths: BlastPath[], protections: readonly Protection[], grants: readonly Grant[]): BlastRadius['protections'] {
  const listed: BlastRadius['protections'] = [];
  for (const protection of protections) {
    let effectiveAnywhere = false;
    let reason: string | undefined;
    for (const path of paths) {
      if (!levelAtLeast(path.level, 'write')) continue;
      if (!grantCovers(protection.resource, path.resource) && !grantCovers(path.resource, protection.resource)) continue;
      if (protection.blocks.length > 0 && (!path.operation || !protection.blocks.includes(path.operation))) continue;
      const remover = grants.find((g) => g.operation && protection.removableBy?.includes(g.operation) && grantCovers(g.resource, path.resource));
      if (protection.mitigationOnly) {
        path.protection = { kind: protection.kind, description: protection.description, effective: false, reason: 'a mitigation, not a block' };
      } else if (remover) {
        reason = `the token can remove it (${remover.operation} via ${remover.evidence})`;
        path.protection = { kind: protection.kind, description: protection.description, effective: false, reason };
      } else {
        path.protection = { kind: protection.kind, description: protection.description, effective: true };
        path.level = 'none';
        path.alsoReaches = undefined;
        effectiveAnywhere = true;
      }
    }
    listed.push({
      kind: protection.kind,
      resource: protection.resource,
      description: protection.description,
      effective: effectiveAnywhere && !protection.mitigationOnly,
      ...(protection.mitigationOnly ? { reason: 'a mitigation, not a block' } : reason ? { reason } : {}),
    });
  }
  return listed;
}

function unassessed(input: AssessInput): BlastRadius {
  const v = input.verification;
  const summary = !v
    ? 'not verified (offline, or no provider module for this token): reach unknown'
    : v.status === 'canary'
      ? 'a canary token (honeypot): not verified on purpose'
      : v.status === 'invalid'
      ? `the provider rejected this token${v.detail ? ` (${v.detail})` : ''}`
      : v.status === 'error'
        ? `reach unknown: ${v.detail ?? 'the provider did not answer'}`
        : 'not verified: reach unknown';
  return { production: 'none', backup: 'none', shared: false, severity: 'info', summary, paths: [], protections: [], recommendations: [] };
}

const CLASS_ORDER = ['production', 'backup', 'other'];

function sortPaths(paths: BlastPath[]): void {
  paths.sort(
    (a, b) =>
      CLASS_ORDER.indexOf(a.resourceClass) - CLASS_ORDER.indexOf(b.resourceClass) ||
      ['destroy', 'write', 'read', 'none'].indexOf(a.level) - ['destroy', 'write', 'read', 'none'].indexOf(b.level) ||
      Number(Boolean(b.alsoReaches)) - Number(Boolean(a.alsoReaches)) ||
      a.resource.localeCompare(b.resource),
  );
}

function summarize(production: ReachLevel, backup: ReachLevel, shared: boolean, adminOverBoth: boolean, paths: BlastPath[], v: VerificationResult): string {
  const first = (cls: string, level: ReachLevel) => paths.find((p) => (p.resourceClass === cls || p.alsoReaches?.resourceClass === cls) && p.level === level);
  const parts: string[] = [];
  if (shared) {
    const both = paths.find((p) => p.alsoReaches?.resourceClass === 'backup' && p.level === 'destroy');
    if (both) parts.push(`can destroy production AND its backups in one call: ${both.operation ?? both.action} on ${both.resource} (${both.alsoReaches!.reason})`);
    else if (adminOverBoth && !(production === 'destroy' && backup === 'destroy')) parts.push('admin over an account that holds both production and its backups');
    else parts.push(`can destroy production (${first('production', 'destroy')?.resource}) AND the backups (${first('backup', 'destroy')?.resource})`);
  } else if (production === 'none' && backup === 'none') {
    parts.push('reaches nothing classified as production or backup');
  } else {
    if (production !== 'none') parts.push(`production: ${production} (${first('production', production)?.resource})`);
    if (backup !== 'none') parts.push(`backups: ${backup} (${first('backup', backup)?.resource})`);
  }
  if (v.status === 'unverified') parts.push('decoded offline, not confirmed by the provider');
  if (v.unknowns.length > 0) parts.push(`${v.unknowns.length} capability question(s) unknown`);
  return parts.join('; ');
}
