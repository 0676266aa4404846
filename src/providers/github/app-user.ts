import type { ActionClass } from '../../core/types.js';
import type { GitHubClient } from './client.js';
import type { Findings } from './findings.js';
import { listCapped, settle } from './list.js';
import { canPush, type GitHubRepo, isPublic, isRepo, ownerGlob, repoId, repoResource, restorableAfterDelete, roleOf } from './repos.js';
import type { GitHubUser } from './user.js';

/** The fields of GitHub's `installation` schema that blastradius reads. */
interface Installation {
  id: number;
  app_id?: number;
  app_slug?: string;
  account?: { login?: string } | null;
  permissions?: Record<string, string | undefined>;
  repository_selection?: string;
}

const MAX_INSTALLATIONS = 10;

/**
 * User-to-server tokens (ghu_) act for a user through a GitHub App: they can do what BOTH the app's
 * installation permissions (GET /user/installations) and the user's role on the repository allow.
 * Both halves are readable with GET, so this is the one app token whose writes can be proven.
 */
export async function analyseAppUser(octokit: GitHubClient, user: GitHubUser, findings: Findings, secrets: readonly string[]): Promise<void> {
  const login = user.login;
  findings.note("user-to-server token: it can do what both the app's permissions and the user's role allow");
  const listing = await settle('GET /user/installations', secrets, () => listCapped<Installation>(octokit, 'GET /user/installations', {}, secrets, 2));
  if (!listing.ok) {
    findings.failed('GitHub App installations this token reaches', listing, { upTo: 'destroy', settle: 'GET /user/installations' });
    return;
  }
  const installations = listing.data.items.filter((i) => typeof i?.id === 'number');
  if (installations.length === 0) findings.note(`no app installation is accessible: the token reaches only what ${login} can see publicly`);
  if (installations.length > MAX_INSTALLATIONS || listing.data.truncated) {
    findings.unknown(`installations beyond the first ${MAX_INSTALLATIONS}`, 'not read (cap on calls per token)', {
      upTo: 'destroy',
      settle: 'GET /user/installations/{installation_id}/repositories for the installations past the cap',
    });
  }
  for (const installation of installations.slice(0, MAX_INSTALLATIONS)) {
    await analyseInstallation(octokit, installation, login, findings, secrets);
  }
}

async function analyseInstallation(
  octokit: GitHubClient,
  installation: Installation,
  login: string,
  findings: Findings,
  secrets: readonly string[],
): Promise<void> {
  const app = installation.app_slug ?? `app ${installation.app_id ?? '?'}`;
  const account = installation.account?.login ?? `installation ${installation.id}`;
  const permissions = installation.permissions ?? {};
  const route = 'GET /user/installations/{installation_id}/repositories';
  const repos = await settle(`GET /user/installations/${installation.id}/repositories`, secrets, () =>
    listCapped<GitHubRepo>(octokit, route, { installation_id: installation.id }, secrets),
  );
  const scope = {
    upTo: appReach(permissions),
    ...(installation.account?.login ? { resources: [ownerGlob(installation.account.login)] } : {}),
    settle: `GET /user/installations/${installation.id}/repositories`,
  };
  if (!repos.ok) {
    findings.failed(`repositories reachable through ${app} on ${account}`, repos, scope);
    return;
  }
  for (const repo of repos.data.items.filter(isRepo)) repoGrants(repo, login, app, permissions, findings);
  if (repos.data.truncated || repos.data.failure) {
    findings.unknown(`repositories reachable through ${app} on ${account} beyond those listed`, repos.data.failure?.reason ?? 'listing capped', scope);
  }
  const orgAdmin = ['organization_administration', 'members'].filter((p) => permissions[p] === 'write');
  if (orgAdmin.length) {
    findings.unknown(
      `organization administration of ${account} through ${app}`,
      `the app holds ${orgAdmin.map((p) => `${p}:write`).join(', ')}; whether ${login} is an owner of ${account} was not read`,
      { upTo: 'admin', resources: [ownerGlob(account)], settle: `GET /user/memberships/orgs/${account} (role admin = owner)` },
    );
  }
}

/** The most the app's permissions allow on a repository not shown (the user's role there is unknown). */
function appReach(permissions: Record<string, string | undefined>): ActionClass | 'none' {
  if (permissions.administration === 'write') return 'destroy';
  if (permissions.contents === 'write' || permissions.workflows === 'write') return 'write';
  return permissions.contents === 'read' ? 'read' : 'none';
}

function repoGrants(repo: GitHubRepo, login: string, app: string, permissions: Record<string, string | undefined>, findings: Findings): void {
  const role = roleOf(repo.permissions);
  const id = repoId(repo.full_name);
  const via = (permission: string) => `GitHub App ${app} holds ${permission}; ${login} has ${role} on ${repo.full_name}`;
  findings.resource(repoResource(repo, { userPermission: role, app }));
  const contents = permissions.contents;
  if ((contents === 'read' || contents === 'write') && role !== 'none' && !isPublic(repo)) findings.grant('read', id, via(`contents:${contents}`), 'git clone');
  if (contents === 'write' && canPush(role)) findings.grant('write', id, via('contents:write'), 'git push');
  if (permissions.workflows === 'write' && canPush(role)) findings.grant('write', id, via('workflows:write'), 'workflow');
  if (permissions.administration === 'write' && role === 'admin') {
    findings.grant('admin', id, via('administration:write'), 'repository administration');
    findings.grant('destroy', id, via('administration:write'), 'delete_repo');
    findings.protection(restorableAfterDelete(id));
  }
}
