import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RunResult } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import { packageRoot } from '../../src/core/paths.js';

/** A temporary git repository with its own HOME (no global config, no caches in the work tree). */
export interface TestRepo {
  dir: string;
  home: string;
  env: NodeJS.ProcessEnv;
  /** Runs git; throws with git's stderr unless `allowFailure`. */
  git(args: string[], options?: { allowFailure?: boolean; env?: NodeJS.ProcessEnv }): { status: number; stdout: string; stderr: string };
  write(path: string, content: string | Buffer): void;
  /** The CLI in-process, in the repository (or `cwd`), with this HOME. */
  cli(args: string[], env?: NodeJS.ProcessEnv, cwd?: string): Promise<RunResult>;
  /** The compiled CLI in a child process, as the installed hook runs it. */
  bin(args: string[], env?: NodeJS.ProcessEnv): { status: number; stdout: string; stderr: string };
  cleanup(): void;
}

export const BIN = join(packageRoot(), 'dist', 'src', 'bin', 'blastradius.js');

/**
 * Environment for git and the CLI: nothing inherited from the process running the tests except
 * PATH, so a GIT_INDEX_FILE or GIT_DIR of an outer hook or a user's git config cannot leak in.
 */
export function isolatedEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    GIT_CONFIG_NOSYSTEM: '1',
    LANG: 'C',
    NO_COLOR: '1',
  };
}

/** `git init` with a local identity, no signing, branch main, and (optionally) an initial commit. */
export function makeRepo(files: Record<string, string | Buffer> = {}, options: { commit?: boolean } = { commit: true }): TestRepo {
  const root = mkdtempSync(join(tmpdir(), 'blastradius-git-'));
  const dir = join(root, 'repo');
  const home = join(root, 'home');
  mkdirSync(dir);
  mkdirSync(home);
  const env = isolatedEnv(home);
  const repo: TestRepo = {
    dir,
    home,
    env,
    git(args, opts = {}) {
      const result = spawnSync('git', args, { cwd: dir, env: { ...env, ...opts.env }, encoding: 'utf8' });
      const out = { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
      if (out.status !== 0 && !opts.allowFailure) throw new Error(`git ${args.join(' ')} failed (${out.status}): ${out.stderr}`);
      return out;
    },
    write(path, content) {
      const full = join(dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    },
    cli(args, extra = {}, cwd = dir) {
      return run(args, { env: { ...env, ...extra }, cwd, isTTY: false });
    },
    bin(args, extra = {}) {
      const result = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env: { ...env, ...extra }, encoding: 'utf8' });
      return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
  repo.git(['init', '-q']);
  repo.git(['symbolic-ref', 'HEAD', 'refs/heads/main']);
  for (const [key, value] of Object.entries({ 'user.name': 'Test', 'user.email': 'test@example.com', 'commit.gpgsign': 'false', 'core.autocrlf': 'false' }))
    repo.git(['config', key, value]);
  for (const [path, content] of Object.entries(files)) repo.write(path, content);
  if (options.commit !== false) {
    if (Object.keys(files).length === 0) repo.write('README.md', '# test\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '-m', 'initial', '--no-verify']);
  }
  return repo;
}

/** `git commit` for real (hooks run), never throwing: the test reads status and output. */
export function commit(
  repo: TestRepo,
  message: string,
  extraArgs: string[] = [],
  env: NodeJS.ProcessEnv = {},
): { status: number; stdout: string; stderr: string } {
  return repo.git(['commit', '-m', message, ...extraArgs], { allowFailure: true, env });
}

export function commitCount(repo: TestRepo): number {
  const result = repo.git(['rev-list', '--count', '--all'], { allowFailure: true });
  return result.status === 0 ? Number(result.stdout.trim()) : 0;
}
