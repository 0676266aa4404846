import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baselineFromReport, readBaseline } from '../../src/baseline/baseline.js';
import { auditRenderer } from './render.js';
import { sampleReport } from './reports.js';

const audit = auditRenderer();

describe('accept into the baseline (a)', () => {
  it('asks first, and writes nothing when the answer is not y', async () => {
    const ui = audit(sampleReport());
    await ui.press('j', 'a');
    expect(ui.frame()).toContain('Accept railway …6a7b into the baseline? It will no longer fail scans. y/N');
    await ui.press('n');
    expect(ui.frame()).toContain('not accepted');
    expect(existsSync(ui.baselinePath)).toBe(false);
  });

  it('writes the baseline file on y, marks the row, and refuses a second time', async () => {
    const report = sampleReport();
    const railway = report.tokens.find((t) => t.provider === 'railway')!;
    const ui = audit(report);
    await ui.press('j', 'a', 'y');
    expect(ui.frame()).toContain('accepted railway …6a7b into .blastradius-baseline.json');
    const baseline = readBaseline(ui.baselinePath);
    expect(baseline.tokens).toEqual([
      expect.objectContaining({
        id: railway.id,
        ruleId: 'railway.api-token',
        redacted: '…6a7b',
        reach: { production: 'destroy', backup: 'destroy', severity: 'critical' },
      }),
    ]);
    expect(readFileSync(ui.baselinePath, 'utf8')).not.toContain('sample-railway-secret');
    expect(
      ui
        .frame()
        .split('\n')
        .find((l) => l.startsWith('›')),
    ).toMatch(/^›✓‼ CRIT railway/);
    await ui.press('a');
    expect(ui.frame()).toContain('railway …6a7b is already in the baseline');
  });

  it('adds to an existing baseline from the detail pane, keeping what was there', async () => {
    const report = sampleReport();
    const aws = report.tokens.find((t) => t.provider === 'aws')!;
    const railway = report.tokens.find((t) => t.provider === 'railway')!;
    const ui = audit(report);
    writeFileSync(ui.baselinePath, JSON.stringify(baselineFromReport([report.tokens.find((t) => t.provider === 'github')!])));
    await ui.press('\r', 'a', 'y');
    expect(ui.frame()).toContain('✓ accepted into the baseline');
    const ids = readBaseline(ui.baselinePath).tokens.map((t) => t.id);
    expect(ids).toHaveLength(2);
    expect(ids).toContain(aws.id);
    expect(ids).not.toContain(railway.id);
  });

  it('shows a broken baseline file as a one-line failure, not a crash', async () => {
    const ui = audit(sampleReport(), { width: 200 });
    writeFileSync(ui.baselinePath, '{"tokens": "nope"}');
    await ui.press('a', 'y');
    expect(ui.frame()).toMatch(/failed: baseline .*: expected \{"version": 1/);
  });
});
