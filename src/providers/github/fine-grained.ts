import type { GitHubClient } from './client.js';
import type { Findings } from './findings.js';
import { listCapped, settle } from './list.js';
import { proveContentsRead } from './probe.js';
import { canPush, type GitHubRepo, isRepo, repoId, repoResource, roleOf } from './repos.js';
import type { GitHubUser } from './user.js';

const WHY_UNPROVABLE =
  'fine-grained tokens send no scopes header and GitHub shows their permissions only in the token settings; ' +
  'a write can only be proven by writing, which blastradius never does';

/**
 * Fine-grained PATs: GET proves which repositories the token reaches and whether it can read their
 * contents. Writes, administration and deletion stay unknown, bounded by the user's own role.
 */
export async function analyseFineGrained(octokit: GitHubClient, user: GitHubUser, findings: Findings, secrets: readonly string[]): Promise<void> {
  const login = user.login;
  findings.note('fine-grained token: no X-OAuth-Scopes header; access inferred from GET requests only');
  const listing = await settle('GET /user/repos', secrets, () =>
    listCapped<GitHubRepo>(octokit, 'GET /user/repos', { affiliation: 'owner,collaborator,organization_member' }, secrets),
  );
  if (!listing.ok) {
    findings.failed('repositories this fine-grained token can reach', listing.failure);
    return;
  }
  const repos = listing.value.items.filter(isRepo);
  if (listing.value.truncated || listing.value.failure) {
    findings.unknown(`repositories beyond the first ${repos.length} listed`, listing.value.failure?.reason ?? 'listing capped');
  }
  if (repos.length === 0) findings.note('the token lists no repositories (public repositories read-only, or no repository access)');
  for (const repo of repos) findings.resource(repoResource(repo, { userPermission: roleOf(repo.permissions) }));
  await proveContentsRead(octokit, repos, findings, secrets, 'fine-grained token');
  for (const repo of repos) unknownWrites(repo, login, findings);
  const orgs = new Set(repos.filter((r) => r.owner.type === 'Organization').map((r) => r.owner.login));
  for (const org of orgs) {
    findings.unknown(`organization permissions of this token in ${org} (Administration, Members, Custom roles)`, WHY_UNPROVABLE);
  }
}

/** The repository's `permissions` are the user's role: the most the token could have been given there. */
function unknownWrites(repo: GitHubRepo, login: string, findings: Findings): void {
  const role = roleOf(repo.permissions);
  const id = repoId(repo.full_name);
  if (canPush(role)) findings.unknown(`write to ${id} (Contents, Workflows: write)`, `${WHY_UNPROVABLE}; ${login} has ${role} there, so a write is possible`);
  if (role === 'admin') findings.unknown(`administration and deletion of ${id} (Administration: write → delete_repo)`, `${WHY_UNPROVABLE}; ${login} is an admin there, so deletion is possible`);
}
