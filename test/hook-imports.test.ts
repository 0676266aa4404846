import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, makeRepo } from './helpers/git.js';
import { TOKENS } from './helpers/workspace.js';

/**
 * A preload that records every module the process loads: ESM resolutions through a module.register
 * hook, CommonJS through Module._load. Written to the file named by MODULE_LOG.
 */
const PRELOAD = `
import { register, createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';
const log = process.env.MODULE_LOG;
register('data:text/javascript,' + encodeURIComponent(\`
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(\${JSON.stringify(log)}, result.url + '\\\\n');
  return result;
}\`));
const Module = createRequire(import.meta.url)('node:module');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  try { appendFileSync(log, Module._resolveFilename(request, parent, isMain) + '\\n'); } catch {}
  return load.apply(this, arguments);
};
`;

const work = mkdtempSync(join(tmpdir(), 'blastradius-imports-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function loadedModules(cwd: string, env: NodeJS.ProcessEnv, args: string[]): { status: number; stderr: string; modules: string[] } {
  const preload = join(work, 'record-modules.mjs');
  writeFileSync(preload, PRELOAD);
  const log = join(work, `modules-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(log, '');
  const result = spawnSync(process.execPath, ['--import', preload, BIN, ...args], { cwd, env: { ...env, MODULE_LOG: log }, encoding: 'utf8' });
  return { status: result.status ?? -1, stderr: result.stderr, modules: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
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
