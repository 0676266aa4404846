import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';

/** A git work tree the CLI was started in. Paths are absolute. */
export interface GitRepository {
  /** The work tree's top-level directory. */
  toplevel: string;
  /** This work tree's git directory (`.git`, or `.git/worktrees/<name>`). */
  gitDir: string;
  /** The commit HEAD points at; undefined on an unborn branch (no commit yet). */
  head?: string;
  /** The other parents of a merge in progress (`.git/MERGE_HEAD`), empty otherwise. */
  mergeHeads: string[];
  /** Directory git commands run in (pathspecs are relative to it). */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * The environment for git: the caller's, with a PATH to find git and no optional locks, so a
 * read-only command run from a hook never contends with the commit for `index.lock`.
 * GIT_INDEX_FILE stays: during `git commit -a` or `git commit FILE` it names the index being committed.
 */
export function gitEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, PATH: env.PATH ?? process.env.PATH, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', ...mallocTrim(env) };
}

/**
 * glibc's malloc returns the top of its heap to the system whenever the free space there passes a
 * threshold it moves with the program's allocations; `git log -p` with context lines allocates
 * and frees a whole file's diff state per file, so on a real history it faulted pages in and gave
 * them back over and over, in the kernel; a fixed threshold stops it (bench/history-bench.ts
 * prints git with and without it, on the bench's history or a real one). Set only when
 * the user set no threshold of their own; other C libraries ignore the variable. M_TRIM_THRESHOLD
 * and its environment name: https://www.gnu.org/software/libc/manual/html_node/Malloc-Tunable-Parameters.html
 */
export const GIT_MALLOC_TRIM_THRESHOLD = String(32 * 1024 * 1024);

function mallocTrim(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.MALLOC_TRIM_THRESHOLD_ !== undefined || env.GLIBC_TUNABLES?.includes('glibc.malloc.trim_threshold')) return {};
  return { MALLOC_TRIM_THRESHOLD_: GIT_MALLOC_TRIM_THRESHOLD };
}

/** Runs git synchronously and returns stdout; a failure is a GitCommandError with git's first line. */
export function gitSync(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, input?: string | Buffer): Buffer {
  const result = spawnSync('git', args, { cwd, env, input, maxBuffer: 512 * 1024 * 1024 });
  if (result.error) {
    if ((result.error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UsageError('git is not installed or not on PATH', 'install git, or scan files without --staged / --since / --git-history');
    throw result.error;
  }
  if (result.status !== 0) throw new GitCommandError(args, result.status ?? -1, result.stderr.toString('utf8'));
  return result.stdout;
}

/** A git command that exited non-zero; `message` is git's own first line. */
export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly status: number,
    readonly stderr: string,
  ) {
    super(`git ${args[0] ?? ''} failed: ${firstLine(stderr) || `exit ${status}`}`);
  }
}

/**
 * One process for all three (it runs on every commit): rev-parse prints the work tree's top and
 * the git directory, then HEAD's commit, and exits 1 after the paths when HEAD is unborn.
 */
export const QUICK_OPEN_ARGS = ['rev-parse', '--show-toplevel', '--absolute-git-dir', '-q', '--verify', 'HEAD^{commit}'] as const;

/** The repository QUICK_OPEN_ARGS described (run in `cwd` with `gitEnv`), or undefined when it did not (openRepository asks again and says why). */
export function repositoryFromQuick(stdout: string, status: number | null, cwd: string, gitEnv: NodeJS.ProcessEnv): GitRepository | undefined {
  const printed = stdout.split('\n').filter(Boolean);
  if ((status !== 0 && status !== 1) || printed.length < 2) return undefined;
  return { toplevel: printed[0], gitDir: printed[1], head: status === 0 ? printed[2] : undefined, mergeHeads: readMergeHeads(printed[1]), cwd, env: gitEnv };
}

/** Opens the repository containing `cwd`; outside one it is a usage error (exit 2) with a hint. */
export function openRepository(cwd: string, env: NodeJS.ProcessEnv, purpose = 'this'): GitRepository {
  const gitEnv = gitEnvironment(env);
  const quick = spawnSync('git', QUICK_OPEN_ARGS, { cwd, env: gitEnv, encoding: 'utf8' });
  const opened = quick.error ? undefined : repositoryFromQuick(quick.stdout ?? '', quick.status, cwd, gitEnv);
  if (opened) return opened;
  let lines: string[];
  try {
    lines = gitSync(['rev-parse', '--show-toplevel', '--absolute-git-dir'], cwd, gitEnv).toString('utf8').split('\n');
  } catch (error) {
    if (error instanceof GitCommandError) {
      const bare = /must be run in a work tree|--show-toplevel/.test(error.stderr);
      throw new UsageError(
        bare ? `${purpose} needs a git work tree, and ${cwd} is not in one (a bare repository?)` : `not a git repository: ${cwd}`,
        'run it inside a git work tree, or scan plain files with `blastradius scan PATH`',
      );
    }
    throw error;
  }
  const [toplevel, gitDir] = lines;
  return { toplevel, gitDir, head: resolveCommit('HEAD', cwd, gitEnv), mergeHeads: readMergeHeads(gitDir), cwd, env: gitEnv };
}

/** The full commit id of a revision, or undefined when it does not name a commit. */
export function resolveCommit(revision: string, cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  try {
    // A leading dash would be read as an option: such a name is no revision.
    if (revision.startsWith('-')) return undefined;
    return (
      gitSync(['rev-parse', '-q', '--verify', `${revision}^{commit}`], cwd, env)
        .toString('utf8')
        .trim() || undefined
    );
  } catch (error) {
    if (error instanceof GitCommandError) return undefined;
    throw error;
  }
}

function readMergeHeads(gitDir: string): string[] {
  const path = join(gitDir, 'MERGE_HEAD');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[0-9a-f]{40,64}$/.test(l));
}

/** The id of the empty tree in this repository's hash (SHA-1 or SHA-256): what an unborn HEAD is compared with. */
export function emptyTree(repo: GitRepository): string {
  return gitSync(['hash-object', '-t', 'tree', '--stdin'], repo.cwd, repo.env, '').toString('utf8').trim();
}

/** The hooks directory git runs hooks from (core.hooksPath respected), absolute. */
export function hooksDirectory(repo: GitRepository): string {
  // Printed relative to the directory git ran in (or absolute): --path-format needs git 2.31.
  return resolve(repo.toplevel, gitSync(['rev-parse', '--git-path', 'hooks'], repo.toplevel, repo.env).toString('utf8').trim());
}

/** A git command that fails on the user's input (a pathspec outside the repository...) becomes a one-line usage error, exit 2. */
export async function asUsageErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof GitCommandError) throw new UsageError(error.message, 'check the paths and revisions given');
    throw error;
  }
}

function firstLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')[0]
      ?.replace(/^(fatal|error): /, '') ?? ''
  );
}
