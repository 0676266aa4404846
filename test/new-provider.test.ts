import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/core/paths.js';
import { copyWorkTree, runAsync } from './helpers/release.js';

// `npm run new-provider acme` on a copy of this work tree: the skeleton it writes compiles, is
// registered, and its own test passes along with the registry, seam and rule-example tests.
const TIMEOUT = 300_000;
let root: string;
let copy: string;
const env = { PATH: process.env.PATH, HOME: tmpdir(), LANG: 'C' };
const git = (...args: string[]) => spawnSync('git', args, { cwd: copy, encoding: 'utf8', env: { ...env, GIT_CONFIG_NOSYSTEM: '1' } });

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'blastradius-new-provider-'));
  copy = join(root, 'repo');
  copyWorkTree(copy);
  symlinkSync(join(packageRoot(), 'node_modules'), join(copy, 'node_modules'), 'dir');
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'before', '--no-verify');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('npm run new-provider', () => {
  it('writes its folder, its rules, its fixtures, its test and one registry entry; the result compiles and its tests pass', { timeout: TIMEOUT }, async () => {
    const made = spawnSync(process.execPath, ['scripts/new-provider.mjs', 'acme', 'Acme'], { cwd: copy, encoding: 'utf8', env });
    expect(made.status, made.stderr).toBe(0);
    git('add', '-A');
    const changed = git('diff', '--cached', '--numstat')
      .stdout.trim()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(changed.map(([, , path]) => path).sort()).toEqual([
      'fixtures/providers/acme/README.md',
      'fixtures/providers/acme/me.json',
      'fixtures/providers/acme/unauthorized.json',
      'rules/acme.yaml',
      'src/providers/acme/fake.ts',
      'src/providers/acme/index.ts',
      'src/providers/acme/manifest.ts',
      'src/providers/registry.ts',
      'test/providers/acme.test.ts',
    ]);
    // The registry: its import and its entry, nothing removed.
    expect(changed.find(([, , path]) => path === 'src/providers/registry.ts')?.slice(0, 2)).toEqual(['2', '0']);

    const compiled = await runAsync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit'], {
      cwd: copy,
      env,
      timeoutMs: TIMEOUT,
    });
    expect(compiled.status, compiled.stdout + compiled.stderr).toBe(0);
    const tested = await runAsync(
      process.execPath,
      [
        'node_modules/vitest/vitest.mjs',
        'run',
        'test/providers/acme.test.ts',
        'test/providers/registry.test.ts',
        'test/provider-seam.test.ts',
        'test/rules.test.ts',
      ],
      { cwd: copy, env, timeoutMs: TIMEOUT },
    );
    expect(tested.status, tested.stdout + tested.stderr).toBe(0);
    expect(tested.stdout).toMatch(/acme\.test\.ts/);
  });

  it('refuses a name that is taken or not a plain identifier, writing nothing', () => {
    const before = git('status', '--porcelain').stdout;
    for (const name of ['github', 'My-Cloud', 'my-cloud', '']) {
      const refused = spawnSync(process.execPath, ['scripts/new-provider.mjs', name], { cwd: copy, encoding: 'utf8', env });
      expect(refused.status, name).toBe(2);
      expect(refused.stderr).toMatch(/^new-provider: (already there|usage)/);
    }
    expect(git('status', '--porcelain').stdout).toBe(before);
  });
});
