import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/core/paths.js';
import { BIN, commit, commitCount, makeRepo, type TestRepo } from './helpers/git.js';
import { TOKENS } from './helpers/workspace.js';

const repos: TestRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

function repo(files?: Record<string, string | Buffer>): TestRepo {
  const r = makeRepo(files);
  repos.push(r);
  return r;
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: the hook tests run the compiled CLI (npm run compile first)`);
});

const GH = TOKENS.githubClassic;

async function installed(files?: Record<string, string>, args: string[] = []): Promise<TestRepo> {
  const r = repo(files);
  const result = await r.cli(['hook', 'install', ...args]);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return r;
}

describe('the installed pre-commit hook (real git commit)', () => {
  it('refuses a commit that adds a token, printing it redacted with file:line and the ways forward', async () => {
    const r = await installed();
    r.write('config/app.env', `DEBUG=1\nGITHUB_TOKEN=${GH}\n`);
    r.git(['add', '-A']);
    const before = commitCount(r);
    const result = commit(r, 'add config');
    expect(result.status).not.toBe(0);
    expect(commitCount(r)).toBe(before);
    expect(result.stderr).toContain('commit blocked — it adds 1 secret');
    expect(result.stderr).toContain('ghp_…hYLU');
    expect(result.stderr).toContain('config/app.env:2:14');
    expect(result.stderr).toContain('blastradius:allow');
    // `blastradius` is not on this test's PATH: the message names the node and the bin that run.
    expect(result.stderr).toContain(`${process.execPath} ${BIN} baseline --staged`);
    expect(result.stderr + result.stdout).not.toContain(GH);
  });

  it('lets the same commit through once the line carries blastradius:allow', async () => {
    const r = await installed();
    r.write('config/app.env', `DEBUG=1\nGITHUB_TOKEN=${GH} # blastradius:allow (revoked test token)\n`);
    r.git(['add', '-A']);
    const result = commit(r, 'add config');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('lets the same commit through once the token is baselined with `baseline --staged`', async () => {
    const r = await installed();
    r.write('config/app.env', `GITHUB_TOKEN=${GH}\n`);
    r.git(['add', '-A']);
    expect(commit(r, 'first try').status).not.toBe(0);
    const baselined = await r.cli(['baseline', '--staged', '--offline']);
    expect(baselined.exitCode).toBe(0);
    expect(readFileSync(join(r.dir, '.blastradius-baseline.json'), 'utf8')).not.toContain(GH);
    r.git(['add', '.blastradius-baseline.json']);
    const result = commit(r, 'second try');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('does not block a commit for a secret that was already committed in the file it changes', async () => {
    const r = await installed({ '.env': `GITHUB_TOKEN=${GH}\nA=1\n` });
    r.write('.env', `GITHUB_TOKEN=${GH}\nA=2\n`);
    r.git(['add', '-A']);
    const result = commit(r, 'edit');
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('1 secret was already committed in the files you changed');
  });

  it('checks what `git commit -a` and `git commit PATH` commit (git passes their temporary index)', async () => {
    const r = await installed({ 'app.env': 'A=1\n', 'other.env': 'B=1\n' });
    r.write('app.env', `A=1\nGITHUB_TOKEN=${GH}\n`);
    const all = commit(r, 'all', ['-a']);
    expect(all.status).not.toBe(0);
    expect(all.stderr).toContain('app.env:2:14');
    const partial = commit(r, 'partial', ['--', 'app.env']);
    expect(partial.status).not.toBe(0);
    expect(partial.stderr).toContain('app.env:2:14');
    r.write('other.env', 'B=2\n');
    expect(commit(r, 'other only', ['--', 'other.env']).status).toBe(0);
  });

  it('respects core.hooksPath', async () => {
    const r = repo();
    r.git(['config', 'core.hooksPath', '.githooks']);
    expect((await r.cli(['hook', 'install'])).exitCode).toBe(0);
    expect(existsSync(join(r.dir, '.githooks', 'pre-commit'))).toBe(true);
    expect(statSync(join(r.dir, '.githooks', 'pre-commit')).mode & 0o111).not.toBe(0);
    // A committed hooks directory is shared: no path of this machine in it; this clone's are in .git/config.
    const script = readFileSync(join(r.dir, '.githooks', 'pre-commit'), 'utf8');
    expect(script).not.toContain(BIN);
    expect(script).not.toContain(process.execPath);
    expect(r.git(['config', '--get', 'blastradius.bin']).stdout.trim()).toBe(BIN);
    r.write('.env', `GITHUB_TOKEN=${GH}\n`);
    r.git(['add', '.env']);
    const blocked = commit(r, 'leak');
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain('commit blocked');
  });

  it('a hook in .git/hooks records this machine’s paths in the hook itself (nothing else can read them)', async () => {
    const r = await installed();
    expect(readFileSync(join(r.dir, '.git', 'hooks', 'pre-commit'), 'utf8')).toContain(BIN);
    expect(r.git(['config', '--get', 'blastradius.bin'], { allowFailure: true }).stdout).toBe('');
  });

  it('works on a detached HEAD', async () => {
    const r = await installed();
    r.git(['checkout', '-q', '--detach']);
    r.write('.env', `GITHUB_TOKEN=${GH}\n`);
    r.git(['add', '.env']);
    expect(commit(r, 'leak').status).not.toBe(0);
    r.write('.env', 'GITHUB_TOKEN=\n');
    r.git(['add', '.env']);
    expect(commit(r, 'clean').status).toBe(0);
  });

  it('an empty commit (nothing staged) passes: exit 0', async () => {
    const r = await installed();
    expect(r.bin(['hook', 'run', '--offline'])).toMatchObject({ status: 0, stderr: '' });
    expect(commit(r, 'empty', ['--allow-empty']).status).toBe(0);
  });

  it('a merge commit: a secret the merged branch already has does not block, one added in the resolution does', async () => {
    const r = await installed({ 'a.txt': 'base\n' });
    r.git(['checkout', '-q', '-b', 'feature']);
    r.write('a.txt', 'feature\n');
    r.write('feature.env', `GITHUB_TOKEN=${GH}\n`);
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'feature', '--no-verify']);
    r.git(['checkout', '-q', 'main']);
    r.write('a.txt', 'main\n');
    r.git(['commit', '-q', '-am', 'main', '--no-verify']);
    expect(r.git(['merge', '-q', 'feature'], { allowFailure: true }).status).not.toBe(0); // conflict on a.txt
    r.write('a.txt', `resolved\nGITHUB_TOKEN=${TOKENS.githubClassic2}\n`);
    r.git(['add', 'a.txt']);
    const blocked = commit(r, 'merge', ['--no-edit']);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain('a.txt:2:14');
    expect(blocked.stderr).not.toContain('feature.env');
    r.write('a.txt', 'resolved\n');
    r.git(['add', 'a.txt']);
    expect(commit(r, 'merge', ['--no-edit']).status).toBe(0);
    expect(r.git(['rev-list', '--parents', '-n', '1', 'HEAD']).stdout.trim().split(' ')).toHaveLength(3);
  });
});

