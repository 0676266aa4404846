import type fg from 'fast-glob';
import * as fs from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { UsageError, fileProblem } from '../core/errors.js';
import type { PathExclusion } from './exclusion.js';
import { type TreeEntry, walkTree } from './tree.js';

export interface WalkOptions {
  /** Roots as the user named them, resolved against `cwd`. */
  roots: string[];
  cwd?: string;
  /** Globs (relative to each root) to scan; default everything. */
  include?: string[];
  exclude?: string[];
  includeNodeModules?: boolean;
  maxFileSize: number;
  /** The project's paths.exclude: matching files are left out and counted. */
  excluded?: PathExclusion;
}

/** A file to scan. `relative` is relative to `root`, with forward slashes; `size` is 0 when not yet known. */
export interface WalkEntry {
  root: string;
  /** The root as the user named it (shown in multi-root reports). */
  label: string;
  absolute: string;
  relative: string;
  size: number;
}

export interface WalkIssue {
  file: string;
  reason: string;
}

export interface WalkSink {
  skipped(issue: WalkIssue): void;
  error(issue: WalkIssue): void;
}

const ALWAYS_IGNORED = ['**/.git', '**/.git/**'];
const NODE_MODULES = ['**/node_modules', '**/node_modules/**'];
const GIT_ONLY: ReadonlySet<string> = new Set(['.git']);
/** Files handed over at once: a directory's, up to this many (a flat directory of 100k files is not held twice). */
const MAX_BATCH = 256;
const GIT_AND_MODULES: ReadonlySet<string> = new Set(['.git', 'node_modules']);

/** Resolves scan roots; a root that does not exist is a usage error (the run cannot mean anything). */
export async function resolveRoots(paths: readonly string[], cwd = process.cwd()): Promise<{ root: string; label: string; file?: string }[]> {
  const out: { root: string; label: string; file?: string }[] = [];
  for (const path of paths) {
    let real: string;
    try {
      real = await realpath(resolve(cwd, path));
    } catch {
      throw new UsageError(`path does not exist or cannot be read: ${path}`);
    }
    const info = await stat(real);
    if (info.isFile()) out.push({ root: dirname(real), label: dirname(path), file: basename(real) });
    else if (info.isDirectory()) out.push({ root: real, label: path });
    else throw new UsageError(`not a file or directory: ${path}`);
  }
  return out;
}

/**
 * Walks the roots (src/walk/tree.ts; fast-glob when --include globs choose the files), including dot
 * files and git-ignored files (an agent can read them), skipping .git/ and node_modules/ by default.
 * Symlinks are never followed out of the roots; unreadable directories and files over the size cap
 * are reported, never fatal.
 */
export async function* walk(options: WalkOptions, sink: WalkSink): AsyncGenerator<WalkEntry[]> {
  const roots = await resolveRoots(options.roots.length > 0 ? options.roots : ['.'], options.cwd);
  const realRoots = roots.map((r) => r.root);
  for (const { root, label, file } of roots) {
    if (file) {
      const absolute = resolve(root, file);
      const entry = await regularFile(absolute, root, label, file, options.maxFileSize, sink);
      if (entry) yield [entry];
      continue;
    }
    // rel is clean (no `.`, `..` or doubled separators): joined as is, without path.resolve's
    // normalisation, which allocated more per file than the rest of the walk together.
    const absoluteOf = (rel: string) => (root.endsWith(sep) ? root + rel : root + sep + rel);
    // The size cap is checked on the open descriptor by the reader: one stat per file, not two.
    const fileEntry = (rel: string): WalkEntry => ({ root, label, absolute: absoluteOf(rel), relative: rel, size: 0 });
    const linkEntry = (rel: string) => symlinkTarget(absoluteOf(rel), root, label, rel, realRoots, options.maxFileSize, sink);
    const kept = (rel: string) => !options.excluded?.excludes(rel, label);
    if (options.include?.length) {
      for await (const { relative: rel, symlink } of globbed(root, options, sink)) {
        const entry = !kept(rel) ? undefined : symlink ? await linkEntry(rel) : fileEntry(rel);
        if (entry) yield [entry];
      }
      continue;
    }
    // The synchronous tree walk, handed over a directory's files at a time: an awaited step per
    // file was most of the main thread's garbage, and its heap grew with the size of the tree.
    const tree = walkTree(root, {
      skipNames: options.includeNodeModules ? GIT_ONLY : GIT_AND_MODULES,
      exclude: options.exclude ?? [],
      unreadable: (file, reason) => sink.error({ file, reason }),
    });
    let batch: WalkEntry[] = [];
    let directory: string | undefined;
    for (const { relative: rel, symlink, parent } of tree) {
      if ((parent !== directory || batch.length >= MAX_BATCH) && batch.length > 0) {
        yield batch;
        batch = [];
      }
      directory = parent;
      const entry = !kept(rel) ? undefined : symlink ? await linkEntry(rel) : fileEntry(rel);
      if (entry) batch.push(entry);
    }
    if (batch.length > 0) yield batch;
  }
}

