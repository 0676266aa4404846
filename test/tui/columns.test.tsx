import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { helpRows } from '../../src/tui/help-view.js';
import { fitPath } from '../../src/tui/lines.js';
import { auditRenderer, KEYS } from './render.js';
import { sampleReport } from './reports.js';

const audit = auditRenderer();
const rows = (frame: string) => frame.split('\n').filter((line) => /^[› ][✓! ][‼▲●○·] /.test(line));

/** The sample report with providers whose ids fill the old 9-column cell, and a deep location. */
function wideReport(): Report {
  const report = sampleReport();
  const [first, second, third] = report.tokens;
  report.tokens = [
    {
      ...first,
      provider: 'anthropic',
      redacted: 'sk-ant-api03-…AbCd',
      locations: [{ file: 'services/billing/config/production/secrets/.env', line: 12, column: 1 }],
    },
    { ...second, provider: 'digitalocean', redacted: 'dop_v1_…9f3e' },
    third,
  ];
  return report;
}

describe('token list columns', () => {
  it('keeps a gap after the provider, however long its id (anthropic, digitalocean)', () => {
    const list = rows(audit(wideReport()).frame());
    expect(list[0]).toMatch(/ anthropic {2,}sk-ant-api03-… /);
    expect(list[1]).toMatch(/ digitalocean dop_v1_…9f3e /);
    expect(list.join('\n')).not.toContain('anthropicsk-ant');
  });

  it('cuts a long location in the middle: the first directory and the file name stay', () => {
    const frame = audit(wideReport(), { width: 100 }).frame();
    expect(rows(frame)[0]).toMatch(/ services\/…\/\.env:12\s*$/);
    for (const line of frame.split('\n')) expect([...line].length).toBeLessThanOrEqual(100);
    // At 80 columns the first directory no longer fits beside the name: the name stays.
    expect(rows(audit(wideReport()).frame())[0]).toMatch(/ …\/\.env:12$/);
    // Wide enough: the whole path.
    expect(rows(audit(wideReport(), { width: 160 }).frame())[0]).toContain('services/billing/config/production/secrets/.env:12');
  });

  it('fitPath: the middle goes first, then the first directory, then the start of the name', () => {
    expect(fitPath('a/b.ts:3', 12)).toBe('a/b.ts:3    ');
    expect(fitPath('services/billing/config/production/.env:12', 30)).toBe('services/…/production/.env:12 ');
    expect(fitPath('services/billing/config/production/.env:12', 20)).toBe('services/…/.env:12  ');
    expect(fitPath('services/billing/config/production/.env:12', 12)).toBe('…/.env:12   ');
    expect(fitPath('a-very-long-file-name.yaml:7', 10)).toBe('…me.yaml:7');
    expect(fitPath('src/payments.ts:4', 14)).toBe('…payments.ts:4');
    for (const width of [1, 5, 9, 17, 33]) expect([...fitPath('services/billing/config/production/.env:12', width)]).toHaveLength(width);
  });
});

describe('help', () => {
  it('wraps long help lines under their text instead of cutting them', async () => {
    const ui = audit(sampleReport());
    await ui.press('?');
    const frame = ui.frame();
    expect(frame).toMatch(/\n {2}a {21}accept the token into the baseline \(asks y\/n, writes\n {24}the file\)\n/);
    expect(frame).not.toMatch(/writes th…/);
    for (const line of frame.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    await ui.press(KEYS.escape);
  });

  it('every word of every help entry is shown at 80 columns', () => {
    const shown = helpRows(80)
      .map((r) => r.what)
      .join(' ');
    expect(shown.split(/\s+/).length).toBeGreaterThan(80);
    for (const row of helpRows(80)) expect(row.keys.length + [...row.what].length).toBeLessThanOrEqual(79);
  });
});
