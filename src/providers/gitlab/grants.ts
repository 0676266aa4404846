import type { ActionClass, Grant, Resource, Unknown } from '../../core/types.js';
import type { GitLabAssociations, GitLabUser } from './api.js';

const ROLE: Record<number, string> = { 10: 'Guest', 15: 'Planner', 20: 'Reporter', 30: 'Developer', 40: 'Maintainer', 50: 'Owner' };
const RANK: Record<ActionClass, number> = { read: 1, write: 2, destroy: 3, admin: 4 };
const OWNER = 50;
const DEVELOPER = 30;

// A namespace the token reaches, with the user's role there.
interface Target {
  resource: string;
  kind: 'project' | 'group' | 'personal namespace';
  level: number;
}

interface Candidate {
  action: ActionClass;
  evidence: string;
  operation?: string;
}

export interface GitLabReach {
  grants: Grant[];
  resources: Resource[];
  unknowns: Unknown[];
  notes: string[];
}

/**
 * Scopes x role → coarse grants. A scope only narrows what the user's role allows, so each
 * namespace gets the strongest action that BOTH the scope and the role permit.
 */
export function gitlabReach(
  scopes: readonly string[],
  principal: string,
  user: GitLabUser | undefined,
  isBot: boolean,
  associations: GitLabAssociations | undefined,
): GitLabReach {
  const has = new Set(scopes);
  const reach: GitLabReach = { grants: [], resources: [], unknowns: [], notes: [] };
  const targets: Target[] = [];
  if (user && !isBot) targets.push({ resource: `gitlab:${user.username}/*`, kind: 'personal namespace', level: OWNER });
  if (associations) {
    for (const group of associations.groups) {
      const path = groupPath(group.web_url) ?? String(group.id);
      reach.resources.push({
        id: `gitlab:${path}`,
        type: 'group',
        name: group.name,
        provider: 'gitlab',
        attributes: { role: roleName(group.access_levels), visibility: group.visibility },
      });
      targets.push({ resource: `gitlab:${path}/*`, kind: 'group', level: group.access_levels ?? 0 });
    }
    for (const project of associations.projects) {
      const level = Math.max(project.access_levels.project_access_level ?? 0, project.access_levels.group_access_level ?? 0);
      reach.resources.push({
        id: `gitlab:${project.path_with_namespace}`,
        type: 'project',
        name: project.name,
        provider: 'gitlab',
        attributes: { role: roleName(level), visibility: project.visibility },
      });
      targets.push({ resource: `gitlab:${project.path_with_namespace}`, kind: 'project', level });
    }
  }

  for (const target of targets) {
    const best = strongest(candidatesFor(has, target));
    if (!best) continue;
    reach.grants.push({ ...best, resource: target.resource, principal });
    // Owning a group or a personal namespace with full API access is authority over everything in it.
    if (has.has('api') && target.level >= OWNER && target.kind !== 'project') {
      reach.grants.push({
        action: 'admin',
        resource: target.resource,
        evidence: `scope api with the Owner role on ${target.kind} ${target.resource}: full control of its members, settings and projects`,
        principal,
      });
    }
  }

  if (user?.is_admin && (has.has('api') || has.has('sudo'))) {
    const scope = has.has('sudo') ? 'sudo' : 'api';
    reach.grants.push({ action: 'admin', resource: 'gitlab:*', evidence: `instance administrator ${principal} with scope ${scope}`, principal });
    reach.grants.push({
      action: 'destroy',
      resource: 'gitlab:*',
      evidence: `instance administrator ${principal} with scope ${scope}: can delete any project or group`,
      operation: 'DELETE /projects/:id',
      principal,
    });
    if (!has.has('admin_mode')) {
      // Admin Mode can only take the administrator grants away: it narrows, never widens.
      reach.unknowns.push({
        what: `administrator reach of ${principal}`,
        reason:
          'if the instance enforces Admin Mode, a token without the admin_mode scope acts as a regular user; the API does not say whether Admin Mode is on',
        upTo: 'none',
        resources: ['gitlab:*'],
        settle: 'the instance setting admin_mode (GET /application/settings, administrators only)',
      });
    }
  }
  for (const scope of scopes) {
    if (!KNOWN_SCOPES.has(scope)) reach.notes.push(`scope ${scope} is not assessed for data reach`);
  }
  return reach;
}

function candidatesFor(has: Set<string>, target: Target): Candidate[] {
  const role = `${roleName(target.level)} role on ${target.kind} ${target.resource}`;
  const out: Candidate[] = [];
  if (has.has('api')) {
    if (target.level >= OWNER) {
      out.push({
        action: 'destroy',
        evidence: `scope api with the ${role}: can delete it (and its repositories, issues, registries)`,
        operation: target.kind === 'group' ? 'DELETE /groups/:id' : 'DELETE /projects/:id',
      });
    } else if (target.level >= DEVELOPER) {
      out.push({ action: 'write', evidence: `scope api with the ${role}`, operation: 'git push / API write' });
    } else if (target.level > 0) {
      out.push({ action: 'read', evidence: `scope api with the ${role}` });
    }
  }
  if (has.has('write_repository')) {
    out.push(
      target.level >= DEVELOPER
        ? { action: 'write', evidence: `scope write_repository with the ${role}`, operation: 'git push' }
        : { action: 'read', evidence: `scope write_repository with the ${role}` },
    );
  }
  if (has.has('write_registry') && target.level >= DEVELOPER) {
    out.push({ action: 'write', evidence: `scope write_registry with the ${role}`, operation: 'container registry push' });
  }
  for (const scope of ['read_api', 'read_repository', 'read_registry']) {
    if (has.has(scope) && target.level > 0) out.push({ action: 'read', evidence: `scope ${scope} with the ${role}` });
  }
  return out;
}

function strongest(candidates: Candidate[]): Candidate | undefined {
  return candidates.reduce<Candidate | undefined>((best, c) => (!best || RANK[c.action] > RANK[best.action] ? c : best), undefined);
}

function roleName(level: number | null): string {
  return level ? (ROLE[level] ?? `access level ${level}`) : 'no';
}

// A group's web_url is `<host>/groups/<full/path>`; the full path is its canonical name.
function groupPath(webUrl: string): string | undefined {
  try {
    const path = decodeURIComponent(new URL(webUrl).pathname)
      .replace(/^\/(groups\/)?/, '')
      .replace(/\/+$/, '');
    return path || undefined;
  } catch {
    return undefined;
  }
}

const KNOWN_SCOPES = new Set(['api', 'read_api', 'read_user', 'read_repository', 'write_repository', 'read_registry', 'write_registry', 'sudo', 'admin_mode']);
