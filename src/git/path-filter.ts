import picomatch from 'picomatch';

/** --include / --exclude globs over repository paths, as the walker applies them to files; undefined when neither is given. */
export function pathFilter(flags: { include?: string[]; exclude?: string[] }): ((path: string) => boolean) | undefined {
  if (!flags.include?.length && !flags.exclude?.length) return undefined;
  const included = flags.include?.length ? picomatch(flags.include, { dot: true }) : () => true;
  const excluded = flags.exclude?.length ? picomatch(flags.exclude, { dot: true }) : () => false;
  return (path) => included(path) && !excluded(path);
}
