import { describe, expect, it } from 'vitest';
import { KEYS, auditRenderer } from './render.js';
import { providerErrorReport, sampleReport } from './reports.js';

const audit = auditRenderer();

describe('a report with provider errors', () => {
  it('lists error and invalid tokens with the reason, and "?" (unknown) reach for errors', () => {
    const frame = audit(providerErrorReport(), { width: 140 }).frame();
    expect(frame).toMatch(/· INFO\s+aws\s+AKIA…LRAB\s+error: sts\.amazonaws\.com: 503 Service Unavailable\s+\?\s+\?/);
    expect(frame).toMatch(/· INFO\s+github\s+ghp_…wdgz\s+invalid: Bad credentials \(401\)\s+-\s+-/);
    expect(frame).toMatch(/· INFO\s+railway\s+…6a7b\s+error: timed out after 10000 ms\s+\?\s+\?/);
    expect(frame).toContain('WORKSPACE INFO');
  });

  it('the detail pane says the reach is unknown and why', async () => {
    const ui = audit(providerErrorReport(), { height: 40 });
    await ui.press(KEYS.enter);
    const frame = ui.frame();
    expect(frame).toContain('status error: sts.amazonaws.com: 503 Service Unavailable');
    expect(frame).toContain('production ? · backup ? (reach unknown)');
    expect(frame).toContain('reach unknown: sts.amazonaws.com: 503 Service Unavailable');
    expect(frame).toMatch(/Identity\n\s+unknown \(error\)/);
    expect(frame).toMatch(/Unknown\n\s+\? everything this token can do: sts\.amazonaws\.com: 503/);
  });

  it('in a mixed report, the one timed-out token shows its reason next to the verified ones', async () => {
    const ui = audit(sampleReport(), { width: 150 });
    expect(ui.frame()).toMatch(/slack\s+xoxb-…tHo7\s+error: https:\/\/slack\.com\/api\/auth\.test: timed out after 10000 ms/);
    await ui.press('/');
    await ui.type('error');
    await ui.press(KEYS.enter, KEYS.enter, 'G');
    expect(ui.frame()).toContain('? everything this token can do: timed out');
  });
});