/** --include: fast-glob finds the matching files (and prunes the directories no glob can match). */
async function* globbed(root: string, options: WalkOptions, sink: WalkSink): AsyncGenerator<TreeEntry> {
  const ignore = [...ALWAYS_IGNORED, ...(options.includeNodeModules ? [] : NODE_MODULES), ...(options.exclude ?? [])];
  // Loaded here, not at start-up: the pre-commit hook reads git and never walks.
  const { default: fastGlob } = await import('fast-glob');
  const stream = fastGlob.stream(options.include?.length ? options.include : ['**'], {
    cwd: root,
    dot: true,
    onlyFiles: false,
    followSymbolicLinks: false,
    objectMode: true,
    ignore,
    suppressErrors: true,
    fs: reportingFs(root, sink),
  });
  for await (const raw of stream) {
    const item = raw as unknown as fg.Entry;
    if (item.dirent.isFile() || item.dirent.isSymbolicLink()) yield { relative: item.path, symlink: item.dirent.isSymbolicLink(), parent: '' };
  }
}

async function symlinkTarget(
  absolute: string,
  root: string,
  label: string,
  rel: string,
  roots: string[],
  maxFileSize: number,
  sink: WalkSink,
): Promise<WalkEntry | undefined> {
  let target: string;
  try {
    target = await realpath(absolute);
  } catch (error) {
    sink.skipped({ file: rel, reason: `broken or looping symlink (${fileProblem(error)})` });
    return undefined;
  }
  if (!roots.some((r) => target === r || target.startsWith(r + sep))) {
    sink.skipped({ file: rel, reason: 'symlink points outside the scan roots' });
    return undefined;
  }
  // A link to a directory inside the roots: that directory is walked on its own.
  return regularFile(target, root, label, rel, maxFileSize, sink, true);
}

async function regularFile(
  absolute: string,
  root: string,
  label: string,
  rel: string,
  maxFileSize: number,
  sink: WalkSink,
  quietIfNotFile = false,
): Promise<WalkEntry | undefined> {
  try {
    const info = await stat(absolute);
    if (!info.isFile()) {
      if (!quietIfNotFile) sink.skipped({ file: rel, reason: 'not a regular file' });
      return undefined;
    }
    if (info.size > maxFileSize) {
      sink.skipped({ file: rel, reason: `larger than --max-file-size (${info.size} bytes)` });
      return undefined;
    }
    return { root, label, absolute, relative: rel.split(sep).join('/'), size: info.size };
  } catch (error) {
    sink.error({ file: rel, reason: fileProblem(error) });
    return undefined;
  }
}

/** fast-glob's fs adapter, wrapped so that directories it cannot read are reported instead of silently dropped. */
function reportingFs(root: string, sink: WalkSink): Partial<fg.FileSystemAdapter> {
  const report = (path: fs.PathLike, error: NodeJS.ErrnoException | null) => {
    if (error && error.code !== 'ENOENT') {
      sink.error({ file: relative(root, String(path)).split(sep).join('/') || '.', reason: `cannot read directory: ${fileProblem(error)}` });
    }
  };
  return {
    readdir: ((path: fs.PathLike, ...rest: unknown[]) => {
      const callback = rest.pop() as (error: NodeJS.ErrnoException | null, entries: unknown) => void;
      const wrapped = (error: NodeJS.ErrnoException | null, entries: unknown) => {
        report(path, error);
        callback(error, entries);
      };
      (fs.readdir as (...args: unknown[]) => void)(path, ...rest, wrapped);
    }) as unknown as fg.FileSystemAdapter['readdir'],
  };
}
