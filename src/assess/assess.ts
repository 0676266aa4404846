import type { ProjectConfig } from '../config/config.js';
import type { Grant, Protection, ReachLevel, Resource, Token, Unknown, VerificationResult } from '../core/types.js';
import { manifestOf } from '../providers/registry.js';
import type { SharedFate } from '../providers/types.js';
import { classifyResource } from './classify.js';
import { levelAtLeast, levelOf, reachOf, severityOf } from './levels.js';
import { grantCovers, isWildcard, matchesConfig } from './match.js';
import { possibleBound } from './possible.js';
import { recommend } from './recommend.js';
import type { BlastPath, BlastRadius, Target } from './types.js';

export interface AssessInput {
  token: Pick<Token, 'id' | 'provider' | 'ruleId' | 'kind' | 'redacted' | 'hints'>;
  verification?: VerificationResult;
  config: ProjectConfig;
  /** Extra paths found across providers (a GitHub token that can trigger a workflow assuming an AWS role). */
  extraPaths?: BlastPath[];
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
    if (grant.action === 'admin' && isWildcard(grant.resource) && reachesBothClasses(grantPaths)) adminOverBoth = true;
  }
  paths.push(...(input.extraPaths ?? []));
  const protections = applyProtections(paths, v.protections, v.grants);
  const { production, backup } = reachOf(paths);
  if (adminOverBoth && !paths.some((p) => p.action === 'admin' && p.level === 'destroy')) adminOverBoth = false;
  const severity = severityOf(production, backup, adminOverBoth);
  sortPaths(paths);
  const shared = severity === 'critical' && (adminOverBoth || (production === 'destroy' && backup === 'destroy'));
  const possible = possibleBound({
    verification: v,
    proven: { production, backup, severity, shared, adminOverBoth, paths },
    unknownPath: (unknown, target) => pathFor(input, principal, unknownGrant(unknown, principal), target),
    visible: visibleTargets(universe, v.grants),
    universe,
  });
  sortPaths(possible.paths);
  return {
    production,
    backup,
    shared,
    severity,
    summary: summarize(production, backup, shared, adminOverBoth, paths, v),
    paths,
    protections,
    recommendations: recommend({ token: input.token, verification: v, production, backup, shared, paths, protections }),
    possible,
  };
}

function reachesBothClasses(paths: readonly BlastPath[]): boolean {
  const classes = new Set(paths.flatMap((p) => [p.resourceClass, p.alsoReaches?.resourceClass]));
  return classes.has('production') && classes.has('backup');
}

/** An unknown read as the grant it could turn out to be: `upTo` over the resources it bears on. */
function unknownGrant(unknown: Unknown, principal: string): Grant {
  return { action: unknown.upTo && unknown.upTo !== 'none' ? unknown.upTo : 'destroy', resource: '*', evidence: `unknown: ${unknown.what}`, principal };
}

/** What the token can see: its inventory, the concrete resources of its grants, and config ids its wildcard grants cover. */
function visibleTargets(universe: readonly Target[], grants: readonly Grant[]): Target[] {
  const visible = universe.filter((t) => t.resource || grants.some((g) => grantCovers(g.resource, t.id)));
  const seen = new Set(visible.map((t) => t.id));
  for (const g of grants) {
    if (isWildcard(g.resource) || seen.has(g.resource)) continue;
    seen.add(g.resource);
    visible.push({ id: g.resource });
  }
  return visible;
}

function pathFor(input: AssessInput, principal: string, grant: Grant, target: Target): BlastPath {
  const { resourceClass, classifiedBy } = classOf(input, target);
  // An unknown's path has no operation: it counts as taking the backups when the resource holds them.
  const path: BlastPath = {
    tokenId: input.token.id,
    principal,
    evidence: grant.evidence,
    action: grant.action,
    operation: grant.operation,
    resource: target.id,
    resourceClass,
    classifiedBy,
    level: levelOf(grant.action),
  };
  const fate = sharedFateOf(input.token.provider, grant.operation);
  const takesBackups = fate
    ? fate.reason
    : !grant.operation && grant.evidence.startsWith('unknown: ')
      ? 'the backups live inside it and may go with it'
      : undefined;
  const holdsBackups = target.resource?.holdsBackups ?? fate?.always ?? false;
  if (takesBackups && holdsBackups && path.level === 'destroy' && resourceClass === 'production') {
    const elsewhere = matchesConfig(target.id, input.config.resources.backupsElsewhere);
    if (!elsewhere) path.alsoReaches = { resourceClass: 'backup', reason: takesBackups };
  }
  return path;
}

/** Inventory the token can see, concrete ids from the config, and the config's class globs. */
/**
 * The class of a resource the token reaches. A credential found under a production environment
 * (Rails `production:`, `.env.production`, `APP_ENV=production`: the `environment` hint the detector
 * puts on assembled logins) makes the resources of its own provider production when neither the
 * project's config nor a name says otherwise; a non-production one (staging, development, test)
 * overrides the managed-database-host guess.
 */
function classOf(input: AssessInput, target: Target): { resourceClass: BlastPath['resourceClass']; classifiedBy: string } {
  const { resourceClass, reason, byManagedHost } = classifyResource(target.id, input.config, target.resource);
  const environments = (input.token.hints ?? []).filter((h) => h.name === 'environment').map((h) => h.value);
  // The managed-host guess gives way to what the credential's own file says (a `staging:` block).
  if (byManagedHost && environments.length > 0 && !environments.includes('production')) {
    return { resourceClass: 'other', classifiedBy: `the credential sits under the ${environments.join('/')} environment (${reason})` };
  }
  if (resourceClass !== 'other' || reason.startsWith('config') || target.fromConfig) return { resourceClass, classifiedBy: reason };
  const inProduction = environments.includes('production');
  const own = !target.resource || target.resource.provider === input.token.provider;
  return inProduction && own
    ? { resourceClass: 'production', classifiedBy: 'the credential sits under the production environment of its configuration' }
    : { resourceClass, classifiedBy: reason };
}

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
  const possible: BlastRadius['possible'] = { production: 'none', backup: 'none', shared: false, severity: 'info', because: [], paths: [] };
  return { production: 'none', backup: 'none', shared: false, severity: 'info', summary, paths: [], protections: [], recommendations: [], possible };
}

const CLASS_ORDER = ['production', 'backup', 'other'];

export function sortPaths(paths: BlastPath[]): void {
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
    if (both)
      parts.push(`can destroy production AND its backups in one call: ${both.operation ?? both.action} on ${both.resource} (${both.alsoReaches!.reason})`);
    else if (adminOverBoth && !(production === 'destroy' && backup === 'destroy'))
      parts.push('admin over an account that holds both production and its backups');
    else parts.push(`can destroy production (${first('production', 'destroy')?.resource}) AND the backups (${first('backup', 'destroy')?.resource})`);
  } else if (production === 'none' && backup === 'none') {
    parts.push('reaches nothing classified as production or backup');
  } else {
    if (production !== 'none') parts.push(`production: ${production} (${first('production', production)?.resource})`);
    if (backup !== 'none') parts.push(`backups: ${backup} (${first('backup', backup)?.resource})`);
  }
  if (v.status === 'unverified') parts.push('decoded offline, not confirmed by the provider');
  return parts.join('; ');
}

/** The row of a provider's shared-fate table for an operation, if its destroy takes the backups too. */
function sharedFateOf(provider: string, operation: string | undefined): SharedFate | undefined {
  if (!operation) return undefined;
  return manifestOf(provider)?.sharedFate?.find((row) => row.operation === operation);
}
