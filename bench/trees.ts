/**
 * The trees the scan bench reads, besides the generated one (bench/corpus.ts):
 *   real: a real node_modules (`npm install` of the packages a user measured), built once in a cache
 *         folder outside the repository (~/.cache/blastradius-bench) and reused across runs;
 *   own:  this repository's own node_modules (mixed real source: TypeScript, the AWS SDK, React...).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The packages of the user's measurement (issue 16): 187 MB, about 8,000 files. */
export const REAL_PACKAGES = ['typescript@5', '@aws-sdk/client-s3', '@aws-sdk/client-iam', '@octokit/rest', 'googleapis@144', 'lodash', 'react-dom@19'];

export function benchCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'blastradius-bench');
}

/** The real node_modules tree, installed on first use (needs the npm registry once); undefined when it cannot be built. */
export function realTree(): { dir: string; note?: string } | undefined {
  const dir = join(benchCacheDir(), 'real');
  if (existsSync(join(dir, 'node_modules', 'typescript', 'package.json'))) return { dir };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'blastradius-bench-real-tree', private: true }));
  console.log(`installing the real tree into ${dir}: npm install ${REAL_PACKAGES.join(' ')}`);
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...REAL_PACKAGES], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0) {
    console.log(`real tree: npm install failed (${result.status}): ${(result.stderr || result.stdout).trim().split('\n').slice(-2).join(' ')}`);
    return undefined;
  }
  return { dir };
}

/** Files and bytes under a directory (what a scan with --include-node-modules reads, .git aside). */
export function treeSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const pending = [dir];
  while (pending.length) {
    const current = pending.pop()!;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile()) {
        files++;
        bytes += statSync(path).size;
      }
    }
  }
  return { files, bytes };
}
