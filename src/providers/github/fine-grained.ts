import type { GitHubClient } from './client.js';
import type { Findings } from './findings.js';
import { listCapped, settle } from './list.js';
import { ADMINISTRATION_ROUTE, type PermissionProbe, PROBE_LIMIT, probeAdministration, probeEach, proveContentsRead } from './probe.js';
import { canPush, type GitHubRepo, isRepo, repoId, repoResource, roleOf } from './repos.js';
import type { GitHubUser } from './user.js';

// Each permission is "no access", "read-only" or "read and write":
// https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens#creating-a-fine-grained-personal-access-token
const WRITE_UNPROVABLE =
  'a GET proves at most read on a permission; whether it is read-only or read and write shows only in the token settings, and blastradius never writes to find out';
const SETTLE_LEVEL =
  "the token's permission levels, shown in its settings (Settings → Developer settings → Fine-grained tokens) or to the organization's owners";

/**
 * Fine-grained PATs: GET proves which repositories the token reaches, whether it reads their
 * contents (Contents read), and whether it holds any Administration permission. A refusal of a
 * read proves the category is not granted at all (write includes read), which settles its writes;
 * a 200 proves read only. Writes stay unknown where not settled, bounded by the user's own role.
 */
export async function analyseFineGrained(octokit: GitHubClient, user: GitHubUser, findings: Findings, secrets: readonly string[]): Promise<void> {
  const login = user.login;
  findings.note('fine-grained token: no X-OAuth-Scopes header; access inferred from GET requests only');
  const listing = await settle('GET /user/repos', secrets, () =>
    listCapped<GitHubRepo>(octokit, 'GET /user/repos', { affiliation: 'owner,collaborator,organization_member' }, secrets),
  );
  if (!listing.ok) {
    findings.failed('repositories this fine-grained token can reach', listing, {
      upTo: 'destroy',
      resources: [`github:${login}/*`],
      settle: 'GET /user/repos (Metadata read)',
    });
    return;
  }
  const repos = listing.data.items.filter(isRepo);
  if (listing.data.truncated || listing.data.failure) {
    findings.unknown(`repositories beyond the first ${repos.length} listed`, listing.data.failure?.reason ?? 'listing capped', {
      upTo: 'destroy',
      settle: 'GET /user/repos, pages past the cap',
    });
  }
  if (repos.length === 0) findings.note('the token lists no repositories (public repositories read-only, or no repository access)');
  for (const repo of repos) findings.resource(repoResource(repo, { userPermission: roleOf(repo.permissions) }));
  const contents = await proveContentsRead(octokit, repos, findings, secrets, 'fine-grained token');
  // Administration is probed only where the user is an admin: elsewhere the user's role bounds it out.
  const admins = repos.filter((r) => roleOf(r.permissions) === 'admin');
  const administration = await probeEach(admins, (repo) => probeAdministration(octokit, repo, secrets));
  for (const repo of repos) unknownWrites(repo, login, contents.get(repo.full_name), administration.outcomes.get(repo.full_name), findings);
  for (const repo of administration.skipped) {
    const id = repoId(repo.full_name);
    findings.unknown(
      `administration and deletion of ${id} (Administration: write → delete_repo)`,
      `not probed: only the first ${PROBE_LIMIT} repositories are; ${login} is an admin there`,
      {
        upTo: 'destroy',
        resources: [id],
        settle: SETTLE_LEVEL,
      },
    );
  }
  const orgs = new Set(repos.filter((r) => r.owner.type === 'Organization').map((r) => r.owner.login));
  for (const org of orgs) {
    findings.unknown(`organization permissions of this token in ${org} (Administration, Members, Custom roles)`, WRITE_UNPROVABLE, {
      upTo: 'admin',
      resources: [`github:${org}/*`],
      settle: SETTLE_LEVEL,
    });
  }
}

/** The repository's `permissions` are the user's role: the most the token could have been given there. */
function unknownWrites(
  repo: GitHubRepo,
  login: string,
  contents: PermissionProbe | undefined,
  administration: PermissionProbe | undefined,
  findings: Findings,
): void {
  const role = roleOf(repo.permissions);
  const id = repoId(repo.full_name);
  if (canPush(role) && contents?.kind !== 'refused') {
    const proven = contents?.kind === 'held' ? 'Contents read is proven; ' : '';
    findings.unknown(`write to ${id} (Contents, Workflows: write)`, `${proven}${WRITE_UNPROVABLE}; ${login} has ${role} there, so a write is possible`, {
      upTo: 'write',
      resources: [id],
      settle: SETTLE_LEVEL,
    });
  }
  if (role !== 'admin') return;
  if (administration?.kind === 'refused') {
    findings.note(
      `${repo.full_name}: ${ADMINISTRATION_ROUTE.slice(4).replace('{owner}/{repo}', repo.full_name)} refused for lack of Administration: the token cannot administer or delete it`,
    );
    return;
  }
  const signal =
    administration?.kind === 'held'
      ? `${ADMINISTRATION_ROUTE.replace('{owner}/{repo}', repo.full_name)} answered 200: the token holds Administration read or write, and only write deletes`
      : administration?.kind === 'unknown'
        ? `the Administration probe gave no answer (${administration.reason})`
        : administration?.kind === 'denied'
          ? 'the Administration probe was refused without naming a permission (not taken as proof)'
          : 'Administration was not probed';
  findings.unknown(
    `administration and deletion of ${id} (Administration: write → delete_repo)`,
    `${signal}; ${WRITE_UNPROVABLE}; ${login} is an admin there, so deletion is possible`,
    {
      upTo: 'destroy',
      resources: [id],
      settle: SETTLE_LEVEL,
    },
  );
}
