import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/core/paths.js';
import { formatJson } from '../../src/report/json.js';
import { ansiToSvg } from './ansi-svg.js';
import { sampleReport } from './reports.js';

/**
 * Drives the built binary in a real pseudo-terminal: tmux at 80×24, keys with send-keys, screens
 * with capture-pane. The main and detail screens are also the README's screenshots
 * (docs/audit-*.txt|svg), rewritten with BLASTRADIUS_UPDATE_GOLDEN=1 and checked here otherwise.
 */
const BIN = join(packageRoot(), 'dist', 'src', 'bin', 'blastradius.js');
const DOCS = join(packageRoot(), 'docs');
const dir = mkdtempSync(join(tmpdir(), 'blastradius-e2e-'));
// A private server whose socket goes away with the temp dir.
const SOCKET = join(dir, 'tmux.sock');

function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// Ink draws only the last frame when it thinks it runs in CI; this pane is a real terminal.
const paneEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !['CI', 'CONTINUOUS_INTEGRATION', 'NO_COLOR', 'FORCE_COLOR', 'COLORTERM', 'TMUX'].includes(key)),
);
const tmux = (...args: string[]) => execFileSync('tmux', ['-S', SOCKET, ...args], { encoding: 'utf8', env: { ...paneEnv, TERM: 'xterm-256color' } });
const capture = (escapes = false) => tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', 'audit');
const keys = (...k: string[]) => tmux('send-keys', '-t', 'audit', ...k);
const text = (...t: string[]) => tmux('send-keys', '-t', 'audit', '-l', ...t);

async function screenWith(wanted: string[], timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < deadline) {
    screen = capture();
    if (wanted.every((w) => screen.includes(w))) return screen;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${JSON.stringify(wanted)}; the screen was:\n${screen}`);
}

const trimmed = (screen: string) =>
  `${screen
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trimEnd()}\n`;

function golden(name: string, content: string) {
  const path = join(DOCS, name);
  if (process.env.BLASTRADIUS_UPDATE_GOLDEN) {
    mkdirSync(DOCS, { recursive: true });
    writeFileSync(path, content);
    return;
  }
  expect(existsSync(path), `${name} missing: run with BLASTRADIUS_UPDATE_GOLDEN=1`).toBe(true);
  expect(content, `${name} is out of date: run with BLASTRADIUS_UPDATE_GOLDEN=1`).toBe(readFileSync(path, 'utf8'));
}

afterAll(() => {
  try {
    tmux('kill-server');
  } catch {
    // already gone
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('blastradius audit in a real terminal (tmux, 80×24)', () => {
  it('opens, moves, opens the detail, filters, notes a file and quits', async () => {
    expect(hasTmux(), 'tmux is not installed: `apt-get install tmux` (.ci/run installs it) to run the terminal end-to-end test').toBe(true);
    expect(existsSync(BIN), `${BIN} is missing: run \`npm run build\` first (npm test does)`).toBe(true);
    writeFileSync(join(dir, 'report.json'), formatJson(sampleReport()));
    const command = `node ${JSON.stringify(BIN)} audit --report report.json; echo "[audit exited $?]"; sleep 600`;
    tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'audit', '-x', '80', '-y', '24', '-c', dir, command);

    const main = await screenWith(['blastradius audit · 6 tokens', '› ‼ CRIT aws', 'q quit']);
    const lines = main.split('\n');
    expect(lines.length).toBeLessThanOrEqual(25);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    expect(main).toContain('‼ WORKSPACE CRITICAL');
    const mainColour = capture(true);
    // The first frame is drawn just before Ink puts the terminal in raw mode: give it a moment.
    await new Promise((r) => setTimeout(r, 200));

    keys('j');
    await screenWith(['› ‼ CRIT railway']);
    keys('Enter');
    await screenWith(['[detail]', '‼ CRITICAL  railway …6a7b', 'principal  ops@acme-shop.test', 'more lines']);
    keys('-N', '14', 'j');
    const detail = await screenWith(['Grants by resource class', '  └─ ops@acme-shop.test', '└─ account token: whole-account authority']);
    const detailColour = capture(true);
    keys('G');
    await screenWith(['Recommendations', 'secret manager']);

    keys('Escape');
    await screenWith(['[list]']);
    text('/p:postgres');
    keys('Enter');
    const filtered = await screenWith(['filter: p:postgres', '1/6 shown']);
    expect(filtered).toMatch(/› ○ LOW  postgres/);
    expect(filtered).not.toMatch(/CRIT (aws|railway)/);

    keys('o');
    await screenWith(['src/db.ts:2 — printed when you quit']);
    keys('q');
    const after = await screenWith(['[audit exited 0]']);
    expect(after).toMatch(/^src\/db\.ts:2$/m);
    expect(after).not.toContain('blastradius audit ·');

    golden('audit-main.txt', trimmed(main));
    golden('audit-detail.txt', trimmed(detail));
    golden('audit-main.svg', ansiToSvg(mainColour, 80, 24, 'blastradius audit: the token list'));
    golden('audit-detail.svg', ansiToSvg(detailColour, 80, 24, 'blastradius audit: the detail pane'));
  }, 90_000);
});
