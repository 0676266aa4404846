import { picomatch } from '../core/picomatch.js';

/**
 * A matcher for path globs that costs one regular expression on the file's name for the usual
 * `**\/NAME` and `NAME` globs (`*` and `?` inside NAME allowed), and picomatch only for paths whose
 * name is that of a glob with directories (`**\/.vscode/sftp.json`): it runs on every file scanned.
 */
export function compileGlobs(globs: readonly string[]): (path: string) => boolean {
  // `NAME`, `*.ext` and `prefix.*` names are looked up without a regular expression.
  const exact = new Set<string>();
  const suffixes = new Set<string>();
  const prefixes: string[] = [];
  const byName: string[] = [];
  const withDirs = new Map<string, string[]>();
  let slow: string[] = [];
  for (const glob of globs) {
    const name = /^(?:\*\*\/)?([^/]+)$/.exec(glob)?.[1];
    if (name && !/[*?[\]{}()!+@]/.test(name)) {
      exact.add(name);
      continue;
    }
    if (name && /^\*[^*?[\]{}()!+@/]+$/.test(name)) {
      suffixes.add(name.slice(1));
      continue;
    }
    if (name && /^[^*?[\]{}()!+@/]+\*$/.test(name)) {
      prefixes.push(name.slice(0, -1));
      continue;
    }
    if (name && !/[[\]{}()!+@]/.test(name)) {
      byName.push(
        name
          .replace(/[.^$|\\]/g, '\\$&')
          .replace(/\*/g, '[^/]*')
          .replace(/\?/g, '[^/]'),
      );
      continue;
    }
    const last = glob.split('/').pop()!;
    if (/[*?[\]{}()!+@]/.test(last)) slow.push(glob);
    else withDirs.set(last, [...(withDirs.get(last) ?? []), glob]);
  }
  const names = byName.length ? new RegExp(`^(?:${byName.join('|')})$`) : undefined;
  const dirMatchers = new Map([...withDirs].map(([name, list]) => [name, picomatch(list, { dot: true })]));
  const slowMatcher = slow.length ? picomatch(slow, { dot: true }) : undefined;
  slow = [];
  return (path: string) => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (exact.has(name) || prefixes.some((p) => name.startsWith(p))) return true;
    for (let at = name.indexOf('.'); at !== -1; at = name.indexOf('.', at + 1)) if (suffixes.has(name.slice(at))) return true;
    for (const suffix of suffixes) if (!suffix.startsWith('.') && name.endsWith(suffix)) return true;
    if (names?.test(name)) return true;
    const dirs = dirMatchers.get(name);
    if (dirs?.(path)) return true;
    return slowMatcher?.(path) ?? false;
  };
}
