import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { GitRepository } from '../../git/git.js';
import { stagedFiles, type EarlyDiff, type StagedFile } from '../../git/staged.js';

/** The files the pre-commit framework named, sorted by how each is checked. */
export interface NamedFiles {
  /** Named and changed by the commit: its staged version is checked, and what the commit adds blocks. */
  staged: StagedFile[];
  /** Named and not changed by the commit (`pre-commit run --all-files`, `--files`): checked whole, every secret counts. */
  whole: string[];
  /** Named but outside the work tree: not read. */
  outside: string[];
}

/**
 * pre-commit passes file names (relative to the repository top, where it runs hooks): the staged
 * files on a commit, every tracked file with --all-files. A commit is judged by what it adds, as
 * the native hook does; a file the commit does not touch was named to be checked, so all of it is.
 */
export function sortNamedFiles(repo: GitRepository, names: readonly string[], cwd: string, earlyDiff?: EarlyDiff): NamedFiles {
  const top = realpathSync(repo.toplevel);
  const base = realpathSync(cwd);
  const staged = new Map(stagedFiles(repo, [], earlyDiff).map((f) => [f.path, f]));
  const result: NamedFiles = { staged: [], whole: [], outside: [] };
  const seen = new Set<string>();
  for (const name of names) {
    const inRepo = relative(top, resolve(base, name));
    if (inRepo === '' || inRepo.startsWith(`..${sep}`) || inRepo === '..' || isAbsolute(inRepo)) {
      result.outside.push(name);
      continue;
    }
    const path = inRepo.split(sep).join('/');
    if (seen.has(path)) continue;
    seen.add(path);
    const file = staged.get(path);
    if (file) result.staged.push(file);
    else result.whole.push(path);
  }
  return result;
}
