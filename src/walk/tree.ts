import { type Dirent, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileProblem } from '../core/errors.js';
import { picomatch } from '../core/picomatch.js';

/** What the tree walk yields: a regular file or a symbolic link (the caller decides where a link may go). */
export interface TreeEntry {
  /** Relative to the root, `/`-separated. */
  relative: string;
  symlink: boolean;
  /** The directory it is in (relative, '' for the root): entries of one directory come together. */
  parent: string;
}

export interface TreeOptions {
  /** Directory names never entered (.git, node_modules). */
  skipNames: ReadonlySet<string>;
  /** --exclude globs: a match leaves out a file, or a directory and all under it. */
  exclude: readonly string[];
  /** Reports a directory that cannot be read (never fatal). */
  unreadable: (relative: string, reason: string) => void;
}

/**
 * Every file under `root`, depth first, one synchronous `readdir` per directory.
 *
 * Why not fast-glob here: over a real node_modules tree its async stream, per-entry glob tests
 * and stream objects were the main thread's largest CPU cost, on the thread that also hands files
 * to the detection workers (a profile of `npm run bench`'s real tree). The walk without --include
 * needs no glob but the excludes, so it is done directly. A directory listing is small and quick,
 * so reading it synchronously never starves the workers' replies for long: the caller hands over
 * a directory's files and waits whenever the pool is full.
 */
export function* walkTree(root: string, options: TreeOptions): Generator<TreeEntry> {
  // Directories are tested on the way down, so testing the path itself covers "or a directory above it" (excludeMatcher).
  const excluded = options.exclude.length > 0 ? picomatch([...options.exclude], { dot: true }) : undefined;
  const pending: string[] = [''];
  while (pending.length > 0) {
    const directory = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(directory ? join(root, directory) : root, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') options.unreadable(directory || '.', `cannot read directory: ${fileProblem(error)}`);
      continue;
    }
    const subdirectories: string[] = [];
    for (const entry of entries) {
      const name = entry.name;
      if (options.skipNames.has(name)) continue;
      const relative = directory ? `${directory}/${name}` : name;
      if (excluded?.(relative)) continue;
      if (entry.isDirectory()) subdirectories.push(relative);
      else if (entry.isFile()) yield { relative, symlink: false, parent: directory };
      else if (entry.isSymbolicLink()) yield { relative, symlink: true, parent: directory };
    }
    // Reversed onto the stack, so directories are visited in listing order.
    for (let i = subdirectories.length - 1; i >= 0; i--) pending.push(subdirectories[i]);
  }
}
