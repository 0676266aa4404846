import { type GitRepository, gitSync } from '../git/git.js';
import { unquotePatchPath } from '../git/quote.js';

/** Per repository path, the lines a change adds; `all` for a file the change creates whole. */
export type AddedLines = Map<string, Set<number> | 'all'>;

/**
 * The lines the work tree adds on top of `commit` (`git diff -U0 commit`), plus untracked files
 * that are not ignored (wholly new). Pinned options, so no user configuration changes what is read.
 */
export function addedLines(repo: GitRepository, commit: string): AddedLines {
  const out: AddedLines = new Map();
  const diff = gitSync(
    [
      '-c',
      'core.quotePath=true',
      '-c',
      'diff.noprefix=false',
      'diff',
      '-U0',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--no-renames',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      commit,
      '--',
    ],
    repo.toplevel,
    repo.env,
  ).toString('utf8');
  let current: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = line.slice(4);
      current = undefined;
      if (target === '/dev/null') continue;
      const path = unquotePatchPath(target).replace(/^b\//, '');
      current = new Set();
      out.set(path, current);
    } else if (line.startsWith('@@ ') && current) {
      const match = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!match) continue;
      const start = Number(match[1]);
      const count = match[2] === undefined ? 1 : Number(match[2]);
      for (let n = start; n < start + count; n++) current.add(n);
    }
  }
  const untracked = gitSync(['ls-files', '-z', '--others', '--exclude-standard'], repo.toplevel, repo.env).toString('utf8');
  for (const path of untracked.split('\0').filter(Boolean)) out.set(path, 'all');
  return out;
}

export function isAdded(added: AddedLines, path: string, line: number): boolean {
  const lines = added.get(path);
  return lines === 'all' || (lines?.has(line) ?? false);
}
