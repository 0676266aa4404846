import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { packageRoot } from '../../src/core/paths.js';

export interface Ran {
  status: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs a command without blocking the event loop (the fake npm registry answers from this
 * process), with a deadline; never throws on a non-zero exit.
 */
export function runAsync(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Ran> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 240_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ status: code ?? (signal ? 128 : -1), stdout, stderr, ms: Math.round(performance.now() - started) });
    });
  });
}

/** PATH without any node_modules/.bin (npm test puts this repository's there, with tsc): an installer must not find build tools. */
export function pathWithoutBuildTools(path = process.env.PATH ?? ''): string {
  return path
    .split(delimiter)
    .filter((dir) => dir && !/[\\/]node_modules[\\/]\.bin$/.test(dir))
    .join(delimiter);
}

/** The version package.json declares (the tag is v<version>). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** Copies this work tree as it is now (tracked and new files, not ignored ones: no dist/, no node_modules/) into `dir`. */
export function copyWorkTree(dir: string): void {
  const root = packageRoot();
  mkdirSync(dir, { recursive: true });
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed in ${root}: ${listed.stderr}`);
  for (const path of new Set(listed.stdout.split('\0').filter(Boolean))) {
    const source = join(root, path);
    if (!existsSync(source) || !lstatSync(source).isFile()) continue; // deleted in the work tree, or a symlink / submodule
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    copyFileSync(source, join(dir, path));
  }
}

/**
 * A fresh git repository holding this work tree as it is now (tracked and new files, not
 * ignored ones) plus the dist/ that `npm test` compiled, tagged by .ci/tag-release exactly as a
 * release is: what pre-commit and `npm install git+…` fetch. Returns the repository and the tag.
 */
export function releaseRepository(into: string, env: NodeJS.ProcessEnv): { dir: string; tag: string } {
  const root = packageRoot();
  const dir = join(into, 'blastradius');
  copyWorkTree(dir);
  if (!existsSync(join(root, 'dist', 'src', 'bin', 'blastradius.js'))) throw new Error('dist/ is missing: npm test compiles it first (npm run compile)');
  cpSync(join(root, 'dist', 'src'), join(dir, 'dist', 'src'), { recursive: true });
  const git = (args: string[]) => {
    const result = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };
  git(['init', '-q']);
  git(['symbolic-ref', 'HEAD', 'refs/heads/main']);
  for (const [key, value] of Object.entries({ 'user.name': 'Release', 'user.email': 'release@example.com', 'commit.gpgsign': 'false', 'tag.gpgsign': 'false' }))
    git(['config', key, value]);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'the work tree under test', '--no-verify']);
  const version = packageVersion();
  const tagged = spawnSync('bash', [join(dir, '.ci', 'tag-release'), version, '--prebuilt'], { cwd: dir, env, encoding: 'utf8' });
  if (tagged.status !== 0) throw new Error(`.ci/tag-release failed: ${tagged.stderr}${tagged.stdout}`);
  return { dir, tag: `v${version}` };
}
