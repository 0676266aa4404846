import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openRepository } from '../src/git/git.js';
import { scanHistory, segmentArgs, type HistoryScanOptions } from '../src/git/scan-history.js';
import { rulesFor } from '../src/rules/builtin.js';
import { makeRepo, type TestRepo } from './helpers/git.js';
import { TOKENS } from './helpers/workspace.js';

// `--git-history` splits the commits between several `git log` processes (--skip/--max-count) and
// applies what they found in the order one git prints it: the report must not change.
const repos: TestRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

/** Fourteen commits: the same token in an old and a new commit, a binary file changed three times, an allowed line, a token removed later. */
function history(): TestRepo {
  const r = makeRepo({ 'README.md': '# app\n' });
  repos.push(r);
  const commit = (message: string) => {
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', message]);
  };
  r.write('a.env', `GITHUB_TOKEN=${TOKENS.githubClassic}\n`);
  commit('a: token');
  r.write('logo.bin', Buffer.from([0, 1, 2, 3, 0, 5]));
  commit('binary 1');
  r.write('settings.py', `AWS_ACCESS_KEY_ID = "${TOKENS.awsKeyId}"\nAWS_SECRET_ACCESS_KEY = "${TOKENS.awsSecret}"\n`);
  commit('aws');
  for (let i = 0; i < 4; i++) {
    r.write(`src/m${i}.ts`, `export const m${i} = ${i};\n`);
    commit(`module ${i}`);
  }
  r.write('logo.bin', Buffer.from([0, 9, 9, 9, 0, 5]));
  commit('binary 2');
  r.write('allowed.env', `STRIPE_KEY=${TOKENS.stripe} # blastradius:allow\n`);
  commit('allowed');
  r.write('a.env', 'GITHUB_TOKEN=\n');
  commit('a: removed');
  r.write('b.env', `GITHUB_TOKEN=${TOKENS.githubClassic}\nOTHER=${TOKENS.githubClassic2}\n`);
  commit('b: same token again, and another');
  r.write('logo.bin', Buffer.from([0, 7, 7, 7, 0, 5]));
  commit('binary 3');
  r.write('db.env', `DATABASE_URL=${TOKENS.postgresUrl}\n`);
  commit('database');
  return r;
}

function options(r: TestRepo, segments: number | 'ends'): HistoryScanOptions {
  return {
    repo: openRepository(r.dir, r.env),
    rules: rulesFor(),
    revisions: ['--all'],
    maxFileSize: 10 * 1024 * 1024,
    label: '.',
    segments,
  };
}

const comparable = (result: Awaited<ReturnType<typeof scanHistory>>) => ({ ...result, durationMs: 0 });

