import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/core/paths.js';
import { makeRepo } from './helpers/git.js';
import { startLockfileRegistry, type LockfileRegistry } from './helpers/npm-registry.js';
import { pathWithoutBuildTools, releaseRepository, runAsync, type Ran } from './helpers/release.js';
import { TOKENS } from './helpers/workspace.js';

/**
 * The pre-commit framework for real: it clones a tag of this repository (made by .ci/tag-release
 * from the work tree under test), installs the node hook with npm from a registry on 127.0.0.1
 * (this repository's locked dependencies, from the npm cache), and runs it on `git commit` and
 * `pre-commit run --all-files`. The `pre-commit` on PATH is tested (Debian's, in CI: .ci/run
 * installs it); BLASTRADIUS_TEST_PRE_COMMIT adds more executables (colon-separated) to test
 * other versions side by side.
 */
const TIMEOUT = 420_000;
const GH = TOKENS.githubClassic;

function preCommitExecutables(): string[] {
  const found = spawnSync('sh', ['-c', 'command -v pre-commit'], { encoding: 'utf8', env: { PATH: pathWithoutBuildTools() } });
  const onPath = found.status === 0 ? [found.stdout.trim()] : [];
  const extra = (process.env.BLASTRADIUS_TEST_PRE_COMMIT ?? '').split(delimiter).filter(Boolean);
  return [...new Set([...onPath, ...extra])];
}

const executables = preCommitExecutables();
const required = process.env.BLASTRADIUS_REQUIRE_CI_TOOLS === '1';
const SKIP_REASON = 'pre-commit is not installed (apt-get install pre-commit, or pip install pre-commit; .ci/run installs it)';
if (executables.length === 0 && !required) console.warn(`test/pre-commit.test.ts skipped: ${SKIP_REASON}`);

describe.skipIf(executables.length > 0 || !required)('pre-commit framework: required here', () => {
  it('BLASTRADIUS_REQUIRE_CI_TOOLS=1 (set by .ci/run) and no pre-commit on PATH', () => {
    expect.fail(SKIP_REASON);
  });
});

describe.skipIf(executables.length === 0)(`pre-commit framework, installed from a tag${executables.length === 0 ? ` — skipped: ${SKIP_REASON}` : ''}`, () => {
  let work: string;
  let registry: LockfileRegistry;
  let release: { dir: string; tag: string };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'blastradius-pre-commit-'));
    registry = await startLockfileRegistry(join(packageRoot(), 'package-lock.json'));
    const home = join(work, 'release-home');
    mkdirSync(home);
    release = releaseRepository(join(work, 'upstream'), { ...makeEnv(home), GIT_CONFIG_NOSYSTEM: '1' });
  });
  afterAll(async () => {
    await registry?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  function makeEnv(home: string): NodeJS.ProcessEnv {
    return {
      PATH: pathWithoutBuildTools(),
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_CACHE_HOME: join(home, '.cache'),
      GIT_CONFIG_NOSYSTEM: '1',
      LANG: 'C.UTF-8',
      NO_COLOR: '1',
      PRE_COMMIT_HOME: join(home, 'pre-commit'),
      npm_config_registry: registry.url,
      npm_config_proxy: 'http://127.0.0.1:9',
      npm_config_https_proxy: 'http://127.0.0.1:9',
      npm_config_noproxy: '127.0.0.1',
      npm_config_cache: join(home, 'npm-cache'),
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
  }

  it.each(executables)(
    '%s: installs with no build tools, blocks a commit that adds a secret, and --all-files finds a committed one',
    { timeout: TIMEOUT },
    async (preCommit) => {
      const version = spawnSync(preCommit, ['--version'], { encoding: 'utf8' }).stdout.trim();
      const r = makeRepo({ 'README.md': '# app\n' });
      try {
        const env = makeEnv(r.home);
        const run = (command: string, args: string[], extra: NodeJS.ProcessEnv = {}): Promise<Ran> =>
          runAsync(command, args, { cwd: r.dir, env: { ...env, ...extra }, timeoutMs: TIMEOUT });
        writeFileSync(
          join(r.dir, '.pre-commit-config.yaml'),
          `repos:\n  - repo: ${release.dir}\n    rev: ${release.tag}\n    hooks:\n      - id: blastradius\n`,
        );
        r.git(['add', '.pre-commit-config.yaml']);
        r.git(['commit', '-q', '-m', 'pre-commit config', '--no-verify']);

        expect((await run(preCommit, ['install'])).status).toBe(0);
        const installed = await run(preCommit, ['install-hooks']);
        console.info(`${version}: hook environment installed in ${installed.ms} ms`);
        expect(
          installed.status,
          `${installed.stdout}${installed.stderr}${registry.missing.length ? `\nnot in the npm cache: ${registry.missing.join(', ')}` : ''}`,
        ).toBe(0);
        expect(installed.stdout + installed.stderr).not.toMatch(/deprecated|warning/i);

        r.write('.env', `GITHUB_TOKEN=${GH}\n`);
        r.git(['add', '.env']);
        const blocked = await run('git', ['commit', '-m', 'add .env']);
        const said = blocked.stdout + blocked.stderr;
        expect(blocked.status, said).not.toBe(0);
        expect(said).toContain('commit blocked — it adds 1 secret');
        expect(said).toContain('.env:1:14');
        expect(said).toContain('SKIP=blastradius git commit');
        expect(said).not.toMatch(/(: |`)blastradius (baseline|scan|hook)/);
        expect(said).not.toContain(GH);

        // The way out it names works: skip this hook once (the secret is now committed).
        expect((await run('git', ['commit', '-q', '-m', 'add .env anyway'], { SKIP: 'blastradius' })).status).toBe(0);
        const all = await run(preCommit, ['run', '--all-files']);
        expect(all.status, all.stdout + all.stderr).toBe(1);
        expect(all.stdout + all.stderr).toContain('blocked — 1 secret in the files checked');
        expect(all.stdout + all.stderr).toContain('.env:1:14');

        r.write('README.md', '# app\n\nNo secrets here.\n');
        r.git(['add', 'README.md']);
        const clean = await run('git', ['commit', '-m', 'docs']);
        expect(clean.status, clean.stdout + clean.stderr).toBe(0);
      } finally {
        r.cleanup();
      }
    },
  );
});
