import type { ProjectConfig } from '../config/config.js';
import type { Resource, ResourceClass } from '../core/types.js';
import type { ManagedHost } from '../providers/types.js';
import { PROVIDERS, manifestOf } from '../providers/registry.js';
import { matchesConfig } from './match.js';

export interface Classification {
  resourceClass: ResourceClass;
  /** Why: the config glob that matched, or the heuristic. */
  reason: string;
  /** Production only because of the managed service it is reached at (a non-production environment of the credential overrides it). */
  byManagedHost?: boolean;
}

const PRODUCTION_WORDS = new Set(['prod', 'production', 'prd', 'live']);
// Words that name an environment holding no production data: the detector's environment names
// (src/detect/assemble/environment.ts) that are not production, plus the usual short forms and the
// platforms' own names for throwaway copies (sandbox, preview). `ci`, `demo` and `internal` are left
// out: too common inside generated host names, and a demo is often customer-facing.
const NON_PRODUCTION_WORDS = new Set([
  'staging',
  'stage',
  'stg',
  'preprod',
  'uat',
  'qa',
  'dev',
  'development',
  'local',
  'test',
  'testing',
  'sandbox',
  'preview',
]);
const BACKUP_WORDS = new Set(['backup', 'backups', 'bak', 'replica', 'replicas', 'snapshot', 'snapshots', 'archive', 'archives', 'dr', 'recovery', 'vault']);

// Resource types whose very nature is a backup, whatever their name: each provider's manifest says which.
// Read when first needed: manifests may still be loading when this module is.
let backupIdMarkers: readonly string[] | undefined;
function isBackupId(id: string): boolean {
  backupIdMarkers ??= PROVIDERS.flatMap((m) => m.backupIdMarkers ?? []);
  return backupIdMarkers.some((m) => id.includes(m));
}

let managedHosts: readonly ManagedHost[] | undefined;
/** The managed database service whose endpoint the id's host is (`scheme://host:port/…`, every host of a seed list). */
export function managedHostOf(id: string): ManagedHost | undefined {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(id)?.[1];
  if (!authority) return undefined;
  managedHosts ??= PROVIDERS.flatMap((m) => m.managedHosts ?? []);
  for (const server of authority.slice(authority.lastIndexOf('@') + 1).split(',')) {
    if (server.startsWith('[')) continue; // an IPv6 literal names no service
    const host = server.replace(/:\d*$/, '').replace(/\.$/, '').toLowerCase();
    // The suffix keeps its leading dot, so `evilrds.amazonaws.com` and the bare `rds.amazonaws.com` never match.
    const found = managedHosts.find((m) => host.endsWith(m.suffix) && host.length > m.suffix.length);
    if (found) return found;
  }
  return undefined;
}

function isBackupType(resource: Resource): boolean {
  return manifestOf(resource.provider)?.resourceKinds?.[resource.type]?.backup === true;
}

/** The project's config decides first (production, backup, other globs); built-in heuristics second. */
export function classifyResource(id: string, config: ProjectConfig, resource?: Resource): Classification {
  const { production, backup, other } = config.resources;
  const byConfig =
    withClass('backup', matchesConfig(id, backup)) ?? withClass('production', matchesConfig(id, production)) ?? withClass('other', matchesConfig(id, other));
  if (byConfig) return byConfig;
  if ((resource && isBackupType(resource)) || isBackupId(id)) {
    return { resourceClass: 'backup', reason: 'heuristic: a backup by type' };
  }
  const words = id.toLowerCase().split(/[^a-z0-9]+/);
  const backupWord = words.find((w) => BACKUP_WORDS.has(w));
  if (backupWord) return { resourceClass: 'backup', reason: `heuristic: name contains "${backupWord}"` };
  const prodWord = words.find((w) => PRODUCTION_WORDS.has(w));
  if (prodWord) return { resourceClass: 'production', reason: `heuristic: name contains "${prodWord}"` };
  // A database on a managed service, reached with real credentials, is more likely production than
  // not, and unknown is never safe; one named as staging or development stays unclassified.
  const managed = managedHostOf(id);
  const nonProductionWord = words.find((w) => NON_PRODUCTION_WORDS.has(w));
  if (managed && nonProductionWord) {
    return { resourceClass: 'other', reason: `not classified (a managed database host, but the name contains "${nonProductionWord}")` };
  }
  if (managed) {
    const reason = `heuristic: a managed database host (${managed.service}: *${managed.suffix})`;
    return { resourceClass: 'production', reason, byManagedHost: true };
  }
  return { resourceClass: 'other', reason: 'not classified (no config glob or heuristic matched)' };
}

function withClass(resourceClass: ResourceClass, glob: string | undefined): Classification | undefined {
  return glob ? { resourceClass, reason: `config: ${glob}` } : undefined;
}