// A crash of the CLI itself: test/helpers/simulate-crash.mjs, preloaded into the hook's node, makes its first git call throw.
const CRASH = { NODE_OPTIONS: `--import=${pathToFileURL(join(packageRoot(), 'test', 'helpers', 'simulate-crash.mjs')).href}` };

describe('fail-closed and fail-open (a preloaded module simulates a crash)', () => {
  it('by default a crash of the tool blocks the commit and says why', async () => {
    const r = await installed();
    r.write('clean.txt', 'nothing secret\n');
    r.git(['add', '-A']);
    const result = commit(r, 'clean', [], CRASH);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('internal error: simulated crash');
    expect(result.stderr).toContain('the commit was blocked: the check could not run, and the hook fails closed');
    expect(result.stderr).toContain('git commit --no-verify');
  });

  it('with --fail-open a crash lets the commit through with a warning', async () => {
    const r = await installed({}, ['--fail-open']);
    r.write('clean.txt', 'nothing secret\n');
    r.git(['add', '-A']);
    const result = commit(r, 'clean', [], CRASH);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('WARNING: the commit goes through UNCHECKED');
  });

  it('a hook whose CLI has vanished blocks (fail-closed) with a message', async () => {
    const r = await installed();
    const hook = join(r.dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, readFileSync(hook, 'utf8').replace(/^blastradius_bin=.*$/m, "blastradius_bin='/nonexistent/blastradius.js'"));
    r.write('clean.txt', 'x\n');
    r.git(['add', '-A']);
    const result = commit(r, 'clean', [], { PATH: '/usr/bin:/bin' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('cannot find blastradius');
  });
});

describe('bad input', () => {
  it('not a git repository: hook run and hook install exit 2 with a clear message', async () => {
    const r = repo();
    const outside = join(r.home, 'plain');
    mkdirSync(outside);
    const run = await r.cli(['hook', 'run'], {}, outside);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`not a git repository: ${outside}`);
    expect(run.stderr).toContain('fails closed');
    const install = await r.cli(['hook', 'install'], {}, outside);
    expect(install.exitCode).toBe(2);
    expect(install.stderr).toBe(
      `blastradius: not a git repository: ${outside} (run it inside a git work tree, or scan plain files with \`blastradius scan PATH\`)\n`,
    );
  });

  it('a missing baseline file is a clear message, exit 2 (the commit is blocked)', async () => {
    const r = repo();
    r.write('a.txt', 'x\n');
    r.git(['add', '-A']);
    const result = await r.cli(['hook', 'run', '--baseline', 'nope.json']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^blastradius hook: baseline .*nope\.json: file not found/);
  });

  it('binary and huge staged files are skipped and said so', async () => {
    const r = repo();
    r.write('logo.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), Buffer.from(`GITHUB_TOKEN=${GH}\n`)]));
    const dump = `-- ${'x'.repeat(4096)}\nGITHUB_TOKEN=${GH}\n`;
    r.write('dump.sql', dump);
    r.git(['add', '-A']);
    const result = await r.cli(['hook', 'run', '--max-file-size', '2KB']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe(`blastradius: not checked: dump.sql (larger than --max-file-size (${Buffer.byteLength(dump)} bytes)), logo.png (binary)\n`);
  });
});

describe('hook install / uninstall', () => {
  const FOREIGN = '#!/bin/sh\necho foreign hook ran >&2\nexit 0\n';

  it('refuses to overwrite a foreign hook without --force (exit 2) and leaves it intact', async () => {
    const r = repo();
    const hook = join(r.dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, FOREIGN, { mode: 0o755 });
    const result = await r.cli(['hook', 'install']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('a pre-commit hook that blastradius did not write already exists');
    expect(result.stderr).toContain('--chain');
    expect(readFileSync(hook, 'utf8')).toBe(FOREIGN);
  });

  it('--chain keeps the foreign hook, runs it first, and uninstall puts it back', async () => {
    const r = repo();
    const hook = join(r.dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, FOREIGN, { mode: 0o755 });
    expect((await r.cli(['hook', 'install', '--chain'])).exitCode).toBe(0);
    expect(readFileSync(join(r.dir, '.git', 'hooks', 'pre-commit.local'), 'utf8')).toBe(FOREIGN);
    r.write('.env', `GITHUB_TOKEN=${GH}\n`);
    r.git(['add', '-A']);
    const result = commit(r, 'leak');
    expect(result.stderr).toContain('foreign hook ran');
    expect(result.status).not.toBe(0);
    expect((await r.cli(['hook', 'install'])).stdout).toContain('updated');
    expect(readFileSync(hook, 'utf8')).toContain('chained=pre-commit.local');
    const removed = await r.cli(['hook', 'uninstall']);
    expect(removed.stdout).toContain('your chained hook is back');
    expect(readFileSync(hook, 'utf8')).toBe(FOREIGN);
  });

  it('--force replaces a foreign hook and keeps a copy', async () => {
    const r = repo();
    const hook = join(r.dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, FOREIGN, { mode: 0o755 });
    expect((await r.cli(['hook', 'install', '--force'])).exitCode).toBe(0);
    expect(readFileSync(hook, 'utf8')).toContain('# blastradius-hook');
    expect(readFileSync(`${hook}.blastradius-backup`, 'utf8')).toBe(FOREIGN);
  });

  it('uninstall removes only its own hook', async () => {
    const r = repo();
    const hook = join(r.dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, FOREIGN, { mode: 0o755 });
    const foreign = await r.cli(['hook', 'uninstall']);
    expect(foreign.stdout).toContain('was not installed by blastradius: left alone');
    expect(readFileSync(hook, 'utf8')).toBe(FOREIGN);
    const own = repo();
    await own.cli(['hook', 'install']);
    expect((await own.cli(['hook', 'uninstall'])).stdout).toContain('removed the blastradius pre-commit hook');
    expect(existsSync(join(own.dir, '.git', 'hooks', 'pre-commit'))).toBe(false);
  });
});
