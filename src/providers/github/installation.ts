import type { Identity } from '../../core/types.js';
import type { GitHubClient } from './client.js';
import { Findings } from './findings.js';
import { listCapped } from './list.js';
import { type PermissionProbe, PROBE_LIMIT, probeAdministration, probeEach, proveContentsRead } from './probe.js';
import { type GitHubRepo, isRepo, ownerGlob, repoId, repoResource } from './repos.js';

const SHOWN_REPOS = 10;
// The app's permissions are served to the app itself: https://docs.github.com/en/rest/apps/apps#get-an-installation-for-the-authenticated-app
const SETTLE_APP = "the installation's permissions: GET /app/installations/{installation_id} with the app's JWT, or the installation's settings page";
const WRITE_UNPROVABLE =
  'a GET proves at most read on a permission; write ("read and write") shows only in the app\'s permissions, and blastradius never writes to find out';

/**
 * `ghs_<APPID>_<JWT>` (stateless, rolled out from April 2026) names its app in clear. GitHub says not to
 * depend on the JWT's contents, so only the documented APPID part is read.
 */
export function statelessAppId(secret: string): string | undefined {
  return /^ghs_(\d+)_/.exec(secret)?.[1];
}

/**
 * Installation tokens (ghs_): GET /installation/repositories lists what the installation reaches.
 * The app's permissions are served only to the app itself (with its JWT), so writes stay unknown.
 * The first page decides the status: a 401 there is `invalid` (installation tokens expire after an hour).
 */
export async function analyseInstallation(
  octokit: GitHubClient,
  secret: string,
  secrets: readonly string[],
  endpoint?: string,
): Promise<{ identity: Identity; findings: Findings; detail: string }> {
  const listing = await listCapped<GitHubRepo>(octokit, 'GET /installation/repositories', {}, secrets);
  const repos = listing.items.filter(isRepo);
  const owners = [...new Set(repos.map((r) => r.owner.login))];
  const appId = statelessAppId(secret);
  const account = owners.join(',') || 'unknown';
  const principal = appId ? `app/${appId}/installation@${account}` : `installation@${account}`;
  const identity: Identity = {
    principal,
    type: 'app-installation',
    account,
    displayName: `GitHub App installation on ${account}${appId ? ` (app id ${appId})` : ''}`,
    tokenFormat: appId ? 'stateless ghs_APPID_JWT' : 'classic 40-character',
    ...(appId ? { appId } : {}),
    ...(endpoint ? { endpoint } : {}),
  };
  const findings = new Findings(principal);
  const selection = listing.repositorySelection;
  for (const repo of repos) findings.resource(repoResource(repo, { repositorySelection: selection ?? 'unknown' }));
  if (listing.truncated || listing.failure) {
    findings.unknown(`repositories of this installation beyond the first ${repos.length}`, listing.failure?.reason ?? 'listing capped', {
      upTo: 'destroy',
      ...(owners.length ? { resources: owners.map(ownerGlob) } : {}),
      settle: 'GET /installation/repositories, pages past the cap',
    });
  }
  if (repos.length === 0) findings.note('the installation lists no repositories');
  const contents = await proveContentsRead(octokit, repos, findings, secrets, 'installation token');
  const administration = await probeEach(repos, (repo) => probeAdministration(octokit, repo, secrets));
  for (const owner of owners) {
    const own = repos.filter((r) => r.owner.login === owner);
    if (selection === 'all') findings.note(`installed on all repositories of ${owner}, including ones created later`);
    unknownWrites(owner, own, selection === 'all', contents, administration.outcomes, findings);
  }
  findings.note('installation tokens expire one hour after they are issued (24 hours at most for GitHub Actions)');
  const detail = `installation token reaching ${repos.length} repositor${repos.length === 1 ? 'y' : 'ies'}${selection ? ` (repository_selection: ${selection})` : ''}`;
  return { identity, findings, detail };
}

/**
 * What stays unknown per owner after the probes. A refusal settles a category for that repository
 * (no read means no write); on an installation of all repositories, repositories not listed yet
 * (created later) stay open.
 */
function unknownWrites(
  owner: string,
  repos: GitHubRepo[],
  allRepositories: boolean,
  contents: Map<string, PermissionProbe>,
  administration: Map<string, PermissionProbe>,
  findings: Findings,
): void {
  const open = (probes: Map<string, PermissionProbe>) => repos.filter((r) => probes.get(r.full_name)?.kind !== 'refused').map((r) => repoId(r.full_name));
  const scopeOf = (ids: string[]) => (allRepositories ? [ownerGlob(owner)] : ids);
  const describe = (ids: string[]) => (allRepositories ? `${ownerGlob(owner)} (installed on all repositories, including ones created later)` : listShort(ids));
  const writable = open(contents);
  if (writable.length || allRepositories) {
    findings.unknown(`write to the contents of ${describe(writable)} (Contents, Workflows: write)`, WRITE_UNPROVABLE, {
      upTo: 'write',
      resources: scopeOf(writable),
      settle: SETTLE_APP,
    });
  }
  const administrable = open(administration);
  const held = repos.filter((r) => administration.get(r.full_name)?.kind === 'held').map((r) => r.full_name);
  const skipped = repos.length > PROBE_LIMIT ? `; only the first ${PROBE_LIMIT} repositories were probed` : '';
  const signal = held.length
    ? `GET /repos/{owner}/{repo}/actions/permissions answered 200 on ${listShort(held)}: Administration read or write is held, and only write deletes; `
    : '';
  if (administrable.length || allRepositories) {
    findings.unknown(
      `administration and deletion of ${describe(administrable)} (Administration: write → delete_repo)`,
      `${signal}${WRITE_UNPROVABLE}${skipped}`,
      {
        upTo: 'destroy',
        resources: scopeOf(administrable),
        settle: SETTLE_APP,
      },
    );
  }
  const settled = repos.filter((r) => administration.get(r.full_name)?.kind === 'refused').map((r) => r.full_name);
  if (settled.length) findings.note(`no Administration permission on ${listShort(settled)} (GET …/actions/permissions refused): no deletion there`);
}

function listShort(ids: string[]): string {
  const shown = ids.slice(0, SHOWN_REPOS).join(', ');
  return ids.length > SHOWN_REPOS ? `${shown} and ${ids.length - SHOWN_REPOS} more` : shown;
}
