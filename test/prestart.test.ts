import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultWorkers, prestartWorkers, takePrestarted, treeScanWorkers, workersStarted } from '../src/scan/prestart.js';
import { scanLooksSmall } from '../src/cli/scan-options.js';
import { BIN } from './helpers/git.js';
import { cli, makeWorkspace, TOKENS } from './helpers/workspace.js';

const manyFiles = (dir: string, count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`${dir}/m${i}.ts`, `export const v = ${i};\n`]));

// Scan workers start before the command loads (src/scan/prestart.ts); the pool adopts them.
describe('workers started before the scan command loads', () => {
  it('counts the workers a tree scan will use, and none for scans that do not walk a tree', () => {
    expect(treeScanWorkers(['.'])).toBe(defaultWorkers());
    expect(treeScanWorkers(['--workers', '3', '.'])).toBe(3);
    expect(treeScanWorkers(['--workers=1'])).toBe(1);
    expect(treeScanWorkers(['--workers', '0'])).toBe(0);
    for (const mode of ['--staged', '--since=HEAD~1', '--git-history', '--report=r.json', '--verify-ids=plan.json'])
      expect(treeScanWorkers([mode]), mode).toBe(0);
    // Left to the command's parser, which will refuse it: nothing started.
    expect(treeScanWorkers(['--workers', 'many'])).toBe(0);
    expect(treeScanWorkers(['--workers'])).toBe(0);
  });

  it('hands a pool only the number it asked for; others are stopped', async () => {
    await prestartWorkers(2);
    expect(takePrestarted(1)).toBeUndefined();
    expect(takePrestarted(2)).toBeUndefined(); // already stopped
    await prestartWorkers(2);
    const taken = takePrestarted(2);
    expect(taken).toHaveLength(2);
    await Promise.all(taken!.map((w) => w.worker.terminate()));
  });

  it('a scan through the CLI adopts them and finds the same token; nothing is left waiting after it, or after a usage error', async () => {
    // More files than one batch: a smaller tree starts no worker early (next test).
    const ws = makeWorkspace({ '.env': `GITHUB_TOKEN=${TOKENS.githubClassic}\n`, ...manyFiles('src', 40) });
    try {
      const before = workersStarted();
      const result = await cli(['scan', ws.dir, '--offline', '--format', 'json', '--no-baseline'], ws.dir);
      expect(result.exitCode).toBe(0);
      // The pool took the workers started before the command loaded; it started none of its own.
      expect(workersStarted() - before).toBe(defaultWorkers());
      expect(JSON.parse(result.stdout).tokens).toHaveLength(1);
      expect(takePrestarted(defaultWorkers())).toBeUndefined();
      const refused = await cli(['scan', ws.dir, '--format', 'nope'], ws.dir);
      expect(refused.exitCode).toBe(2);
      expect(takePrestarted(defaultWorkers())).toBeUndefined();
    } finally {
      ws.cleanup();
    }
  });

  it('starts none for a tree of a few files, which the pool scans in this thread; same finding', async () => {
    const deep = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`deep/${'d/'.repeat(i)}f.txt`, 'x\n']));
    const ws = makeWorkspace({
      '.env': `GITHUB_TOKEN=${TOKENS.githubClassic}\n`,
      'notes.txt': 'nothing\n',
      'sub/x.txt': 'x\n',
      '.git/objects/many': 'ignored\n',
      ...manyFiles('big', 40),
      ...deep,
    });
    try {
      symlinkSync(join(ws.dir, 'notes.txt'), join(ws.dir, 'link.txt'));
      for (const args of [['.env', 'notes.txt', '--format', 'json', '-o', 'out.json'], ['sub'], ['.env', 'sub', 'deep/d/d/d']])
        expect(scanLooksSmall(args, ws.dir), args.join(' ')).toBe(true);
      for (const args of [['.'], [], ['big'], ['deep'], ['link.txt'], ['.env', '--home'], ['missing.env'], ['.env', '--bogus']])
        expect(scanLooksSmall(args, ws.dir), args.join(' ')).toBe(false);
      const before = workersStarted();
      const result = await cli(['scan', '.env', 'notes.txt', 'sub', '--offline', '--format', 'json', '--no-baseline'], ws.dir);
      expect(result.exitCode).toBe(0);
      expect(workersStarted() - before).toBe(0);
      expect(JSON.parse(result.stdout).tokens).toHaveLength(1);
    } finally {
      ws.cleanup();
    }
  });

  it('a command that fails before scanning exits: waiting workers never keep the process alive', () => {
    const child = spawnSync(process.execPath, [BIN, 'scan', '--format', 'nope', '.'], { encoding: 'utf8', timeout: 30_000 });
    expect(child.signal).toBeNull();
    expect(child.status).toBe(2);
    expect(child.stderr).toMatch(/^blastradius: /);
  });
});
