import type { Protection, Resource } from '../../core/types.js';

/** The `permissions` object GitHub puts on repositories listed for a user: the user's role, not the token's. */
export interface RepoPermissions {
  admin?: boolean;
  maintain?: boolean;
  push?: boolean;
  triage?: boolean;
  pull?: boolean;
}

/** The fields of GitHub's `repository` schema that blastradius reads. */
export interface GitHubRepo {
  full_name: string;
  name: string;
  owner: { login: string; type?: string };
  private: boolean;
  visibility?: string;
  archived?: boolean;
  fork?: boolean;
  default_branch?: string;
  permissions?: RepoPermissions;
}

export type RepoRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

export function isRepo(value: unknown): value is GitHubRepo {
  const repo = value as GitHubRepo;
  return typeof repo?.full_name === 'string' && typeof repo.owner?.login === 'string' && typeof repo.private === 'boolean';
}

export function repoId(fullName: string): string {
  return `github:${fullName}`;
}

export function ownerGlob(owner: string): string {
  return `github:${owner}/*`;
}

/** Public repositories are readable by anyone, so reading one is no part of a token's blast radius. */
export function isPublic(repo: GitHubRepo): boolean {
  return !repo.private && (repo.visibility ?? 'public') === 'public';
}

export function roleOf(permissions: RepoPermissions | undefined): RepoRole {
  if (!permissions) return 'none';
  if (permissions.admin) return 'admin';
  if (permissions.maintain) return 'maintain';
  if (permissions.push) return 'write';
  if (permissions.triage) return 'triage';
  if (permissions.pull) return 'read';
  return 'none';
}

export function canPush(role: RepoRole): boolean {
  return role === 'admin' || role === 'maintain' || role === 'write';
}

export function repoResource(repo: GitHubRepo, attributes: Record<string, unknown> = {}): Resource {
  return {
    id: repoId(repo.full_name),
    type: 'repository',
    name: repo.full_name,
    provider: 'github',
    attributes: {
      visibility: repo.visibility ?? (repo.private ? 'private' : 'public'),
      archived: repo.archived ?? false,
      fork: repo.fork ?? false,
      defaultBranch: repo.default_branch,
      ...attributes,
    },
  };
}

export function organizationResource(login: string, attributes: Record<string, unknown> = {}): Resource {
  return { id: `github:${login}`, type: 'organization', name: login, provider: 'github', attributes };
}

/** GitHub keeps most deleted repositories restorable for 90 days: it softens a delete, it does not block one. */
export function restorableAfterDelete(resource: string): Protection {
  return {
    kind: 'soft-delete',
    resource,
    blocks: ['delete_repo'],
    description:
      'GitHub keeps a deleted repository restorable for 90 days (owners restore it in settings; not for forks in a non-empty fork network; Enterprise Server: site admins)',
    mitigationOnly: true,
  };
}
