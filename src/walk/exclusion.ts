import { picomatch } from '../core/picomatch.js';

/**
 * A matcher for exclude globs over `/`-separated relative paths: a path is excluded when a glob
 * matches it or a directory above it, as the walker's ignore globs do (`vendor` and `vendor/**`
 * both leave out `vendor/lib/x.js`), so `--exclude` means the same in a walk and in git scans.
 */
export function excludeMatcher(globs: readonly string[]): (path: string) => boolean {
  const match = picomatch([...globs], { dot: true });
  return (path) => {
    if (match(path)) return true;
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      if (match(path.slice(0, slash))) return true;
    }
    return false;
  };
}

/**
 * The project's `paths.exclude` (blastradius.yaml), applied to walks, staged and history scans
 * alike, counting the distinct files it left out: the scanned repository chooses these globs, so
 * the report says how much they hid.
 */
export class PathExclusion {
  readonly #matches: (path: string) => boolean;
  readonly #excluded = new Set<string>();

  constructor(readonly patterns: readonly string[]) {
    this.#matches = excludeMatcher(patterns);
  }

  /** Whether `path` (relative to `root`) is left out; counted once however often it is asked (a file in many commits). */
  excludes(path: string, root = ''): boolean {
    if (!this.#matches(path)) return false;
    this.#excluded.add(`${root}\0${path}`);
    return true;
  }

  get files(): number {
    return this.#excluded.size;
  }
}
