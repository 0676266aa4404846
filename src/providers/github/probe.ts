import type { GitHubClient } from './client.js';
import type { Findings } from './findings.js';
import { mapLimit, settle } from './list.js';
import { type GitHubRepo, isPublic, repoId } from './repos.js';

/** Fine-grained and app tokens: contents reads are proven one repository at a time, so cap the calls. */
export const PROBE_LIMIT = 20;
const PROBE_CONCURRENCY = 4;

type ProbeOutcome = { kind: 'read' } | { kind: 'denied'; accepted?: string } | { kind: 'empty' } | { kind: 'unknown'; reason: string };

/**
 * GET /repos/{owner}/{repo}/commits?per_page=1 needs Contents read on a private repository: a 200
 * proves the token can read the code. A 403/404 proves it cannot (X-Accepted-GitHub-Permissions
 * says what it would need). Nothing here can prove a write.
 */
async function probeContents(octokit: GitHubClient, repo: GitHubRepo, secrets: readonly string[]): Promise<ProbeOutcome> {
  const what = `GET /repos/${repo.full_name}/commits`;
  const settled = await settle(what, secrets, () => octokit.request('GET /repos/{owner}/{repo}/commits', { owner: repo.owner.login, repo: repo.name, per_page: 1 }));
  if (settled.ok) return Array.isArray(settled.value.data) ? { kind: 'read' } : { kind: 'unknown', reason: `${what}: answered without a list` };
  const { status, accepted, reason } = settled.failure;
  if (status === 403 || status === 404) return { kind: 'denied', accepted };
  // GitHub answers 409 "Git Repository is empty." for a repository without commits.
  if (status === 409) return { kind: 'empty' };
  return { kind: 'unknown', reason };
}

/** Adds a `read` grant for each private repository whose contents the token can read. */
export async function proveContentsRead(octokit: GitHubClient, repos: readonly GitHubRepo[], findings: Findings, secrets: readonly string[], who: string): Promise<void> {
  const candidates = repos.filter((repo) => !isPublic(repo));
  const probed = candidates.slice(0, PROBE_LIMIT);
  const outcomes = await mapLimit(probed, PROBE_CONCURRENCY, (repo) => probeContents(octokit, repo, secrets));
  probed.forEach((repo, index) => {
    const outcome = outcomes[index];
    const id = repoId(repo.full_name);
    if (outcome.kind === 'read') findings.grant('read', id, `${who}: GET /repos/${repo.full_name}/commits answered 200, so the token holds Contents read`, 'git clone');
    else if (outcome.kind === 'denied') findings.note(`${repo.full_name}: listed, but its contents are not readable with this token${outcome.accepted ? ` (X-Accepted-GitHub-Permissions: ${outcome.accepted})` : ''}`);
    else if (outcome.kind === 'empty') findings.note(`${repo.full_name}: empty repository (no commits to read)`);
    else findings.unknown(`read access to the contents of ${id}`, outcome.reason);
  });
  const skipped = candidates.length - probed.length;
  if (skipped > 0) findings.unknown(`read access to the contents of ${skipped} more private repositories`, `only the first ${PROBE_LIMIT} were probed with GET`);
}
