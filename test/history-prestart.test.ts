import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitEnvironment, openRepository } from '../src/git/git.js';
import { prestartHistory, releaseHistory, takeHistory } from '../src/git/history-prestart.js';
import { gitsStarted } from '../src/git/running-git.js';
import { scanHistory } from '../src/git/scan-history.js';
import { rulesFor } from '../src/rules/builtin.js';
import { makeRepo, type TestRepo } from './helpers/git.js';
import { TOKENS } from './helpers/workspace.js';

// `scan --git-history` starts its git log processes before the scan loads (src/git/history-prestart.ts);
// the scan adopts them only when it would run the very same commands, and the report never changes.
const COMMITS = 520;
let repo: TestRepo;

beforeAll(() => {
  repo = makeRepo();
  const stream: string[] = [];
  let lines = '';
  for (let i = 1; i <= COMMITS; i++) {
    lines += `line ${i}\n`;
    const files = [`M 100644 inline notes.txt\ndata ${Buffer.byteLength(lines)}\n${lines}`];
    if (i === 100) files.push(`M 100644 inline a.env\ndata <<EOF\nGITHUB_TOKEN=${TOKENS.githubClassic}\nEOF`);
    if (i === 400) files.push(`M 100644 inline b.env\ndata <<EOF\nOTHER=${TOKENS.githubClassic2}\nEOF`);
    if (i === 450) files.push('D a.env');
    stream.push(
      `commit refs/heads/main\nmark :${i}\ncommitter T <t@example.com> ${1700000000 + i} +0000\ndata <<EOF\nc${i}\nEOF\n${i === 1 ? '' : `from :${i - 1}\n`}${files.join('\n')}\n`,
    );
  }
  repo.git(['update-ref', '-d', 'refs/heads/main']);
  const imported = spawnSync('git', ['fast-import', '--quiet'], { cwd: repo.dir, env: repo.env, input: stream.join('') });
  expect(imported.status, imported.stderr?.toString()).toBe(0);
  repo.git(['reset', '-q', '--hard', 'main']);
});
afterAll(() => repo.cleanup());

interface JsonToken {
  id: string;
  locations: { file: string; line: number; commit?: string; removedAtHead?: boolean }[];
}

async function cliTokens(args: string[]): Promise<JsonToken[]> {
  const result = await repo.cli(['scan', '--git-history', '--offline', '--format', 'json', '--no-baseline', ...args]);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return (JSON.parse(result.stdout).tokens as JsonToken[]).map(({ id, locations }) => ({ id, locations }));
}

async function directTokens(): Promise<JsonToken[]> {
  const r = openRepository(repo.dir, repo.env);
  const result = await scanHistory({ repo: r, rules: rulesFor(), revisions: ['--all'], maxFileSize: 1 << 20, label: '.', segments: 1 });
  return result.tokens.map((t) => ({
    id: t.id,
    locations: t.locations.map(({ file, line, commit, removedAtHead }) => ({ file, line, commit, removedAtHead })),
  }));
}

describe('git log started before the history scan loads', () => {
  it.skipIf(availableParallelism() < 2)('the scan adopts the early processes and reports what a scan without them reports', async () => {
    const before = gitsStarted();
    const tokens = await cliTokens([]);
    // Early: the git log of each end; the scan: HEAD's listing, and no git log of its own.
    expect(gitsStarted() - before).toBe(3);
    expect(tokens.map((t) => t.locations.map((l) => `${l.file}:${l.line}:${l.removedAtHead ?? false}`))).toEqual([['a.env:1:true'], ['b.env:1:false']]);
    const direct = await directTokens();
    const where = (list: JsonToken[]) => list.map((t) => [t.id, ...t.locations.map((l) => `${l.file}:${l.line}:${l.commit}:${l.removedAtHead ?? false}`)]);
    expect(where(tokens)).toEqual(where(direct));
  });

  it('processes started for another plan are not adopted: the scan starts its own', async () => {
    prestartHistory(['--git-history', '--offline'], { cwd: repo.home, env: repo.env });
    const before = gitsStarted();
    const tokens = await cliTokens([]);
    expect(tokens).toHaveLength(2);
    // The cli started a fresh early set for this repository and adopted that one: nothing more.
    if (availableParallelism() >= 2) expect(gitsStarted() - before).toBe(3);
  });

  it('a command that stops before it scans leaves no git log behind', async () => {
    const refused = await repo.cli(['scan', '--git-history', '--format', 'nope']);
    expect(refused.exitCode).toBe(2);
    const plan = { cwd: repo.dir, env: gitEnvironment(repo.env), revisions: ['--all'], logOptions: [], pathspecs: [] };
    prestartHistory(['--git-history'], { cwd: repo.dir, env: repo.env });
    const started = takeHistory(plan)?.running ?? [];
    expect(started).toHaveLength(availableParallelism() >= 2 ? 2 : 0);
    for (const git of started) git.kill();
    prestartHistory(['--git-history'], { cwd: repo.dir, env: repo.env });
    releaseHistory();
    expect(takeHistory(plan)).toBeUndefined();
  });

  it('not for forms it cannot predict: --log-opts, --since, --staged, an unknown flag', () => {
    for (const args of [['--git-history', '--log-opts', 'main'], ['--git-history', '--since', 'HEAD~1'], ['--staged'], ['--git-history', '--bogus']]) {
      const before = gitsStarted();
      prestartHistory(args, { cwd: repo.dir, env: repo.env });
      expect(gitsStarted() - before, args.join(' ')).toBe(0);
    }
  });
});
