import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTarget } from '../../src/tui/actions.js';
import { handleKey, initialState, NO_KEY } from '../../src/tui/state.js';
import { KEYS, auditRenderer } from './render.js';
import { sampleReport } from './reports.js';

const audit = auditRenderer();

describe('export (e)', () => {
  it('writes the filtered view as JSON (the report model) and as Markdown, never overwriting', async () => {
    const ui = audit(sampleReport());
    await ui.press('/');
    await ui.type('critical');
    await ui.press(KEYS.enter, 'e');
    expect(ui.frame()).toContain('Export the shown tokens as: j JSON · m Markdown · esc cancel');
    await ui.press('j');
    expect(ui.frame()).toContain('exported 2 tokens as json to blastradius-audit.json');
    const json = JSON.parse(readFileSync(join(ui.dir, 'blastradius-audit.json'), 'utf8'));
    expect(json).toMatchObject({ schemaVersion: 1, workspace: { severity: 'critical' } });
    expect(json.tokens.map((t: { provider: string }) => t.provider)).toEqual(['aws', 'railway']);
    await ui.press('e', 'm', 'e', 'j');
    expect(readFileSync(join(ui.dir, 'blastradius-audit.md'), 'utf8')).toMatch(/^## blastradius\n[\s\S]*\| ‼ critical \(shared\) \| aws \|/);
    expect(readdirSync(ui.dir).sort()).toEqual(['blastradius-audit-1.json', 'blastradius-audit.json', 'blastradius-audit.md']);
  });

  it('from the detail pane exports the one token; esc cancels', async () => {
    const ui = audit(sampleReport());
    await ui.press('j', 'j', KEYS.enter, 'e', KEYS.escape);
    expect(ui.frame()).toContain('export cancelled');
    await ui.press('e', 'j');
    const json = JSON.parse(readFileSync(join(ui.dir, 'blastradius-audit.json'), 'utf8'));
    expect(json.tokens.map((t: { provider: string }) => t.provider)).toEqual(['postgres']);
    expect(json.workspace.severity).toBe('low');
  });
});

describe('open (o)', () => {
  it('notes file:line of every location and says it prints them on quit', async () => {
    const report = sampleReport();
    report.tokens.find((t) => t.provider === 'railway')!.locations.push({ file: 'scripts/domains.sh', line: 7, column: 22 });
    const ui = audit(report);
    await ui.press('j', 'o');
    expect(ui.frame()).toContain('.env:3 (+1 more) — printed when you quit');
    expect(ui.opened).toEqual(['.env:3', 'scripts/domains.sh:7']);
  });

  it('joins the scan root, or the location root of a multi-root scan', () => {
    expect(openTarget({ file: 'src/db.ts', line: 2, column: 1 }, 'fixtures/demo')).toBe('fixtures/demo/src/db.ts:2');
    expect(openTarget({ file: '.aws/credentials', line: 3, column: 1, root: '~' }, '.')).toBe('~/.aws/credentials:3');
    expect(openTarget({ file: 'a.env', line: 1, column: 1, commit: '0123456789abcdef' }, '.')).toBe('a.env:1 (commit 0123456789ab)');
  });
});

describe('quit (q)', () => {
  it('asks the app to exit from every view, but types q into the filter', () => {
    const ctx = { visible: sampleReport().tokens, listRows: 10, viewRows: 10, viewLines: 40 };
    const keys = NO_KEY;
    for (const view of ['list', 'detail', 'reach'] as const) expect(handleKey({ ...initialState(), view }, 'q', keys, ctx).effect).toEqual({ kind: 'quit' });
    const filtering = handleKey({ ...initialState(), prompt: { kind: 'filter', previous: '' } }, 'q', keys, ctx);
    expect(filtering.effect).toBeUndefined();
    expect(filtering.state.query).toBe('q');
  });
});
