import type { RecommendInput } from '../../assess/types.js';
import { COMPLIANCE, ROLES } from './docs.js';

/** Least privilege on Atlas: a project-scoped key with the narrowest role, and a Backup Compliance Policy. */
export function recommendAtlas(input: RecommendInput): string[] {
  const out: string[] = [];
  const roles = (input.verification.identity?.roles as string[] | undefined) ?? [];
  if (roles.some((r) => r.startsWith('ORG_OWNER'))) {
    out.push(
      `This API key is an Organization Owner (Project Owner over every project): replace it with a key invited to the one project it needs, with the narrowest project role (Project Read Only for monitoring, Project Cluster Manager to scale) (${ROLES}).`,
    );
  } else if (roles.some((r) => r.startsWith('GROUP_OWNER'))) {
    out.push(
      `This API key is a Project Owner (it can terminate clusters and delete snapshots): give automation Project Read Only, or Project Cluster Manager if it must change clusters (${ROLES}).`,
    );
  }
  const reachesBackups = input.paths.some((p) => p.level === 'destroy' && (p.alsoReaches?.resourceClass === 'backup' || p.resource.endsWith('/cloud-backup')));
  if (reachesBackups) {
    out.push(
      `Enable a Backup Compliance Policy on the production project: no role can then delete snapshots or shorten their retention, and a terminated cluster keeps its snapshots (${COMPLIANCE}).`,
    );
  }
  if (input.paths.some((p) => p.operation === 'deleteCluster' && p.level === 'destroy')) {
    out.push('Turn on termination protection for production clusters (only a Project Owner can turn it off again).');
  }
  out.push('Prefer a service account over a programmatic API key, restricted to your CI egress addresses with the API access list.');
  return out;
}
