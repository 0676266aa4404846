import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../src/core/errors.js';
import { parseLogOpts, splitArguments } from '../src/git/log-opts.js';
import { makeRepo, type TestRepo } from './helpers/git.js';
import { makeWorkspace, TOKENS } from './helpers/workspace.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function repo(): TestRepo {
  const r = makeRepo();
  cleanups.push(() => r.cleanup());
  return r;
}

const GH = TOKENS.githubClassic;
const GH2 = TOKENS.githubClassic2;

type Json = { tokens: { locations: { file: string; commit?: string }[] }[]; scan: { roots: string[] } };

async function scanJson(r: TestRepo, args: string[], cwd?: string): Promise<Json> {
  const result = await r.cli(['scan', ...args, '--offline', '--format', 'json'], {}, cwd);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout);
}

const files = (report: Json) => report.tokens.map((t) => t.locations[0].file).sort();

/** main: old.env (2020), then new.env (2024); branch feature: feature.env (2024). */
function historyRepo(): TestRepo {
  const r = repo();
  const at = (date: string) => ({ env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  r.write('old.env', `GITHUB_TOKEN=${GH}\n`);
  r.git(['add', '-A']);
  r.git(['commit', '-q', '-m', 'old', '--no-verify'], at('2020-01-01T00:00:00Z'));
  r.git(['checkout', '-q', '-b', 'feature']);
  r.write('feature.env', `GITHUB_TOKEN=${GH2}\n`);
  r.git(['add', '-A']);
  r.git(['commit', '-q', '-m', 'feature', '--no-verify', '--author', 'Feature Dev <dev@example.test>'], at('2024-06-01T00:00:00Z'));
  r.git(['checkout', '-q', 'main']);
  r.write('new.env', `STRIPE=${TOKENS.stripe}\n`);
  r.git(['add', '-A']);
  r.git(['commit', '-q', '-m', 'new', '--no-verify'], at('2024-06-02T00:00:00Z'));
  return r;
}

describe('--log-opts parsing', () => {
  it('splits on whitespace, honouring quotes and backslashes', () => {
    expect(splitArguments(`main  --since="2024-01-01" --author='Feature Dev' a\\ b ""`)).toEqual([
      'main',
      '--since=2024-01-01',
      '--author=Feature Dev',
      'a b',
      '',
    ]);
    expect(splitArguments(`"it's" 'say "hi"' x\\"y`)).toEqual(["it's", 'say "hi"', 'x"y']);
    expect(() => splitArguments('--author="unterminated')).toThrow(new UsageError('--log-opts: unterminated double quote'));
  });

  it('refuses options that change what git log prints, naming the option', () => {
    for (const [given, named] of [
      ['-p', '-p'],
      ['--format=%H', '--format'],
      ['--pretty', '--pretty'],
      ['--stat', '--stat'],
      ['--name-only', '--name-only'],
      ['-z', '-z'],
      ['--no-patch', '--no-patch'],
      ['--output=x', '--output'],
      ['-U0', '-U'],
      ['main --ext-diff', '--ext-diff'],
      ['-R', '-R'],
    ]) {
      expect(() => parseLogOpts(given), given).toThrow(
        `--log-opts: ${named} changes what git log prints, which the history scan reads; give revisions and limits only`,
      );
    }
    expect(() => parseLogOpts('main -- src')).toThrow('--log-opts: "--" is not accepted; give paths as PATH arguments after the options');
  });

  it('keeps limits and revisions; says whether revisions were chosen', () => {
    expect(parseLogOpts('--since=2024-01-01 --author=ci -Spassword -n 5 --no-merges')).toEqual({
      args: ['--since=2024-01-01', '--author=ci', '-Spassword', '-n', '5', '--no-merges'],
      selectsRevisions: true,
    });
    expect(parseLogOpts('--since=2024-01-01 --no-merges').selectsRevisions).toBe(false);
    expect(parseLogOpts('--branches=release/*').selectsRevisions).toBe(true);
  });
});

describe('history scans with --log-opts', () => {
  it('a branch replaces --all; a range too', async () => {
    const r = historyRepo();
    expect(files(await scanJson(r, ['--git-history']))).toEqual(['feature.env', 'new.env', 'old.env']);
    expect(files(await scanJson(r, ['--log-opts', 'main']))).toEqual(['new.env', 'old.env']);
    expect(files(await scanJson(r, ['--git-history', '--log-opts', 'main~1..feature']))).toEqual(['feature.env']);
  });

  it('a limit alone keeps every ref: --since=DATE, --author', async () => {
    const r = historyRepo();
    expect(files(await scanJson(r, ['--log-opts', '--since=2024-01-01']))).toEqual(['feature.env', 'new.env']);
    expect(files(await scanJson(r, ["--log-opts=--author='Feature Dev'"]))).toEqual(['feature.env']);
    // With --since REV, the options narrow REV..HEAD further.
    const old = r.git(['rev-parse', 'main~1']).stdout.trim();
    expect(files(await scanJson(r, ['--since', old]))).toEqual(['new.env']);
    expect(files(await scanJson(r, ['--since', old, '--log-opts', '--author=nobody']))).toEqual([]);
  });

  it('refused options and --staged are one-line usage errors (exit 2)', async () => {
    const r = historyRepo();
    const refused = await r.cli(['scan', '--log-opts', '-p --stat', '--offline']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toBe(
      'blastradius: --log-opts: -p changes what git log prints, which the history scan reads; give revisions and limits only (a branch, A..B, --since=2024-01-01, --author=...) (run `blastradius --help` for usage)\n',
    );
    const staged = await r.cli(['scan', '--staged', '--log-opts', 'main', '--offline']);
    expect(staged.exitCode).toBe(2);
    expect(staged.stderr).toMatch(/^blastradius: --log-opts applies to history scans \(--git-history, --since\), not to --staged/);
    const unknown = await r.cli(['scan', '--log-opts', 'no-such-branch', '--offline']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/^blastradius: git log failed: .*no-such-branch/);
  });
});

describe('git modes on a repository other than the current directory', () => {
  it('--git-history PATH and --since REV PATH read that repository, from outside any repository', async () => {
    const r = historyRepo();
    const elsewhere = makeWorkspace({ 'README.md': 'not a repository\n' });
    cleanups.push(elsewhere.cleanup);
    const history = await scanJson(r, ['--git-history', r.dir], elsewhere.dir);
    expect(files(history)).toEqual(['feature.env', 'new.env', 'old.env']);
    const old = r.git(['rev-parse', 'main~1']).stdout.trim();
    expect(files(await scanJson(r, ['--since', old, r.dir], elsewhere.dir))).toEqual(['new.env']);
  });

  it('from inside another repository, PATH still wins; a subdirectory PATH limits to it', async () => {
    const here = repo();
    here.write('here.env', `GITHUB_TOKEN=${GH}\n`);
    here.git(['add', '-A']);
    here.git(['commit', '-q', '-m', 'here', '--no-verify']);
    const other = repo();
    other.write('app/config/.env', `STRIPE=${TOKENS.stripe}\n`);
    other.write('docs/.env', `GITHUB_TOKEN=${GH2}\n`);
    other.git(['add', '-A']);
    other.git(['commit', '-q', '-m', 'other', '--no-verify']);
    expect(files(await scanJson(here, ['--git-history']))).toEqual(['here.env']);
    expect(files(await scanJson(here, ['--git-history', other.dir]))).toEqual(['app/config/.env', 'docs/.env']);
    expect(files(await scanJson(here, ['--git-history', `${other.dir}/app`]))).toEqual(['app/config/.env']);
    other.write('staged.env', `GITHUB_TOKEN=${GH}\n`);
    other.git(['add', 'staged.env']);
    expect(files(await scanJson(here, ['--staged', other.dir]))).toEqual(['staged.env']);
  });
});
