import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prestartStaged, releaseStaged, takeStaged } from '../src/git/hook-prestart.js';
import { gitsStarted } from '../src/git/running-git.js';
import { makeRepo, type TestRepo } from './helpers/git.js';
import { TOKENS } from './helpers/workspace.js';

// `hook run` starts rev-parse and diff-index while its modules load (src/git/hook-prestart.ts): the
// check adopts them instead of running them again, for its own context only, and its verdict never changes.
const repos: TestRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

function repo(options?: { commit?: boolean }): TestRepo {
  const r = makeRepo({ 'README.md': '# demo\n' }, options);
  repos.push(r);
  return r;
}

/** Runs the CLI with GIT_TRACE into a file: every git command it ran, by name. */
async function traced(r: TestRepo, args: string[]): Promise<{ exitCode: number; stderr: string; gits: string[] }> {
  const trace = join(r.home, `trace-${Math.random().toString(36).slice(2)}.txt`);
  const result = await r.cli(args, { GIT_TRACE: trace });
  let lines: string[] = [];
  try {
    lines = readFileSync(trace, 'utf8').split('\n');
  } catch {
    // no git ran
  }
  const gits = lines.flatMap((l) => /trace: built-in: git ([\w-]+)/.exec(l)?.[1] ?? []);
  return { exitCode: result.exitCode, stderr: result.stderr, gits };
}

const count = (gits: string[], name: string) => gits.filter((g) => g === name).length;

describe('the pre-commit check started before its modules load', () => {
  it('adopts the early rev-parse and diff-index: each runs once, and the secret still blocks', async () => {
    const r = repo();
    r.write('config/app.env', `GITHUB_TOKEN=${TOKENS.githubClassic}\n`);
    r.write('notes.txt', 'nothing here\n');
    r.git(['add', '-A']);
    const before = gitsStarted();
    const { exitCode, stderr, gits } = await traced(r, ['hook', 'run', '--offline']);
    expect(exitCode).toBe(1);
    expect(stderr).toContain('config/app.env:1');
    expect(gitsStarted() - before).toBe(2); // rev-parse and diff-index, started early
    expect(count(gits, 'rev-parse')).toBe(1);
    expect(count(gits, 'diff-index')).toBe(1);
  });

  it('adopts them for files the pre-commit framework names too', async () => {
    const r = repo();
    r.write('a.env', `GITHUB_TOKEN=${TOKENS.githubClassic}\n`);
    r.write('b.txt', 'clean\n');
    r.git(['add', '-A']);
    const { exitCode, stderr, gits } = await traced(r, ['hook', 'run', '--offline', 'b.txt', 'README.md']);
    expect(exitCode, stderr).toBe(0); // a.env is not named; README.md is unchanged and clean
    expect(count(gits, 'diff-index')).toBe(1);
  });

  it('on an unborn HEAD starts only rev-parse, and the check compares with the empty tree itself', async () => {
    const r = repo({ commit: false });
    r.write('first.env', `GITHUB_TOKEN=${TOKENS.githubClassic}\n`);
    r.git(['add', '-A']);
    const before = gitsStarted();
    const { exitCode, stderr, gits } = await traced(r, ['hook', 'run', '--offline']);
    expect(exitCode).toBe(1);
    expect(stderr).toContain('first.env:1');
    expect(gitsStarted() - before).toBe(1);
    expect(count(gits, 'rev-parse')).toBe(1);
    expect(count(gits, 'diff-index')).toBe(1);
  });

  it('outside a repository the check still says so itself', async () => {
    const r = repo();
    const result = await r.cli(['hook', 'run', '--offline'], {}, r.home);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('not a git repository');
  });

  it('starts nothing for a pre-push check, --help or flags hook run does not accept', () => {
    const r = repo();
    for (const args of [['--pre-push'], ['--help'], ['--no-such-flag']]) {
      const before = gitsStarted();
      prestartStaged(args, { cwd: r.dir, env: r.env });
      expect(gitsStarted() - before, args.join(' ')).toBe(0);
      releaseStaged();
    }
  });

  it('gives what it started to its own context only, and once', async () => {
    const r = repo();
    r.write('x.txt', 'x\n');
    r.git(['add', '-A']);
    prestartStaged(['--offline'], { cwd: r.dir, env: r.env });
    expect(await takeStaged({ cwd: r.dir, env: { ...r.env } })).toBeUndefined();
    expect(await takeStaged({ cwd: r.dir, env: r.env })).toBeUndefined(); // taken once
    const ctx = { cwd: r.dir, env: r.env };
    prestartStaged([], ctx);
    const early = await takeStaged(ctx);
    expect(early?.repo.head).toMatch(/^[0-9a-f]{40}$/);
    const diff = await early?.diff;
    expect(diff?.output).toContain('x.txt');
  });
});
