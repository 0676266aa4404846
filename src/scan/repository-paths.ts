import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { Token } from '../core/types.js';

/** The work tree a directory belongs to: the nearest ancestor holding `.git` (a directory, or a file for worktrees). */
export function repositoryTop(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return undefined;
  }
}

/**
 * Gives every work-tree location a `path` from one base: the repository that holds the first scan
 * root (else the working directory, else that root). Code scanning, annotations and people place a
 * finding by its path from the checkout, whatever directory was scanned (`ci config/` reports
 * `config/app.env`). Locations under the user's home (`--home`, root `~`) keep their own form.
 */
export function assignRepositoryPaths(tokens: readonly Token[], roots: readonly { root: string; label: string }[], cwd: string): string {
  const first = roots[0].root;
  const base = repositoryTop(first) ?? (isInside(first, cwd) ? cwd : first);
  const byLabel = new Map(roots.map((r) => [r.label, r.root]));
  for (const token of tokens) {
    for (const location of token.locations) {
      const root = location.root === undefined ? first : byLabel.get(location.root);
      if (!root) continue;
      location.path = relative(base, join(root, location.file)).split(sep).join('/');
    }
  }
  return base;
}

function isInside(dir: string, parent: string): boolean {
  const rel = relative(parent, dir);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep));
}
