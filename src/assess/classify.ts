import type { ProjectConfig } from '../config/config.js';
import type { Resource, ResourceClass } from '../core/types.js';
import { PROVIDERS, manifestOf } from '../providers/registry.js';
import { matchesConfig } from './match.js';

export interface Classification {
  resourceClass: ResourceClass;
  /** Why: the config glob that matched, or the heuristic. */
  reason: string;
}

const PRODUCTION_WORDS = new Set(['prod', 'production', 'prd', 'live']);
const BACKUP_WORDS = new Set(['backup', 'backups', 'bak', 'replica', 'replicas', 'snapshot', 'snapshots', 'archive', 'archives', 'dr', 'recovery', 'vault']);

// Resource types whose very nature is a backup, whatever their name: each provider's manifest says which.
// Read when first needed: manifests may still be loading when this module is.
let backupIdMarkers: readonly string[] | undefined;
function isBackupId(id: string): boolean {
  backupIdMarkers ??= PROVIDERS.flatMap((m) => m.backupIdMarkers ?? []);
  return backupIdMarkers.some((m) => id.includes(m));
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
  return { resourceClass: 'other', reason: 'not classified (no config glob or heuristic matched)' };
}

function withClass(resourceClass: ResourceClass, glob: string | undefined): Classification | undefined {
  return glob ? { resourceClass, reason: `config: ${glob}` } : undefined;
}
