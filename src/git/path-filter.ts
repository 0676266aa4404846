import { picomatch } from '../core/picomatch.js';
import { excludeMatcher, type PathExclusion } from '../walk/exclusion.js';

/**
 * --include / --exclude globs over repository paths, as the walker applies them to files (an
 * excluded directory leaves out what is under it), and the project's paths.exclude; undefined
 * when there is nothing to filter.
 */
export function pathFilter(flags: { include?: string[]; exclude?: string[] }, exclusion?: PathExclusion): ((path: string) => boolean) | undefined {
  if (!flags.include?.length && !flags.exclude?.length && !exclusion) return undefined;
  const included = flags.include?.length ? picomatch(flags.include, { dot: true }) : () => true;
  const excluded = flags.exclude?.length ? excludeMatcher(flags.exclude) : () => false;
  // The project's exclusion is asked last, so it counts only files the flags would have scanned.
  return (path) => included(path) && !excluded(path) && !exclusion?.excludes(path);
}
