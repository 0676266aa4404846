import type { GitHubClient } from './client.js';
import type { Failure } from './failures.js';
import type { Findings } from './findings.js';
import { mapLimit, settle } from './list.js';
import { type GitHubRepo, isPublic, repoId } from './repos.js';

/** Fine-grained and app tokens: permissions are probed one repository at a time, so cap the calls. */
export const PROBE_LIMIT = 20;
const PROBE_CONCURRENCY = 4;

/**
 * What one permission-gated GET says about the token's permission on one repository.
 * `held`: answered, so the token holds the permission at the level the endpoint needs (read).
 * `refused`: GitHub refused it for lack of that permission ("Resource not accessible by …", with
 * X-Accepted-GitHub-Permissions): the token has no access at all in that category, and since
 * write includes read, no write either. `denied`: 403/404 without that statement (the repository
 * may be hidden): noted, never used to narrow. `empty`: no commits to read.
 */
export type PermissionProbe =
  | { kind: 'held' }
  | { kind: 'refused'; accepted?: string }
  | { kind: 'denied'; accepted?: string }
  | { kind: 'empty' }
  | { kind: 'unknown'; reason: string };

// https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#resource-not-accessible
const NOT_ACCESSIBLE = /resource not accessible by (personal access token|integration)/i;

function outcomeOf(failure: Failure): PermissionProbe {
  const { status, accepted, reason } = failure;
  if (status === 403 && (accepted || NOT_ACCESSIBLE.test(reason))) return { kind: 'refused', accepted };
  if (status === 403 || status === 404) return { kind: 'denied', accepted };
  // GitHub answers 409 "Git Repository is empty." for a repository without commits.
  if (status === 409) return { kind: 'empty' };
  return { kind: 'unknown', reason };
}

async function probe(
  octokit: GitHubClient,
  route: string,
  repo: GitHubRepo,
  secrets: readonly string[],
  answered: (data: unknown) => boolean,
): Promise<PermissionProbe> {
  const what = route.replace('{owner}/{repo}', repo.full_name);
  const settled = await settle(what, secrets, () => octokit.request(route, { owner: repo.owner.login, repo: repo.name, per_page: 1 }));
  if (!settled.ok) return outcomeOf(settled);
  return answered(settled.data.data) ? { kind: 'held' } : { kind: 'unknown', reason: `${what}: answered without the documented body` };
}

/**
 * GET /repos/{owner}/{repo}/commits needs Contents read on a private repository
 * (https://docs.github.com/en/rest/commits/commits#list-commits): a 200 proves the token reads the code.
 */
export const CONTENTS_ROUTE = 'GET /repos/{owner}/{repo}/commits';
export function probeContents(octokit: GitHubClient, repo: GitHubRepo, secrets: readonly string[]): Promise<PermissionProbe> {
  return probe(octokit, CONTENTS_ROUTE, repo, secrets, Array.isArray);
}

/**
 * GET /repos/{owner}/{repo}/actions/permissions needs Administration read
 * (https://docs.github.com/en/rest/actions/permissions#get-github-actions-permissions-for-a-repository):
 * a 200 proves Administration read or write (no GET tells them apart); a refusal proves neither is held.
 */
export const ADMINISTRATION_ROUTE = 'GET /repos/{owner}/{repo}/actions/permissions';
export function probeAdministration(octokit: GitHubClient, repo: GitHubRepo, secrets: readonly string[]): Promise<PermissionProbe> {
  return probe(octokit, ADMINISTRATION_ROUTE, repo, secrets, (data) => typeof (data as { enabled?: unknown })?.enabled === 'boolean');
}

/** Probes up to PROBE_LIMIT repositories; the rest come back as `skipped`. */
export async function probeEach(
  repos: readonly GitHubRepo[],
  run: (repo: GitHubRepo) => Promise<PermissionProbe>,
): Promise<{ outcomes: Map<string, PermissionProbe>; skipped: GitHubRepo[] }> {
  const probed = repos.slice(0, PROBE_LIMIT);
  const results = await mapLimit(probed, PROBE_CONCURRENCY, run);
  return { outcomes: new Map(probed.map((repo, i) => [repo.full_name, results[i]])), skipped: repos.slice(PROBE_LIMIT) };
}

/**
 * Adds a `read` grant for each private repository whose contents the token can read, and returns
 * every probe outcome (public repositories are readable by anyone: not probed).
 */
export async function proveContentsRead(
  octokit: GitHubClient,
  repos: readonly GitHubRepo[],
  findings: Findings,
  secrets: readonly string[],
  who: string,
): Promise<Map<string, PermissionProbe>> {
  const { outcomes, skipped } = await probeEach(
    repos.filter((repo) => !isPublic(repo)),
    (repo) => probeContents(octokit, repo, secrets),
  );
  for (const [name, outcome] of outcomes) {
    const id = repoId(name);
    const accepted = 'accepted' in outcome && outcome.accepted ? ` (X-Accepted-GitHub-Permissions: ${outcome.accepted})` : '';
    if (outcome.kind === 'held') findings.grant('read', id, `${who}: GET /repos/${name}/commits answered 200, so the token holds Contents read`, 'git clone');
    else if (outcome.kind === 'refused')
      findings.note(`${name}: listed, but its contents are not readable with this token${accepted}: no Contents permission, so no push either`);
    else if (outcome.kind === 'denied') findings.note(`${name}: listed, but its contents are not readable with this token${accepted}`);
    else if (outcome.kind === 'empty') findings.note(`${name}: empty repository (no commits to read)`);
    else findings.unknown(`read access to the contents of ${id}`, outcome.reason, { upTo: 'read', resources: [id], settle: `GET /repos/${name}/commits` });
  }
  if (skipped.length > 0) {
    findings.unknown(`read access to the contents of ${skipped.length} more private repositories`, `only the first ${PROBE_LIMIT} were probed with GET`, {
      upTo: 'read',
      resources: skipped.map((r) => repoId(r.full_name)),
      settle: 'GET /repos/{owner}/{repo}/commits on each',
    });
  }
  return outcomes;
}
