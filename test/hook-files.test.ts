import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRepo, type TestRepo } from './helpers/git.js';
import { TOKENS } from './helpers/workspace.js';

/**
 * `hook run FILE...`: the pre-commit framework passes file names (the staged files on a commit,
 * every tracked file with `pre-commit run --all-files`), and sets PRE_COMMIT=1 for its hooks.
 */
const repos: TestRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));
const GH = TOKENS.githubClassic;
const FRAMEWORK = { PRE_COMMIT: '1' };

function repo(files: Record<string, string> = {}): TestRepo {
  const r = makeRepo(files);
  repos.push(r);
  return r;
}

describe('hook run with file names (the pre-commit framework)', () => {
  it('a named staged file: what the commit adds blocks, a secret its committed version already had does not', async () => {
    const r = repo({ 'app.env': `OLD=${TOKENS.githubClassic2}\n` });
    r.write('app.env', `OLD=${TOKENS.githubClassic2}\nGITHUB_TOKEN=${GH}\n`);
    r.git(['add', 'app.env']);
    const result = await r.cli(['hook', 'run', '--offline', 'app.env'], FRAMEWORK);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('commit blocked — it adds 1 secret');
    expect(result.stderr).toContain('app.env:2:14');
    expect(result.stderr).not.toContain('app.env:1:');
    expect(result.stderr).toMatch(/1 secret was already committed in the files you changed/);
  });

  it('`pre-commit run --all-files`: a committed secret in a file the commit does not change blocks, and says where', async () => {
    const r = repo({ 'config/prod.env': `GITHUB_TOKEN=${GH}\n`, 'README.md': '# app\n' });
    const result = await r.cli(['hook', 'run', '--offline', 'README.md', 'config/prod.env'], FRAMEWORK);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('blastradius: blocked — 1 secret in the files checked:');
    expect(result.stderr).toContain('config/prod.env:1:14');
    expect(result.stderr).toContain('remove the secret from the file');
    expect(result.stderr + result.stdout).not.toContain(GH);
    // Without file names the hook checks the index only: nothing staged, nothing to block.
    expect((await r.cli(['hook', 'run', '--offline'], FRAMEWORK)).exitCode).toBe(0);
  });

  it('reads a named work-tree file as it is, never through a symlink, and nothing outside the repository', async () => {
    const r = repo({ 'README.md': '# app\n' });
    const outside = makeRepo({ 'secret.env': `GITHUB_TOKEN=${GH}\n` });
    repos.push(outside);
    symlinkSync(join(outside.dir, 'secret.env'), join(r.dir, 'link.env'));
    const result = await r.cli(['hook', 'run', '--offline', '--verbose', 'link.env', join(outside.dir, 'secret.env'), '../x.env'], FRAMEWORK);
    expect(result.stderr).not.toContain('GITHUB_TOKEN');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain('link.env (symlink (not followed))');
    expect(result.stderr).toMatch(/secret\.env \(outside the repository\)/);
    expect(result.stderr).toContain('../x.env (outside the repository)');
  });

  it('--include / --exclude apply to the named files too', async () => {
    const r = repo({ 'fixtures/sample.env': `GITHUB_TOKEN=${GH}\n` });
    expect((await r.cli(['hook', 'run', '--offline', '--exclude', 'fixtures/**', 'fixtures/sample.env'], FRAMEWORK)).exitCode).toBe(0);
    expect((await r.cli(['hook', 'run', '--offline', 'fixtures/sample.env'], FRAMEWORK)).exitCode).toBe(1);
  });
});

describe("the block message suggests only commands the user's shell has", () => {
  it('under pre-commit: SKIP=blastradius, and a baseline command that runs as printed (blastradius itself is not on PATH)', async () => {
    const r = repo();
    r.write('.env', `GITHUB_TOKEN=${GH}\n`);
    r.git(['add', '.env']);
    const blocked = await r.cli(['hook', 'run', '--offline', '.env'], FRAMEWORK);
    expect(blocked.exitCode).toBe(1);
    expect(blocked.stderr).toContain('skip this check once: SKIP=blastradius git commit');
    expect(blocked.stderr).not.toMatch(/(: |`)blastradius (baseline|scan|hook)/);
    const baseline = /into the baseline: (.+ baseline --staged)/.exec(blocked.stderr)?.[1];
    expect(baseline).toBeDefined();
    const ran = spawnSync('sh', ['-c', baseline!], { cwd: r.dir, env: r.env, encoding: 'utf8' });
    expect(ran.status, ran.stderr).toBe(0);
    expect((await r.cli(['hook', 'run', '--offline', '.env'], FRAMEWORK)).exitCode).toBe(0);
  });

  it('under pre-commit, a check that cannot run names SKIP and the `args: [--fail-open]` setting, not `hook install`', async () => {
    const r = repo();
    const result = await r.cli(['hook', 'run', '--offline', '--baseline', 'missing-baseline.json', 'README.md'], FRAMEWORK);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('SKIP=blastradius git commit');
    expect(result.stderr).toContain('`args: [--fail-open]` on the blastradius hook in .pre-commit-config.yaml');
    expect(result.stderr).not.toContain('hook install');
  });

  it('outside pre-commit, with blastradius on PATH, the message says `blastradius`', async () => {
    const r = repo();
    r.write('bin/blastradius', '#!/bin/sh\n');
    spawnSync('chmod', ['+x', join(r.dir, 'bin', 'blastradius')]);
    r.write('.env', `GITHUB_TOKEN=${GH}\n`);
    r.git(['add', '.env']);
    const result = await r.cli(['hook', 'run', '--offline'], { PATH: `${join(r.dir, 'bin')}:${process.env.PATH}` });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('into the baseline: blastradius baseline --staged');
    expect(result.stderr).toContain('skip this check once: git commit --no-verify');
  });
});
