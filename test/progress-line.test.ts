import { afterEach, describe, expect, it } from 'vitest';
import { ProgressWriter, progressLine, type ProgressStream } from '../src/cli/progress-line.js';
import { run } from '../src/cli/run.js';
import type { AuditProgress } from '../src/tui/progress.js';
import { FakeServer } from '../src/providers/fake-server.js';
import { fixture } from './helpers/provider.js';
import { makeWorkspace, TOKENS } from './helpers/workspace.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const CLEAR = '\r\x1b[2K';

/** A terminal-like stream that records what was written. */
function fakeTerminal(columns = 80, isTTY = true): ProgressStream & { writes: string[] } {
  const writes: string[] = [];
  return { isTTY, columns, writes, write: (text: string) => writes.push(text) };
}

const scanning: AuditProgress = { phase: 'scanning', files: 50_123, bytes: 594 * 1024 * 1024, candidates: 17, providers: {} };
const verifying: AuditProgress = {
  ...scanning,
  phase: 'verifying',
  tokens: 5,
  providers: { github: { total: 2, answered: 2 }, aws: { total: 2, answered: 1 }, railway: { total: 1, answered: 0 } },
};

describe('progressLine (pure)', () => {
  it('scanning: files, megabytes and findings so far', () => {
    expect(progressLine(scanning, 200)).toBe('blastradius: scanning 50,123 files · 594.0 MB · 17 findings');
    expect(progressLine({ ...scanning, files: 1, candidates: 1, bytes: 10 }, 200)).toBe('blastradius: scanning 1 file · 10 B · 1 finding');
  });

  it('verifying: answers so far, and the providers still waited on', () => {
    expect(progressLine(verifying, 200)).toBe('blastradius: verifying 5 tokens (3/5 answered) · waiting on aws 1/2, railway 0/1');
  });

  it('assessing once every answer is in', () => {
    expect(progressLine({ ...verifying, phase: 'assessing' }, 200)).toBe('blastradius: assessing 5 tokens from 50,123 files · 594.0 MB');
  });

  it('never wider than asked (a wrapped line cannot be redrawn in place)', () => {
    for (const width of [10, 40, 59]) {
      const line = progressLine(verifying, width);
      expect([...line].length).toBeLessThanOrEqual(width);
      expect(line.endsWith('…')).toBe(true);
    }
  });
});

describe('ProgressWriter (fake stream)', () => {
  it('redraws in place at most every interval, at once on a phase change, and wipes the line on clear', () => {
    const stream = fakeTerminal(60);
    let now = 0;
    const writer = new ProgressWriter(stream, { now: () => now, intervalMs: 100 });
    writer.update(scanning);
    now = 50;
    writer.update({ ...scanning, files: 50_200 }); // too soon: skipped
    now = 120;
    writer.update({ ...scanning, files: 50_300 });
    now = 130;
    writer.update(verifying); // phase change: drawn at once
    writer.clear();
    writer.clear(); // nothing shown any more: nothing written
    expect(stream.writes).toHaveLength(4);
    expect(stream.writes[0]).toBe(`${CLEAR}${progressLine(scanning, 59)}`);
    expect(stream.writes[1]).toContain('50,300 files');
    expect(stream.writes[2]).toContain('verifying 5 tokens');
    expect(stream.writes[3]).toBe(CLEAR);
    for (const text of stream.writes) expect(text.includes('\n')).toBe(false);
    for (const text of stream.writes) expect([...text.slice(CLEAR.length)].length).toBeLessThanOrEqual(59);
  });

  it('a terminal that reports no width (0 columns) gets 80', () => {
    const stream = fakeTerminal(0);
    new ProgressWriter(stream).update(scanning);
    expect(stream.writes).toEqual([`${CLEAR}${progressLine(scanning, 79)}`]);
  });

  it('clear without any update writes nothing', () => {
    const stream = fakeTerminal();
    new ProgressWriter(stream).clear();
    expect(stream.writes).toEqual([]);
  });
});

describe('scan and ci draw progress on a terminal stderr only', () => {
  function workspace(files: Record<string, string>) {
    const ws = makeWorkspace(files);
    cleanups.push(ws.cleanup);
    return ws.dir;
  }
  // The caches beside the workspace, not in it (HOME is the workspace): the compiled-rules cache would be scanned too.
  const scan = (args: string[], dir: string, stderr?: ProgressStream, env: NodeJS.ProcessEnv = {}) =>
    run(args, { env: { HOME: dir, XDG_CACHE_HOME: `${dir}.cache`, ...env }, cwd: dir, isTTY: false, stderr });

  it('offline scan: scanning, then assessing, then the line is wiped before the report is returned', async () => {
    const dir = workspace({ '.env': `GITHUB_TOKEN=${TOKENS.githubClassic}\n`, 'a.txt': 'x' });
    const terminal = fakeTerminal(100);
    const result = await scan(['scan', '.', '--offline'], dir, terminal);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('ghp_…hYLU');
    expect(terminal.writes[0]).toMatch(/^\r\x1b\[2Kblastradius: scanning 1 file · \d+ B · 1 finding$/);
    expect(terminal.writes.some((w) => w.includes('assessing 1 token from 2 files'))).toBe(true);
    expect(terminal.writes.at(-1)).toBe(CLEAR);
    expect(terminal.writes.join('')).not.toContain(TOKENS.githubClassic);
  });

  it("verification: each provider's answers; ci too", async () => {
    const github = await new FakeServer(() => ({
      status: 401,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: fixture('github', 'bodies/error-bad-credentials.json'),
    })).start();
    cleanups.push(() => void github.stop());
    const dir = workspace({ '.env': `GITHUB_TOKEN=${TOKENS.githubClassic}\n` });
    const env = { GITHUB_API_URL: github.url, XDG_CACHE_HOME: `${dir}/.cache` };
    for (const command of ['scan', 'ci']) {
      const terminal = fakeTerminal(120);
      const result = await scan([command, '.', '--no-cache'], dir, terminal, env);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(terminal.writes).toContain(`${CLEAR}blastradius: verifying 1 token (0/1 answered) · waiting on github 0/1`);
      expect(terminal.writes.at(-1)).toBe(CLEAR);
    }
    expect(github.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('nothing with --quiet (-q), when stderr is not a terminal, or under CI', async () => {
    const dir = workspace({ '.env': `GITHUB_TOKEN=${TOKENS.githubClassic}\n` });
    for (const [args, terminal, env] of [
      [['scan', '.', '--offline', '--quiet'], fakeTerminal()],
      [['scan', '.', '--offline', '-q'], fakeTerminal()],
      [['ci', '.', '--offline', '--quiet'], fakeTerminal()],
      [['scan', '.', '--offline'], fakeTerminal(80, false)],
      [['scan', '.', '--offline'], fakeTerminal(), { CI: 'true' }],
    ] as const) {
      const result = await scan([...args], dir, terminal, env);
      expect(result.stdout).toContain('ghp_…hYLU');
      expect(terminal.writes, args.join(' ')).toEqual([]);
    }
  });

  it('a configuration error draws nothing and leaves nothing', async () => {
    const dir = workspace({ '.env': `GITHUB_TOKEN=${TOKENS.githubClassic}\n`, 'blastradius.yaml': 'gate: [\n' });
    const terminal = fakeTerminal();
    const result = await scan(['scan', '.', '--offline', '--config', 'blastradius.yaml'], dir, terminal);
    expect(result.exitCode).toBe(2);
    expect(terminal.writes.filter((w) => w !== CLEAR)).toEqual([]);
  });
});
