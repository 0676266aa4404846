import { emptyTree, gitSync, type GitRepository } from './git.js';

/** One file staged for the next commit, as the index holds it. */
export interface StagedFile {
  /** Path from the top of the work tree, forward slashes, exactly as git stores it. */
  path: string;
  /** Git file mode of the staged entry: 100644, 100755, 120000 (symlink), 160000 (submodule). */
  mode: string;
  /** The staged blob. */
  blob: string;
  /**
   * Blobs of this file in the commit's parents (HEAD, then any MERGE_HEAD), following renames.
   * A secret found in one of them is already committed, not added by this commit.
   */
  previous: string[];
}

const ZERO_ID = /^0+$/;

/**
 * Files added, copied, modified, renamed or retyped in the index relative to HEAD (or to the empty
 * tree before the first commit). Read with -z: names with spaces, newlines or any bytes survive.
 */
export function stagedFiles(repo: GitRepository, pathspecs: readonly string[] = [], early?: EarlyDiff): StagedFile[] {
  const base = repo.head ?? emptyTree(repo);
  const args = diffIndexArgs(base, pathspecs);
  const output = early?.args.length === args.length && early.args.every((a, i) => a === args[i]) ? early.output : undefined;
  const files = (output === undefined ? diffIndex(repo, base, pathspecs) : parseRawDiff(output)).filter((e) => 'ACMRT'.includes(e.status));
  const byPath = new Map(files.map((e) => [e.path, { path: e.path, mode: e.newMode, blob: e.newId, previous: e.oldId ? [e.oldId] : [] } as StagedFile]));
  // During a merge, what the other side already has is not added by this commit either.
  for (const mergeHead of repo.mergeHeads) {
    const changed = new Map(diffIndex(repo, mergeHead, pathspecs).map((e) => [e.path, e]));
    for (const file of byPath.values()) {
      const entry = changed.get(file.path);
      if (!entry) file.previous.push(file.blob);
      else if (entry.oldId) file.previous.push(entry.oldId);
    }
  }
  return [...byPath.values()];
}

interface RawEntry {
  status: string;
  newMode: string;
  oldId?: string;
  newId: string;
  path: string;
}

/** `git diff-index --cached --raw -z -M BASE`: index versus a tree, renames found. */
export const diffIndexArgs = (base: string, pathspecs: readonly string[]): string[] => [
  'diff-index',
  '--cached',
  '--raw',
  '-z',
  '-M',
  '--no-abbrev',
  base,
  '--',
  ...pathspecs,
];

/**
 * A diff-index that already ran (src/git/hook-prestart.ts) in the repository's directory and
 * environment: stagedFiles uses its output only when it would have run the very same command.
 */
export interface EarlyDiff {
  args: readonly string[];
  /** Its stdout; undefined when it failed (stagedFiles runs it again, and reports git's own error). */
  output: string | undefined;
}

function diffIndex(repo: GitRepository, base: string, pathspecs: readonly string[]): RawEntry[] {
  return parseRawDiff(gitSync(diffIndexArgs(base, pathspecs), repo.cwd, repo.env).toString('utf8'));
}

/** Parses `:oldmode newmode oldid newid status\0path\0[newpath\0]` records. */
export function parseRawDiff(output: string): RawEntry[] {
  const fields = output.split('\0');
  const entries: RawEntry[] = [];
  for (let i = 0; i < fields.length; i++) {
    const header = fields[i];
    if (!header.startsWith(':')) continue;
    const [, newMode, oldId, newId, statusField] = header.slice(1).split(' ');
    const status = statusField?.[0] ?? '';
    const twoPaths = status === 'R' || status === 'C';
    const path = twoPaths ? fields[i + 2] : fields[i + 1];
    i += twoPaths ? 2 : 1;
    if (path === undefined) break;
    entries.push({ status, newMode, newId, path, ...(ZERO_ID.test(oldId) ? {} : { oldId }) });
  }
  return entries;
}
