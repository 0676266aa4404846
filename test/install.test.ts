import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/core/paths.js';
import { isolatedEnv } from './helpers/git.js';
import { startLockfileRegistry, type LockfileRegistry } from './helpers/npm-registry.js';
import { packageVersion, pathWithoutBuildTools, releaseRepository, runAsync } from './helpers/release.js';

/**
 * The package as users get it: `npm pack` + install of the tarball, and `npm install` from a git
 * tag, both through a registry on 127.0.0.1 that serves this repository's locked dependencies
 * from the npm cache (no internet), with no build tools on PATH.
 */
const INSTALL_TIMEOUT = 300_000;
const README = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
let work: string;
let registry: LockfileRegistry;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'blastradius-install-'));
  registry = await startLockfileRegistry(join(packageRoot(), 'package-lock.json'));
});
afterAll(async () => {
  await registry?.close();
  rmSync(work, { recursive: true, force: true });
});

/**
 * npm pointed at the local registry with its own empty cache; HOME and config isolated. Any
 * other host goes through a proxy that does not exist (port 9, discard), so it fails at once.
 */
function npmEnv(home: string, url: string): NodeJS.ProcessEnv {
  return {
    ...isolatedEnv(home),
    PATH: pathWithoutBuildTools(),
    npm_config_registry: url,
    npm_config_proxy: 'http://127.0.0.1:9',
    npm_config_https_proxy: 'http://127.0.0.1:9',
    npm_config_noproxy: '127.0.0.1',
    npm_config_cache: join(home, 'npm-cache'),
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_loglevel: 'error',
  };
}

function missingTarballs(): string {
  return registry.missing.length ? `the npm cache lacks ${registry.missing.length} locked tarball(s), e.g. ${registry.missing[0]}: run npm ci first` : '';
}

describe('the npm package', () => {
  it('packs what runs (the demo .env and the fixtures the demo reads, nothing else) and its demo finds the critical token when installed', {
    timeout: INSTALL_TIMEOUT,
  }, async () => {
    const home = join(work, 'pack-home');
    mkdirSync(home, { recursive: true });
    const env = npmEnv(home, registry.url);
    const packed = await runAsync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: packageRoot(), env });
    expect(packed.status, packed.stderr).toBe(0);
    const [manifest] = JSON.parse(packed.stdout) as { filename: string; entryCount: number; size: number; unpackedSize: number; files: { path: string }[] }[];
    const files = manifest.files.map((f) => f.path);
    console.info(`npm pack: ${manifest.entryCount} files, ${manifest.size} bytes packed, ${manifest.unpackedSize} unpacked`);
    expect(files).toContain('fixtures/demo/.env');
    expect(files).toContain('fixtures/demo/config/database.yml');
    expect(files).toContain('dist/src/bin/blastradius.js');
    expect(files).toContain('fixtures/providers/railway/scenarios.json');
    const providerDirs = new Set(files.filter((f) => f.startsWith('fixtures/providers/')).map((f) => f.split('/')[2]));
    // What the demo fakes read at run time: the providers whose manifest has a `demo` hook (src/providers/<id>/fake.ts).
    expect([...providerDirs].sort()).toEqual(['aws', 'github', 'postgres', 'railway']);
    expect(files.filter((f) => f.startsWith('fixtures/providers/postgres/'))).toEqual(['fixtures/providers/postgres/demo.json']);
    expect(files.filter((f) => f.includes('_template'))).toEqual([]);
    expect(files.filter((f) => /^(test|bench|src)\//.test(f) || f.startsWith('dist/test') || f.startsWith('dist/bench'))).toEqual([]);

    const prefix = join(work, 'pack-prefix');
    const installed = await runAsync('npm', ['install', '--global', '--prefix', prefix, join(work, manifest.filename)], {
      cwd: work,
      env,
      timeoutMs: INSTALL_TIMEOUT,
    });
    expect(installed.status, `${installed.stderr}\n${missingTarballs()}`).toBe(0);
    const demo = await runAsync(join(prefix, 'bin', 'blastradius'), ['demo', '--no-color'], { cwd: work, env });
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/WORKSPACE CRITICAL/);
    expect(demo.stdout).toMatch(/CRITICAL railway .*jane@acme-shop\.dev/);
    expect(demo.stdout).toMatch(/HIGH +postgres .*config\/database\.yml/);
    expect(demo.stdout).not.toContain('No credentials found');
    expect(demo.stdout).toMatch(/blastradius [\d.]+ — 6 files/);
    // The README's tarball commands are these.
    expect(manifest.filename).toBe(`blastradius-${packageVersion()}.tgz`);
    expect(README).toContain('npm ci && npm run compile && npm pack');
    expect(README).toContain(`npm install -g ./${manifest.filename}`);
  });

  it('installs from a git tag (npm install -g git+file://…#vX) with no build tools on PATH', { timeout: INSTALL_TIMEOUT }, async () => {
    const home = join(work, 'git-home');
    mkdirSync(home, { recursive: true });
    const env = npmEnv(home, registry.url);
    expect(spawnSync('sh', ['-c', 'command -v tsc'], { env }).status, 'tsc must not be on the installer PATH').not.toBe(0);
    const release = releaseRepository(join(work, 'git-upstream'), env);
    const prefix = join(work, 'git-prefix');
    const installed = await runAsync('npm', ['install', '--global', '--prefix', prefix, `git+file://${release.dir}#${release.tag}`], {
      cwd: work,
      env,
      timeoutMs: INSTALL_TIMEOUT,
    });
    expect(installed.status, `${installed.stderr}\n${missingTarballs()}`).toBe(0);
    const version = await runAsync(join(prefix, 'bin', 'blastradius'), ['--version'], { cwd: work, env });
    expect(version.stdout.trim()).toContain(packageVersion());
    // The README's command is this one, with GitHub's URL for the file:// one.
    expect(README).toContain(`npm install -g git+https://github.com/OWNER/blastradius.git#${release.tag}`);
  });
});
