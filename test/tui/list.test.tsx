import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { fileActions } from '../../src/tui/actions.js';
import { AuditApp } from '../../src/tui/app.js';
import { colorEnabled, toneStyle } from '../../src/tui/theme.js';
import { KEYS, auditRenderer } from './render.js';
import { emptyReport, sampleReport } from './reports.js';

const audit = auditRenderer();
const rows = (frame: string) => frame.split('\n').filter((line) => /^[› ][✓! ][‼▲●○·] /.test(line));
const selectedRow = (frame: string) => frame.split('\n').find((line) => line.startsWith('›')) ?? '';

describe('token list', () => {
  it('lists every token critical first: symbol + severity, provider, redacted token, principal, reach, location', () => {
    const frame = audit(sampleReport()).frame();
    expect(frame).toContain('‼ WORKSPACE CRITICAL  this workspace can destroy production AND its backups');
    expect(frame).toMatch(/SEV\s+PROVIDER TOKEN\s+PRINCIPAL\s+PROD\s+BACKUP\s+LOCATION/);
    const list = rows(frame);
    expect(list).toHaveLength(6);
    expect(list[0]).toMatch(/^› ‼ CRIT aws\s+AKIA…LRAB\s+…user\/ci-deploy destroy destroy \.env:4/);
    expect(list[1]).toMatch(/^  ‼ CRIT railway\s+…6a7b\s+ops@acme-shop\.… destroy destroy \.env:3/);
    expect(list[2]).toMatch(/^  ○ LOW  postgres postgres:\/\/re… reporter@db\.ac… read    -\s+src\/db\.ts:2/);
    expect(list.slice(3).map((r) => r.slice(2, 6))).toEqual(['· IN', '· IN', '· IN']);
    expect(frame).toContain('6/6 shown');
  });

  it('fits 80×24: no line wider than 80 columns, one line to spare for the terminal', () => {
    const frame = audit(sampleReport()).frame();
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('moves with j/k and the arrows, and stops at both ends', async () => {
    const ui = audit(sampleReport());
    await ui.press('j', KEYS.down);
    expect(selectedRow(ui.frame())).toContain('postgres');
    await ui.press('k');
    expect(selectedRow(ui.frame())).toContain('railway');
    await ui.press(KEYS.up, KEYS.up, 'k');
    expect(selectedRow(ui.frame())).toContain('aws');
    await ui.press('G', 'j');
    expect(selectedRow(ui.frame())).toContain('stripe');
  });

  it('scrolls a list longer than the screen and keeps the selection on screen', async () => {
    const ui = audit(sampleReport(), { height: 10 });
    expect(rows(ui.frame())).toHaveLength(3);
    await ui.press('j', 'j', 'j', 'j', 'j');
    expect(selectedRow(ui.frame())).toContain('stripe');
    expect(rows(ui.frame())[0]).toContain('github');
    await ui.press('g');
    expect(rows(ui.frame())[0]).toContain('aws');
  });

  it('changes the sort with s, keeping severity as the tie-break', async () => {
    const ui = audit(sampleReport());
    await ui.press('s');
    expect(ui.frame()).toContain('sorted by provider');
    expect(rows(ui.frame()).map((r) => r.split(/\s+/)[3])).toEqual(['aws', 'github', 'postgres', 'railway', 'slack', 'stripe']);
    await ui.press('s', 's');
    expect(ui.frame()).toContain('sort: backup reach');
    expect(rows(ui.frame())[0]).toMatch(/destroy destroy/);
  });

  it('shows full severity words and wider columns at 120 columns, and follows a resize', async () => {
    expect(audit(sampleReport(), { width: 120 }).frame()).toMatch(/‼ CRITICAL aws\s+AKIA…LRAB\s+arn:aws:iam::123456789012:user\/ci-deploy/);
    const dir = audit(emptyReport()).dir;
    const ui = render(
      <AuditApp
        report={sampleReport()}
        actions={fileActions({ baselinePath: `${dir}/b.json`, exportDir: dir, scanRoot: '.', opened: [], cwd: dir })}
        color={false}
      />,
    );
    expect(ui.lastFrame()).toContain('‼ CRITICAL');
    Object.defineProperty(ui.stdout, 'columns', { value: 80, configurable: true });
    ui.stdout.emit('resize');
    await new Promise((r) => setTimeout(r, 30));
    expect(ui.lastFrame()).toContain('‼ CRIT ');
    expect(ui.lastFrame()).not.toContain('‼ CRITICAL aws');
    ui.unmount();
  });

  it('says so when there is nothing to list, and keys do nothing harmful', async () => {
    const ui = audit(emptyReport());
    expect(ui.frame()).toContain('No credentials found.');
    expect(ui.frame()).toContain('0/0 shown');
    await ui.press(KEYS.enter, 'a', 'o', 'j');
    expect(ui.frame()).toContain('No credentials found.');
    await ui.press(KEYS.tab);
    expect(ui.frame()).toContain('No token reaches a resource classified as production or backup.');
  });

  it('shows help with ? and closes it with any key', async () => {
    const ui = audit(sampleReport());
    await ui.press('?');
    expect(ui.frame()).toContain('Keys');
    expect(ui.frame()).toMatch(/a\s+accept the token into the baseline/);
    await ui.press('x');
    expect(ui.frame()).not.toContain('Keys');
  });

  it('never shows a secret: only redacted forms', () => {
    const frame = audit(sampleReport(), { width: 200, height: 40 }).frame();
    for (const secret of ['sample-railway-secret-1', 'sample-aws-secret', 'sample-github-secret', 'sample-postgres-url', 'sample-stripe-secret'])
      expect(frame).not.toContain(secret);
  });
});

describe('colour', () => {
  it('honours NO_COLOR and --no-color; severities keep their symbol and word without colour', () => {
    expect(colorEnabled({})).toBe(true);
    expect(colorEnabled({ NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ NO_COLOR: '' })).toBe(true);
    expect(colorEnabled({}, true)).toBe(false);
    expect(toneStyle('critical', true)).toMatchObject({ backgroundColor: 'red' });
    expect(toneStyle('critical', false)).toEqual({ bold: true });
    for (const tone of ['high', 'medium', 'low', 'info', 'accent', 'warn', 'ok'] as const) expect(toneStyle(tone, false)).not.toHaveProperty('color');
  });
});