describe('--git-history over several git processes', () => {
  it('splits the commits into consecutive runs, the last one open-ended', () => {
    const r = history();
    expect(segmentArgs(options(r, 3), 3)).toEqual([['--skip=0', '--max-count=5'], ['--skip=5', '--max-count=5'], ['--skip=10']]);
    expect(segmentArgs(options(r, 1), 1)).toEqual([[]]);
    // A user's own log options may interact with --skip (a --max-count, --reverse): one git.
    expect(segmentArgs({ ...options(r, 3), logOptions: ['--reverse'] }, 3)).toEqual([[]]);
  });

  it('gives the same report with 1, 2, 3 and 14 segments, and read from both ends', async () => {
    const r = history();
    const one = comparable(await scanHistory(options(r, 1)));
    // The history has what the test means to compare: a token at two commits; a
    // binary file reported once; an allowed line counted.
    const github = one.tokens.find((t) => t.locations.some((l) => l.file === 'a.env'));
    expect(github?.locations.map((l) => l.file).sort()).toEqual(['a.env', 'b.env']);
    expect(one.tokens).toHaveLength(4);
    expect(one.skipped.map((s) => s.file)).toEqual(['logo.bin']);
    expect(one.allowedInline).toBe(1);
    for (const segments of [2, 3, 14, 'ends'] as const) expect(comparable(await scanHistory(options(r, segments))), String(segments)).toEqual(one);
  });

  it('read from both ends: every commit once, in one git order, on branches, a merge and dates out of order', async () => {
    // 400 commits on main, a branch of 60 whose committer dates run backwards (older than their
    // parents), merged back; tokens near both ends and in the middle, a binary file changed on both sides.
    const r = makeRepo({ 'README.md': '# app\n' });
    repos.push(r);
    const stream: string[] = [];
    const commit = (ref: string, mark: number, time: number, from: string | undefined, files: string[], merge?: string) =>
      stream.push(
        `commit ${ref}\nmark :${mark}\ncommitter T <t@example.com> ${time} +0000\ndata <<EOF\nc${mark}\nEOF\n${from ? `from ${from}\n` : ''}${merge ? `merge ${merge}\n` : ''}${files.join('\n')}\n`,
      );
    const file = (path: string, text: string) => `M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}`;
    const base = 1_700_000_000;
    for (let i = 1; i <= 400; i++) {
      const files = [file(`src/m${i % 37}.ts`, `export const v = ${i};\n`)];
      if (i === 3) files.push(file('first.env', `GITHUB_TOKEN=${TOKENS.githubClassic}\n`));
      if (i === 200) files.push(file('middle.env', `OTHER=${TOKENS.githubClassic2}\n`));
      if (i === 399) files.push(file('last.env', `GITHUB_TOKEN=${TOKENS.githubClassic}\n`));
      if (i % 50 === 0) files.push(`M 100644 inline logo.bin\ndata 4\n\u0000${String.fromCharCode(65 + (i % 26))}\u0000x`);
      commit('refs/heads/main', i, base + i * 60, i === 1 ? undefined : `:${i - 1}`, files);
    }
    for (let i = 1; i <= 60; i++) {
      const files = [file(`side/s${i % 7}.py`, `VALUE = ${i}\n`)];
      if (i === 30) files.push(file('side/.env', `AWS_ACCESS_KEY_ID=${TOKENS.awsKeyId}\nAWS_SECRET_ACCESS_KEY=${TOKENS.awsSecret}\n`));
      if (i === 45) files.push('M 100644 inline logo.bin\ndata 4\n\u0000S\u0000y');
      commit('refs/heads/side', 1000 + i, base + 100 * 60 - i * 97, i === 1 ? ':100' : `:${1000 + i - 1}`, files);
    }
    commit('refs/heads/main', 2000, base + 401 * 60, ':400', [file('merged.txt', 'merged\n')], ':1060');
    r.git(['update-ref', '-d', 'refs/heads/main']);
    const imported = spawnSync('git', ['fast-import', '--quiet'], { cwd: r.dir, env: r.env, input: stream.join('') });
    expect(imported.status, imported.stderr?.toString()).toBe(0);
    r.git(['reset', '-q', '--hard', 'main']);
    const one = comparable(await scanHistory(options(r, 1)));
    expect(one.tokens).toHaveLength(3); // first.env and last.env hold the same token
    expect(one.tokens.flatMap((t) => t.locations.map((l) => l.file)).sort()).toEqual(['first.env', 'last.env', 'middle.env', 'side/.env']);
    expect(one.files).toBeGreaterThan(460);
    // The two gits meet wherever their speeds take them: several runs, one report.
    for (let run = 0; run < 3; run++) expect(comparable(await scanHistory(options(r, 'ends')))).toEqual(one);
  });

  it('keeps the first-seen reason of a file skipped in several segments', async () => {
    const r = history();
    const one = await scanHistory(options(r, 1));
    const many = await scanHistory(options(r, 14));
    expect(many.skipped).toEqual(one.skipped);
    // The newest commit that changed it (git log prints newest first).
    const newest = r.git(['log', '-1', '--format=%H', '--', 'logo.bin']).stdout.trim();
    expect(one.skipped[0].reason).toContain(newest.slice(0, 12));
  });
});
