import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/core/paths.js';
import { Detector } from '../src/detect/detector.js';
import { hostileInputs } from '../src/detect/hostile-inputs.js';
import { rulesFor } from '../src/rules/builtin.js';
import { scanWorkspace } from '../src/scan/scan.js';
import { makeWorkspace } from './helpers/workspace.js';

const rules = rulesFor();

/** ~1 MB single-line inputs shaped like each rule's start: its keyword, then characters the pattern would consume. */
describe('hostile workspace: ReDoS-shaped content', () => {
  it('every rule finishes 1 MB lines of repeated prefixes within the per-file budget (not partial)', () => {
    const detector = new Detector(rules);
    for (const rule of rules) {
      for (const input of hostileInputs(rule.keywords[0])) {
        const result = detector.detectFile(Buffer.from(input), 'hostile.txt', 5000);
        expect(result.partial, `${rule.id} on ${input.slice(0, 24)}…`).toBeUndefined();
      }
    }
  });

  it('a config of a million keys does not make the assembly of logins quadratic', () => {
    const detector = new Detector(rules);
    const flat = 'DB_HOST=db.internal\nDB_USER=app\nDB_PASSWORD=Kq7#vM2xLp9R\n'.repeat(60_000);
    const nested = `production:\n${'  db:\n    host: db.internal\n    password: Kq7#vM2xLp9R\n'.repeat(60_000)}`;
    for (const [text, path] of [
      [flat, '.env'],
      [nested, 'config/database.yml'],
    ]) {
      const started = performance.now();
      const result = detector.detectFile(Buffer.from(text), path, 5000);
      expect(performance.now() - started, path).toBeLessThan(5000);
      expect(result.candidates.length, path).toBeGreaterThan(0);
    }
  });

  it('a file that overruns the per-file time budget is reported as partially scanned, and the scan goes on', async () => {
    const ws = makeWorkspace({
      'hostile.txt': 'postgres://a:'.repeat(200_000),
      'ok.env': 'GITHUB_TOKEN=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\n',
    });
    try {
      const result = await scanWorkspace({ roots: [ws.dir], rules, maxFileSize: 1e7, workers: 0, fileBudgetMs: 20 });
      expect(result.partial).toEqual([{ file: 'hostile.txt', reason: expect.stringMatching(/^partially scanned: time budget of 20 ms exceeded/) }]);
      expect(result.tokens.map((t) => t.locations[0].file)).toEqual(['ok.env']);
    } finally {
      ws.cleanup();
    }
  });
});

