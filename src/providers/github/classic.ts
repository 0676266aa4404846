import type { ActionClass } from '../../core/types.js';
import type { GitHubClient } from './client.js';
import type { Findings } from './findings.js';
import { type Listing, listCapped, MAX_PAGES, PER_PAGE, settle } from './list.js';
import { canPush, type GitHubRepo, isPublic, isRepo, organizationResource, ownerGlob, repoId, repoResource, restorableAfterDelete, roleOf } from './repos.js';
import { type Scopes, unfamiliarScopes } from './scopes.js';
import type { GitHubUser } from './user.js';

interface OrgMembership {
  state?: string;
  role?: string;
  organization?: { login?: string };
}

/**
 * Classic PATs and OAuth tokens: what the token may do is its scopes (X-OAuth-Scopes) intersected with
 * what its user may do (org role, each repository's `permissions`). A token never exceeds its user.
 */
export async function analyseClassic(octokit: GitHubClient, user: GitHubUser, scopes: Scopes, findings: Findings, secrets: readonly string[]): Promise<void> {
  const login = user.login;
  const orgRoles = await readOrgRoles(octokit, login, scopes, findings, secrets);
  const repos = await settle('GET /user/repos', secrets, () =>
    listCapped<GitHubRepo>(octokit, 'GET /user/repos', { affiliation: 'owner,collaborator,organization_member' }, secrets),
  );
  if (repos.ok) {
    for (const repo of repos.data.items.filter(isRepo)) repoGrants(repo, login, scopes, orgRoles, findings);
    noteIncomplete(repos.data, login, orgRoles, scopes, findings);
  } else {
    findings.failed(`repositories ${login} can reach`, repos, { upTo: repositoryReach(scopes), settle: 'GET /user/repos' });
  }
  namespaceGrants(user, orgRoles, scopes, findings);
  const unfamiliar = unfamiliarScopes(scopes);
  if (unfamiliar.length) findings.note(`scopes not modelled by blastradius: ${unfamiliar.join(', ')}`);
}

/**
 * The most a repository the token was not shown could give it: the scopes cap it (a token never
 * exceeds its scopes), the user's unknown role there could reach admin.
 */
function repositoryReach(scopes: Scopes): ActionClass | 'none' {
  if (scopes.has('delete_repo')) return 'destroy';
  return scopes.has('repo') || scopes.has('public_repo') ? 'admin' : 'none';
}

/** What an unknown organization role could add: an owner administers every repository (and its packages) in it. */
function ownerReach(scopes: Scopes): ActionClass | 'none' {
  return ['repo', 'public_repo', 'admin:org', 'delete_repo', 'write:packages', 'delete:packages'].some((s) => scopes.has(s)) ? 'admin' : 'none';
}

async function readOrgRoles(
  octokit: GitHubClient,
  login: string,
  scopes: Scopes,
  findings: Findings,
  secrets: readonly string[],
): Promise<Map<string, string>> {
  const roles = new Map<string, string>();
  const memberships = await settle('GET /user/memberships/orgs', secrets, () =>
    listCapped<OrgMembership>(octokit, 'GET /user/memberships/orgs', { state: 'active' }, secrets),
  );
  if (memberships.ok) {
    for (const m of memberships.data.items) {
      if (m.organization?.login && m.role) roles.set(m.organization.login, m.role);
    }
    if (memberships.data.truncated || memberships.data.failure) {
      findings.unknown(`roles of ${login} in organizations beyond the first ${roles.size}`, memberships.data.failure?.reason ?? 'listing capped', {
        upTo: ownerReach(scopes),
        settle: 'GET /user/memberships/orgs, pages past the cap',
      });
    }
  }
  const orgs = await settle('GET /user/orgs', secrets, () => listCapped<{ login?: string }>(octokit, 'GET /user/orgs', {}, secrets));
  const orgLogins = new Set(roles.keys());
  if (orgs.ok) orgs.data.items.forEach((o) => o.login && orgLogins.add(o.login));
  else if (!memberships.ok) findings.failed(`organizations ${login} belongs to`, orgs, { upTo: ownerReach(scopes), settle: 'GET /user/orgs' });
  if (!memberships.ok) {
    findings.failed(`organization roles of ${login} (owner or member)`, memberships, {
      upTo: ownerReach(scopes),
      ...(orgLogins.size ? { resources: [...orgLogins].map(ownerGlob) } : {}),
      settle: 'GET /user/memberships/orgs (needs read:org)',
    });
  }
  for (const org of orgLogins) findings.resource(organizationResource(org, { role: roles.get(org) ?? 'unknown' }));
  return roles;
}

/** The token reaches a repository only where a scope covers it: `repo` for all, `public_repo` for public ones. */
function coveringScope(repo: GitHubRepo, scopes: Scopes): string | undefined {
  if (scopes.has('repo')) return 'repo';
  if (isPublic(repo) && scopes.has('public_repo')) return 'public_repo';
  return undefined;
}

