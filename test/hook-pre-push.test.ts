import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRepo, type TestRepo } from './helpers/git.js';
import { TOKENS } from './helpers/workspace.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A repository with an `origin` (a bare repository on disk) and the pre-push hook installed. */
async function withRemote(): Promise<TestRepo> {
  const r = makeRepo({ 'README.md': '# app\n' });
  cleanups.push(() => r.cleanup());
  const bare = mkdtempSync(join(tmpdir(), 'blastradius-remote-'));
  cleanups.push(() => rmSync(bare, { recursive: true, force: true }));
  r.git(['init', '-q', '--bare', bare]);
  r.git(['remote', 'add', 'origin', bare]);
  r.git(['push', '-q', 'origin', 'main']);
  const installed = await r.cli(['hook', 'install', '--pre-push']);
  expect(installed.exitCode, installed.stderr).toBe(0);
  return r;
}

const push = (r: TestRepo, ...args: string[]) => r.git(['push', '-q', 'origin', ...args], { allowFailure: true });

describe('the pre-push hook: what a push would publish', () => {
  it('blocks a push whose commits add a secret, names the commit, and lets a clean push through', async () => {
    const r = await withRemote();
    expect(readFileSync(join(r.dir, '.git', 'hooks', 'pre-push'), 'utf8')).toContain('hook run --pre-push --offline');
    r.write('deploy.sh', `export GITHUB_TOKEN=${TOKENS.githubClassic}\n`);
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'leak', '--no-verify']);
    const leak = r.git(['rev-parse', 'HEAD']).stdout.trim();
    // The secret is removed again before the push: it is still in the history the push publishes.
    r.write('deploy.sh', 'export GITHUB_TOKEN="$(vault read gh)"\n');
    r.git(['commit', '-q', '-am', 'remove', '--no-verify']);
    const blocked = push(r, 'main');
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain('push blocked — the commits it would publish add 1 secret');
    expect(blocked.stderr).toContain(`deploy.sh:1:21@${leak.slice(0, 12)}`);
    expect(blocked.stderr).not.toContain(TOKENS.githubClassic);
    expect(push(r, '--no-verify', 'main').status).toBe(0);
    r.write('notes.txt', 'nothing secret\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'clean', '--no-verify']);
    expect(push(r, 'main')).toMatchObject({ status: 0, stderr: '' });
  });

  it('a new branch is judged by the commits no remote has yet; a secret already on the remote does not block', async () => {
    const r = await withRemote();
    r.write('old.env', `GITHUB_TOKEN=${TOKENS.githubClassic2}\n`);
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'old leak', '--no-verify']);
    expect(push(r, '--no-verify', 'main').status).toBe(0);
    r.git(['checkout', '-q', '-b', 'feature']);
    r.write('app.txt', 'feature\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'feature', '--no-verify']);
    expect(push(r, 'feature')).toMatchObject({ status: 0 });
    r.write('new.env', `GITHUB_TOKEN=${TOKENS.githubClassic}\n`);
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'new leak', '--no-verify']);
    r.git(['checkout', '-q', '-b', 'another']);
    const blocked = push(r, 'another');
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain('new.env:1:14');
    expect(blocked.stderr).not.toContain('old.env');
  });

  it('uninstall --pre-push removes only that hook', async () => {
    const r = await withRemote();
    const removed = await r.cli(['hook', 'uninstall', '--pre-push']);
    expect(removed.stdout).toBe('removed the blastradius pre-push hook\n');
    expect((await r.cli(['hook', 'uninstall'])).stdout).toBe('no pre-commit hook installed: nothing to remove\n');
  });
});

describe('the hooks honour the project config’s paths.exclude', () => {
  it('a secret in an excluded path neither blocks a commit nor a push', async () => {
    const r = await withRemote();
    r.write('blastradius.yaml', 'paths:\n  exclude: ["vendor/**"]\n');
    r.write('vendor/lib/test.env', `GITHUB_TOKEN=${TOKENS.githubClassic}\n`);
    r.git(['add', '-A']);
    const run = r.bin(['hook', 'run', '--offline']);
    expect(run, run.stderr).toMatchObject({ status: 0 });
    r.git(['commit', '-q', '-m', 'vendored', '--no-verify']);
    expect(push(r, 'main')).toMatchObject({ status: 0 });
    r.write('app.env', `GITHUB_TOKEN=${TOKENS.githubClassic2}\n`);
    r.git(['add', '-A']);
    expect(r.bin(['hook', 'run', '--offline']).status).toBe(1);
  });
});
