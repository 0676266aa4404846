import { describe, expect, it } from 'vitest';
import { detailLines, pathTree } from '../../src/tui/detail-lines.js';
import { wrapLines } from '../../src/tui/lines.js';
import { renderTree } from '../../src/tui/tree.js';
import { KEYS, auditRenderer } from './render.js';
import { sampleReport } from './reports.js';

const audit = auditRenderer();

describe('detail pane', () => {
  it('opens the selected token with enter: verdict, identity, every location, grants by resource class', async () => {
    const report = sampleReport();
    report.tokens
      .find((t) => t.provider === 'railway')!
      .locations.push({ file: 'scripts/domains.sh', line: 7, column: 22 }, { file: 'README.md', line: 3, column: 1, commit: 'a034004b3e8f0c1d2e3f' });
    const ui = audit(report, { width: 140, height: 40 });
    await ui.press('j', KEYS.enter);
    const frame = ui.frame();
    expect(frame).toContain('[detail]');
    expect(frame).toContain('‼ CRITICAL  railway …6a7b  (railway.api-token)');
    expect(frame).toContain('production destroy · backup destroy · SHARED blast radius');
    expect(frame).toContain('can destroy production AND its backups in one call: volumeDelete');
    expect(frame).toMatch(/Identity\n\s+principal\s+ops@acme-shop\.test\n\s+type\s+account-token/);
    expect(frame).toMatch(/Locations \(3\)\n\s+\.env:3:19\n\s+scripts\/domains\.sh:7:22\n\s+README\.md:3:1@a034004b3e8f/);
    expect(frame).toMatch(
      /Grants by resource class\n\s+production\n\s+admin\s+railway:\* — account token[^\n]*\n\s+destroy volumeDelete railway:acme-shop\/production\/postgres-volume[^\n]*\n\s+backup\n\s+destroy volumeDelete/,
    );
  });

  it('draws the paths as a tree token → principal → evidence → action → resource, then protections and recommendations', async () => {
    const ui = audit(sampleReport(), { width: 100, height: 60 });
    await ui.press('j', KEYS.enter);
    const frame = ui.frame();
    const tree = [
      '  railway …6a7b',
      '  └─ ops@acme-shop.test',
      '     └─ account token: whole-account authority',
      '        ├─ destroy volumeDelete',
      '        │  └─ railway:acme-shop/production/postgres-volume (production, +backup: Railway deletes',
    ];
    expect(frame).toContain(tree.join('\n'));
    expect(frame).toMatch(/Protections\n\s+✗ does not block\s+soft-delete on railway:acme-shop\/production\/postgres-volume/);
    expect(frame).toMatch(/Recommendations\n\s+• This is an account\/workspace token with whole-account authority/);
  });

  it('scrolls long details within 80×24, moves to the next token with n and back to the list with esc', async () => {
    const ui = audit(sampleReport());
    await ui.press(KEYS.enter);
    expect(ui.frame()).toMatch(/… \d+ more lines \(j\/space\)/);
    expect(ui.frame()).not.toContain('Recommendations');
    await ui.press('G');
    expect(ui.frame()).toContain('Prefer short-lived credentials');
    await ui.press('g', 'n');
    expect(ui.frame()).toContain('‼ CRITICAL  railway …6a7b');
    await ui.press('p');
    expect(ui.frame()).toContain('‼ CRITICAL  aws AKIA…LRAB');
    await ui.press(KEYS.escape);
    expect(ui.frame()).toContain('[list]');
    expect(
      ui
        .frame()
        .split('\n')
        .find((l) => l.startsWith('›')),
    ).toContain('aws');
    for (const line of ui.frame().split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('merges shared prefixes of the paths into one tree', () => {
    const aws = sampleReport().tokens.find((t) => t.provider === 'aws')!;
    const lines = renderTree(pathTree(aws, aws.blastRadius!.paths)).map((l) => l.text);
    expect(lines.slice(0, 6)).toEqual([
      'aws AKIA…LRAB',
      '└─ arn:aws:iam::123456789012:user/ci-deploy',
      '   └─ AdministratorAccess / statement #1',
      '      ├─ destroy s3:DeleteBucket',
      '      │  ├─ arn:aws:s3:::acme-prod-* (production) → destroy',
      '      │  └─ arn:aws:s3:::acme-backups* (backup) → destroy',
    ]);
  });

  it('wraps long lines under their text so one line is one row', () => {
    const railway = sampleReport().tokens.find((t) => t.provider === 'railway')!;
    const wrapped = wrapLines(detailLines(railway), 60);
    for (const line of wrapped) expect([...line.text].length).toBeLessThanOrEqual(60);
    const at = wrapped.findIndex((l) => l.text.includes('└─ railway:acme-shop/production/postgres-volume'));
    expect(wrapped[at + 1].text).toMatch(/^ {8}│ {5}\(production/);
  });
});