function repoGrants(repo: GitHubRepo, login: string, scopes: Scopes, orgRoles: Map<string, string>, findings: Findings): void {
  const role = roleOf(repo.permissions);
  const id = repoId(repo.full_name);
  const on = `${login} has ${role} on ${repo.full_name}`;
  findings.resource(repoResource(repo, { permission: role }));
  const scope = coveringScope(repo, scopes);
  if (scope) {
    if (!isPublic(repo) && role !== 'none') findings.grant('read', id, `X-OAuth-Scopes: ${scope}; ${on}`, 'git clone');
    if (canPush(role)) {
      findings.grant('write', id, `X-OAuth-Scopes: ${scope}; ${on}`, 'git push');
      if (scopes.has('workflow'))
        findings.grant(
          'write',
          id,
          `X-OAuth-Scopes: workflow + ${scope}; ${on}: can change .github/workflows, which run with the repository's secrets`,
          'workflow',
        );
    }
    if (role === 'admin') findings.grant('admin', id, `X-OAuth-Scopes: ${scope}; ${on}`, 'repository administration');
  }
  if (role === 'admin' && scopes.has('delete_repo')) {
    // An organization can forbid repository admins who are not owners to delete; that setting is visible to owners only.
    const orgPolicy =
      repo.owner.type === 'Organization' && orgRoles.get(repo.owner.login) !== 'admin'
        ? ` (unless ${repo.owner.login} forbids members to delete repositories)`
        : '';
    findings.grant('destroy', id, `X-OAuth-Scopes: delete_repo; ${on}${orgPolicy}`, 'delete_repo');
    findings.protection(restorableAfterDelete(id));
  }
}

/** Grants over whole namespaces: the user's own, and every organization it owns. These cover repositories not listed. */
function namespaceGrants(user: GitHubUser, orgRoles: Map<string, string>, scopes: Scopes, findings: Findings): void {
  const login = user.login;
  const namespaces: Array<{ owner: string; why: string }> = [{ owner: login, why: `${login} owns every repository under ${login}/` }];
  for (const [org, role] of orgRoles) {
    if (role === 'admin') namespaces.push({ owner: org, why: `${login} is an owner (role admin) of ${org}, and owners administer every repository` });
    else if (scopes.has('admin:org'))
      findings.note(`X-OAuth-Scopes has admin:org, but ${login} is only a ${role} of ${org}: no organization administration there`);
  }
  for (const { owner, why } of namespaces) {
    const glob = ownerGlob(owner);
    const isOrg = owner !== login;
    if (scopes.has('repo'))
      findings.grant('admin', glob, `X-OAuth-Scopes: repo; ${why} (including ones not listed or created later)`, 'repository administration');
    if (scopes.has('repo') && scopes.has('delete_repo')) {
      findings.grant('destroy', glob, `X-OAuth-Scopes: repo, delete_repo; ${why}`, 'delete_repo');
      findings.protection(restorableAfterDelete(glob));
    }
    if (isOrg && scopes.has('admin:org')) {
      findings.grant(
        'admin',
        glob,
        `X-OAuth-Scopes: admin:org; ${why}; admin:org changes members, teams and base permissions, so the token can grant itself anything in ${owner}`,
        'organization administration',
      );
    }
    if (scopes.has('delete:packages')) findings.grant('destroy', `github-package:${owner}/*`, `X-OAuth-Scopes: delete:packages; ${why}`, 'delete_package');
    else if (scopes.has('write:packages')) findings.grant('write', `github-package:${owner}/*`, `X-OAuth-Scopes: write:packages; ${why}`, 'publish_package');
  }
  if (scopes.has('delete_repo') && !scopes.has('repo')) {
    const owned = [login, ...[...orgRoles].filter(([, role]) => role === 'admin').map(([org]) => org)];
    findings.unknown(
      `deletion of private repositories owned by ${login} or by organizations it owns`,
      'the token holds delete_repo without repo, so private repositories are not listed and GET cannot show whether a DELETE would reach them',
      { upTo: 'destroy', resources: owned.map(ownerGlob), settle: 'GET /user/repos with a token holding repo (private repositories are listed only with it)' },
    );
  }
  if (user.site_admin && scopes.has('site_admin')) {
    findings.grant('admin', 'github:*', `X-OAuth-Scopes: site_admin; ${login} is a site administrator of this GitHub Enterprise Server`, 'site administration');
  }
}

function noteIncomplete(listing: Listing<GitHubRepo>, login: string, orgRoles: Map<string, string>, scopes: Scopes, findings: Findings): void {
  const sso = listing.headers['x-github-sso'];
  if (sso) findings.note(`X-GitHub-SSO: ${sso} — repositories of SAML SSO organizations the token is not authorized for are missing from the listing`);
  if (!listing.truncated && !listing.failure) return;
  const reason = listing.failure?.reason ?? `GitHub lists more than ${MAX_PAGES * PER_PAGE} repositories; only the first ${MAX_PAGES} pages were read`;
  findings.note(`repository listing incomplete after ${listing.items.length} repositories: ${reason}`);
  const settle = `GET /user/repos, pages past the first ${MAX_PAGES}`;
  for (const [org, role] of orgRoles) {
    if (role !== 'admin')
      findings.unknown(`access of ${login} to repositories of ${org} beyond those listed`, reason, {
        upTo: repositoryReach(scopes),
        resources: [ownerGlob(org)],
        settle,
      });
  }
  findings.unknown(`repositories shared with ${login} as a collaborator beyond those listed`, reason, { upTo: repositoryReach(scopes), settle });
}
