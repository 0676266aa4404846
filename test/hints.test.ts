import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Detector } from '../src/detect/detector.js';
import { compileHints, HintFinder } from '../src/detect/hints.js';
import { parseRuleDocument } from '../src/rules/load.js';
import { gitRemoteHints, remoteHost } from '../src/scan/remotes.js';
import { makeWorkspace } from './helpers/workspace.js';

// Rule `hints`: non-secret context near a match (src/detect/hints.ts), and the git remotes of a scan root.
const [rule] = parseRuleDocument(
  {
    provider: 'demo',
    rules: [
      {
        id: 'demo.token',
        description: 'demo token',
        keywords: ['dmo_'],
        pattern: '\\b(dmo_[a-z0-9]{12})\\b',
        hints: [
          { name: 'host', lines: 3, pattern: '\\bHOST=([a-z.]{1,50})' },
          { name: 'url', lines: 0, pattern: 'https://([a-z0-9_.]{1,80})' },
          { name: 'section', lines: 100, before: true, flags: 'm', files: ['**/hosts.yml'], pattern: '^([a-z.]{1,50}):$' },
        ],
        examples: { match: ['x dmo_abcdef123456'], noMatch: ['x'] },
      },
    ],
  },
  'demo.yaml',
);
const detector = new Detector([rule]);
const hintsOf = (text: string, path = 'a.env') => detector.detectText(text, path).map((c) => c.hints ?? []);

describe('rule hints', () => {
  it('takes the nearest match within the window, and nothing beyond it', () => {
    const text = 'HOST=far.example\n\n\n\n\nHOST=near.example\nT=dmo_abcdef123456\nHOST=after.example\n';
    expect(hintsOf(text)).toEqual([[{ name: 'host', value: 'near.example', line: 6 }]]);
    expect(hintsOf('HOST=a.example\n\n\n\n\nT=dmo_abcdef123456\n')).toEqual([[]]);
  });

  it('never returns any part of the secret', () => {
    // The URL pattern would capture the token itself: a hint overlapping the secret is dropped.
    expect(hintsOf('https://dmo_abcdef123456.example.com/x')).toEqual([[]]);
    expect(hintsOf('see https://docs.example.com T=dmo_abcdef123456')).toEqual([[{ name: 'url', value: 'docs.example.com', line: 1 }]]);
  });

  it('`before` takes the key above the secret; `files` limits a hint to its files', () => {
    const yaml = 'one.example:\n  token: dmo_aaaaaaaaaaaa\ntwo.example:\n  token: dmo_bbbbbbbbbbbb\n';
    const sections = (path: string) => hintsOf(yaml, path).map((h) => h.find((x) => x.name === 'section')?.value);
    expect(sections('.config/gh/hosts.yml')).toEqual(['one.example', 'two.example']);
    expect(sections('notes.yml')).toEqual([undefined, undefined]);
  });

  it("searches large files in chunks, and stops at the file's time budget", () => {
    const padding = `${'# filler line for the chunked hint search ....................\n'.repeat(20_000)}`;
    const text = `${padding}HOST=late.example\nT=dmo_abcdef123456\n`;
    expect(text.length).toBeGreaterThan(1 << 20);
    expect(hintsOf(text)[0]).toEqual([{ name: 'host', value: 'late.example', line: 20_001 }]);
    const lineOf = (offset: number) => text.slice(0, offset).split('\n').length - 1;
    const spent = new HintFinder(text, 'a.env', lineOf, performance.now() - 1);
    expect(spent.find(compileHints(rule.hints), text.indexOf('dmo_'), 16, 20_001)).toEqual([]);
  });

  it('the loader refuses a hint without exactly one capture group', () => {
    const raw = { id: 'demo.token', description: 'd', keywords: ['dmo_'], pattern: rule.pattern, examples: rule.examples };
    const bad = { provider: 'demo', rules: [{ ...raw, hints: [{ name: 'x', pattern: 'HOST=[a-z]{1,9}' }] }] };
    expect(() => parseRuleDocument(bad, 'bad.yaml')).toThrow(/hints\[0\]\.pattern.*capture group/);
  });
});

describe('git remote hints', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('reads the remote hosts of a repository root from its config, without running git', () => {
    const ws = makeWorkspace({
      '.git/config':
        '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@GitHub.com:acme/app.git\n[remote "mirror"]\n\turl = https://user@ghe.example.com/acme/app.git\n[branch "main"]\n\turl = https://not-a-remote.example\n',
    });
    cleanups.push(ws.cleanup);
    expect(gitRemoteHints(ws.dir).map((h) => h.value)).toEqual(['github.com', 'ghe.example.com']);
  });

  it('follows a linked worktree to its common git directory; a root that is no repository has none', () => {
    const ws = makeWorkspace({ 'main/.git/config': '[remote "origin"]\n\turl = ssh://git@gitlab.example.com:2222/acme/app.git\n', 'plain/file.txt': 'x' });
    cleanups.push(ws.cleanup);
    mkdirSync(join(ws.dir, 'main/.git/worktrees/wt'), { recursive: true });
    writeFileSync(join(ws.dir, 'main/.git/worktrees/wt/commondir'), '../..\n');
    mkdirSync(join(ws.dir, 'wt'));
    writeFileSync(join(ws.dir, 'wt/.git'), `gitdir: ${join(ws.dir, 'main/.git/worktrees/wt')}\n`);
    expect(gitRemoteHints(join(ws.dir, 'wt')).map((h) => h.value)).toEqual(['gitlab.example.com']);
    expect(gitRemoteHints(join(ws.dir, 'plain'))).toEqual([]);
  });

  it('a .git/config that is a symlink (to a device, or anywhere) is not read', () => {
    const ws = makeWorkspace({ 'repo/.git/HEAD': 'ref: refs/heads/main\n' });
    cleanups.push(ws.cleanup);
    symlinkSync('/dev/zero', join(ws.dir, 'repo/.git/config'));
    expect(gitRemoteHints(join(ws.dir, 'repo'))).toEqual([]);
  });

  it('parses the URL forms git accepts', () => {
    expect(remoteHost('https://github.com/acme/app.git')).toBe('github.com');
    expect(remoteHost('ssh://git@ghe.example.com:2222/acme/app.git')).toBe('ghe.example.com');
    expect(remoteHost('git@ghe.example.com:acme/app.git')).toBe('ghe.example.com');
    expect(remoteHost('/srv/git/app.git')).toBeUndefined();
  });
});
