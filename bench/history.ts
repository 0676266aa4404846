/**
 * `scan --git-history` beside `git log -p --all -U0` on the same repository (the floor: git's own
 * diff of every commit). The repository is a synthetic history of 5,000 commits with source-like
 * diffs (built once with git fast-import into ~/.cache/blastradius-bench, no network), or any
 * repository given with --history-repo (a clone of expressjs/express, for instance).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleGithubToken } from './sample-token.js';
import { prng } from './corpus.js';
import { benchCacheDir } from './trees.js';

const COMMITS = 5000;
const FILES = 400;
const NOUNS =
  'user order invoice session request response handler router config cache queue worker token account project build release deploy metric report'.split(' ');
const VERBS = 'get set load save parse render validate format fetch create update remove list find merge check'.split(' ');

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1' };
  for (const key of Object.keys(env)) if (key.startsWith('GIT_') && key !== 'GIT_CONFIG_NOSYSTEM') delete env[key];
  delete env.MALLOC_TRIM_THRESHOLD_; // git as a user runs it: the scanner sets its own (src/git/git.ts)
  return env;
}

/** A synthetic repository: 400 source files edited over 5,000 commits (a few lines added, changed or removed each). */
export function historyRepository(): string {
  const dir = join(benchCacheDir(), `history-${COMMITS}`);
  if (existsSync(join(dir, '.git', 'blastradius-bench-ready'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const random = prng(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const line = () => {
    const name = `${pick(VERBS)}${pick(NOUNS)[0].toUpperCase()}${pick(NOUNS).slice(1)}`;
    return random() < 0.5
      ? `export function ${name}(input, options = {}) { return ${pick(VERBS)}(input, { ...options, retries: ${Math.floor(random() * 9)} }); }`
      : `  const ${pick(NOUNS)}${Math.floor(random() * 100)} = await ${name}(${pick(NOUNS)}, '${pick(NOUNS)}-${Math.floor(random() * 1e4)}');`;
  };
  const files: string[][] = Array.from({ length: FILES }, () => Array.from({ length: 40 + Math.floor(random() * 120) }, line));
  const token = sampleGithubToken();
  const chunks: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  for (let c = 0; c < COMMITS; c++) {
    const touched = new Set<number>();
    const count = 1 + Math.floor(random() * 3);
    while (touched.size < count) touched.add(Math.floor(random() * FILES));
    const edits: string[] = [];
    for (const f of touched) {
      const lines = files[f];
      for (let e = 0; e < 1 + Math.floor(random() * 6); e++) {
        const at = Math.floor(random() * lines.length);
        const kind = random();
        if (kind < 0.5) lines.splice(at, 0, line());
        else if (kind < 0.8) lines[at] = line();
        else if (lines.length > 20) lines.splice(at, 1);
      }
      // Two commits in the history leak a credential (and a later one removes it).
      if (c === 1234 || c === 3999) lines.splice(5, 0, `const GITHUB_TOKEN = "${token}";`);
      if (c === 1300) files.forEach((l) => l.splice(0, l.length, ...l.filter((x) => !x.includes('GITHUB_TOKEN'))));
      edits.push(`M 100644 inline src/${NOUNS[f % NOUNS.length]}/module-${f}.js\n${data(`${lines.join('\n')}\n`)}`);
    }
    const when = 1_600_000_000 + c * 3600;
    chunks.push(`commit refs/heads/main\ncommitter Bench <bench@example.com> ${when} +0000\n${data(`change ${c}`)}${edits.join('')}\n`);
  }
  run(dir, ['init', '-q', '-b', 'main']);
  const result = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, env: gitEnv(), input: chunks.join(''), maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`git fast-import failed: ${result.stderr}`);
  run(dir, ['reset', '-q', '--hard', 'main']);
  writeFileSync(join(dir, '.git', 'blastradius-bench-ready'), '');
  return dir;
}

function run(dir: string, args: string[]): void {
  const result = spawnSync('git', args, { cwd: dir, env: gitEnv(), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args[0]} failed: ${result.stderr}`);
}

export function commitCount(dir: string): number {
  const result = spawnSync('git', ['rev-list', '--all', '--count'], { cwd: dir, env: gitEnv(), encoding: 'utf8' });
  return Number(result.stdout.trim());
}

export { gitEnv };
