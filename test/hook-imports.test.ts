import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadedModules as recordModules } from '../bench/module-log.js';
import { BIN, makeRepo } from './helpers/git.js';
import { TOKENS } from './helpers/workspace.js';

const work = mkdtempSync(join(tmpdir(), 'blastradius-imports-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function loadedModules(cwd: string, env: NodeJS.ProcessEnv, args: string[]): { status: number; stderr: string; modules: string[] } {
  return recordModules(BIN, args, { cwd, env, workDir: work });
}

const HEAVY = [
  /[\\/]node_modules[\\/]@octokit[\\/]/,
  /[\\/]node_modules[\\/]@aws-sdk[\\/]/,
  /[\\/]node_modules[\\/]ink[\\/]/,
  /[\\/]node_modules[\\/]react[\\/]/,
];
// Not forbidden for correctness, but they are most of the start-up time: the hook reads compiled rules and never walks.
const SLOW = [/[\\/]node_modules[\\/]yaml[\\/]/, /[\\/]node_modules[\\/]fast-glob[\\/]/];

describe("the hook's import graph", () => {
  it('`hook run` offline never loads Octokit, the AWS SDK, Ink or React — even with GitHub and AWS tokens staged', () => {
    const repo = makeRepo();
    try {
      repo.write('.env', `GITHUB_TOKEN=${TOKENS.githubClassic}\nAWS_ACCESS_KEY_ID=${TOKENS.awsKeyId}\nAWS_SECRET_ACCESS_KEY=${TOKENS.awsSecret}\n`);
      repo.git(['add', '.env']);
      const cold = loadedModules(repo.dir, repo.env, ['hook', 'run', '--offline']);
      expect(cold.status, cold.stderr).toBe(1);
      expect(cold.stderr).toContain('it adds 2 secrets');
      expect(
        cold.modules.some((m) => m.endsWith('/dist/src/cli/commands/hook-run.js')),
        'the recorder saw the CLI load',
      ).toBe(true);
      expect(cold.modules.filter((m) => HEAVY.some((p) => p.test(m)))).toEqual([]);
      // Second run: the compiled-rules cache is warm.
      const warm = loadedModules(repo.dir, repo.env, ['hook', 'run', '--offline']);
      expect(warm.status).toBe(1);
      expect(warm.modules.filter((m) => [...HEAVY, ...SLOW].some((p) => p.test(m)))).toEqual([]);
      // The hook scans in its own thread: the scan workers' module (milliseconds of start-up) is never loaded.
      expect(warm.modules).not.toContain('node:worker_threads');
    } finally {
      repo.cleanup();
    }
  });
});

describe("a scan's import graph", () => {
  const PROVIDER = /[\\/]dist[\\/]src[\\/]providers[\\/]/;
  const DEFERRED = [PROVIDER, /[\\/]dist[\\/]src[\\/]verify[\\/]/, /[\\/]node_modules[\\/]chalk[\\/]/, /[\\/]dist[\\/]src[\\/]rules[\\/]load\.js$/];

  it('an offline scan that finds nothing loads no provider, no verification, no chalk (--format json), and no rule loader once rules are compiled', () => {
    const repo = makeRepo({ 'src/index.js': 'export const answer = 42;\n' });
    try {
      for (const args of [
        ['scan', '.', '--offline', '--no-baseline', '--format', 'json'],
        ['scan', '--git-history', '--offline', '--no-baseline', '--format', 'json'],
      ]) {
        loadedModules(repo.dir, repo.env, args); // compiles the rules into the cache
        const run = loadedModules(repo.dir, repo.env, args);
        expect(run.status, run.stderr).toBe(0);
        expect(
          run.modules.some((m) => m.endsWith('/dist/src/pipeline.js')),
          'the recorder saw the pipeline load',
        ).toBe(true);
        expect(
          run.modules.filter((m) => DEFERRED.some((p) => p.test(m))),
          args.join(' '),
        ).toEqual([]);
      }
    } finally {
      repo.cleanup();
    }
  });

  it('a token found loads them: verification and assessment come with the first token (the control)', () => {
    const repo = makeRepo({ '.env': `GITHUB_TOKEN=${TOKENS.githubClassic}\n` });
    try {
      const run = loadedModules(repo.dir, repo.env, ['scan', '.', '--offline', '--no-baseline', '--format', 'text']);
      expect(run.status, run.stderr).toBe(0);
      expect(run.modules.some((m) => PROVIDER.test(m))).toBe(true);
      expect(run.modules.some((m) => /[\\/]node_modules[\\/]chalk[\\/]/.test(m))).toBe(true);
    } finally {
      repo.cleanup();
    }
  });
});
