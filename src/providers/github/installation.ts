import type { Identity } from '../../core/types.js';
import type { GitHubClient } from './client.js';
import { Findings } from './findings.js';
import { listCapped } from './list.js';
import { proveContentsRead } from './probe.js';
import { type GitHubRepo, isRepo, ownerGlob, repoId, repoResource } from './repos.js';

const SHOWN_REPOS = 10;

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
  if (listing.truncated || listing.failure) findings.unknown(`repositories of this installation beyond the first ${repos.length}`, listing.failure?.reason ?? 'listing capped');
  if (repos.length === 0) findings.note('the installation lists no repositories');
  await proveContentsRead(octokit, repos, findings, secrets, 'installation token');
  for (const owner of owners) {
    const own = repos.filter((r) => r.owner.login === owner).map((r) => repoId(r.full_name));
    const scope = selection === 'all' ? `${ownerGlob(owner)} (installed on all repositories, including ones created later)` : listShort(own);
    if (selection === 'all') findings.note(`installed on all repositories of ${owner}, including ones created later`);
    findings.unknown(
      `write, administration or deletion on ${scope}`,
      "an installation token carries its app's permissions, which GitHub serves only to the app itself (GET /app/installations/{id} needs the app's JWT); GET with this token cannot prove a write",
    );
  }
  findings.note('installation tokens expire one hour after they are issued (24 hours at most for GitHub Actions)');
  const detail = `installation token reaching ${repos.length} repositor${repos.length === 1 ? 'y' : 'ies'}${selection ? ` (repository_selection: ${selection})` : ''}`;
  return { identity, findings, detail };
}

function listShort(ids: string[]): string {
  const shown = ids.slice(0, SHOWN_REPOS).join(', ');
  return ids.length > SHOWN_REPOS ? `${shown} and ${ids.length - SHOWN_REPOS} more` : shown;
}