describe('hostile workspace: shapes of the tree', () => {
  it('a 1 GB sparse file is skipped by the size cap without being read', async () => {
    const ws = makeWorkspace({ 'ok.env': 'GITHUB_TOKEN=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\n' });
    try {
      const fd = openSync(join(ws.dir, 'huge.log'), 'w');
      ftruncateSync(fd, 1024 ** 3);
      closeSync(fd);
      const started = performance.now();
      const result = await scanWorkspace({ roots: [ws.dir], rules, maxFileSize: 10 * 1024 * 1024, workers: 0 });
      expect(result.skipped).toEqual([{ file: 'huge.log', reason: `larger than --max-file-size (${1024 ** 3} bytes)` }]);
      expect(result.tokens).toHaveLength(1);
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      ws.cleanup();
    }
  });

  it('deeply nested directories (300 levels) are walked', async () => {
    const deep = Array.from({ length: 300 }, (_, i) => `d${i}`).join('/');
    const ws = makeWorkspace({ [`${deep}/.env`]: 'GITHUB_TOKEN=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\n' });
    try {
      const result = await scanWorkspace({ roots: [ws.dir], rules, maxFileSize: 1e7, workers: 0 });
      expect(result.tokens[0].locations[0].file).toBe(`${deep}/.env`);
    } finally {
      ws.cleanup();
    }
  });

  it('20k tiny files are all scanned', { timeout: 120_000 }, async () => {
    const ws = makeWorkspace({});
    try {
      for (let d = 0; d < 100; d++) {
        mkdirSync(join(ws.dir, `pkg${d}`));
        for (let f = 0; f < 200; f++)
          writeFileSync(
            join(ws.dir, `pkg${d}`, `f${f}.js`),
            d === 42 && f === 7 ? 'const t = "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";' : `module.exports = ${f};`,
          );
      }
      const result = await scanWorkspace({ roots: [ws.dir], rules, maxFileSize: 1e7, workers: 2 });
      expect(result.files).toBe(20_000);
      expect(result.tokens.map((t) => t.locations[0].file)).toEqual(['pkg42/f7.js']);
    } finally {
      ws.cleanup();
    }
  });

  it('a file that grew past the size cap after the walk is skipped when read (size checked on the open descriptor)', async () => {
    const ws = makeWorkspace({ 'grows.txt': 'x'.repeat(2 * 1024 * 1024) });
    try {
      const result = await scanWorkspace({
        roots: [ws.dir],
        rules,
        maxFileSize: 1024 * 1024,
        workers: 0,
        include: ['nothing-matches'],
        extraFiles: [{ root: ws.dir, label: '.', absolute: join(ws.dir, 'grows.txt'), relative: 'grows.txt', size: 10 }],
      });
      expect(result.skipped).toEqual([{ file: 'grows.txt', reason: `larger than --max-file-size (${2 * 1024 * 1024} bytes)` }]);
    } finally {
      ws.cleanup();
    }
  });

  it('permission-denied files and directories are reported and the scan goes on (run as an unprivileged user)', { timeout: 30_000 }, (ctx) => {
    const asRoot = process.getuid?.() === 0;
    const bin = join(packageRoot(), 'dist', 'src', 'bin', 'blastradius.js');
    // Root reads everything: the scan runs as `nobody`, which needs to reach the built CLI.
    if (asRoot && spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(bin)})`], { uid: 65534, gid: 65534 }).status !== 0) {
      ctx.skip(`running as root and user nobody cannot read ${bin}`);
    }
    const ws = makeWorkspace({
      'ok.env': 'GITHUB_TOKEN=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\n',
      'locked.env': 'GITHUB_TOKEN=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\n',
      'lockeddir/inner.env': 'x',
    });
    try {
      chmodSync(join(ws.dir, 'locked.env'), 0o000);
      chmodSync(join(ws.dir, 'lockeddir'), 0o000);
      chmodSync(ws.dir, 0o755);
      const run = spawnSync(process.execPath, [bin, 'scan', ws.dir, '--offline', '--format', 'json', '--no-baseline'], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: '/tmp' },
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      });
      expect(run.status, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.scan.errors.map((e: { file: string; message: string }) => `${e.file}: ${e.message}`).sort()).toEqual([
        'locked.env: permission denied',
        'lockeddir: cannot read directory: permission denied',
      ]);
      expect(report.tokens.map((t: { locations: { file: string }[] }) => t.locations[0].file)).toEqual(['ok.env']);
      // An incomplete scan is not a pass: ci fails by default, even with --fail-on any-secret's sibling thresholds unmet.
      const ci = (...extra: string[]) =>
        spawnSync(process.execPath, [bin, 'ci', ws.dir, '--offline', '--no-baseline', '--format', 'json', ...extra], {
          encoding: 'utf8',
          env: { PATH: process.env.PATH, HOME: '/tmp' },
          ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
        });
      const failed = ci();
      expect(failed.status, failed.stderr).toBe(1);
      expect(failed.stderr).toMatch(/gate FAILED.*scan incomplete: 2 file\(s\) not fully read, e\.g\. .*\(fail\)/);
      expect(ci('--incomplete', 'warn').status).toBe(0);
    } finally {
      chmodSync(join(ws.dir, 'lockeddir'), 0o755);
      ws.cleanup();
    }
  });
});

describe('chunked detection over large regions', () => {
  it('finds tokens on both sides of a 1 M-character chunk boundary, once each, and nothing at the boundary', () => {
    const detector = new Detector(rules);
    const token = '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';
    for (const at of [(1 << 20) - 20, (1 << 20) - 1, 1 << 20, (1 << 20) + 1]) {
      const text = `${'x'.repeat(at - 1)} ${token} ${'y'.repeat(1 << 20)} ${token}`;
      const found = detector.detectText(text, 'big.txt');
      expect(found.map((c) => c.column)).toEqual([at + 1, at + token.length + (1 << 20) + 3]);
    }
    // A word character just before the boundary: \\b must not see a fresh word start there.
    const glued = `${'x'.repeat(1 << 20)}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`;
    expect(detector.detectText(glued, 'glued.txt')).toEqual([]);
  });
});
