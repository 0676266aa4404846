import { describe, expect, it } from 'vitest';
import { reachIndex } from '../../src/tui/reach.js';
import { KEYS, auditRenderer } from './render.js';
import { providerErrorReport, sampleReport } from './reports.js';

const audit = auditRenderer();

describe('reach view (tab): who can reach each production and backup resource', () => {
  it('answers "who can delete my backups?" first, then production, strongest reach first', async () => {
    const ui = audit(sampleReport(), { width: 100, height: 50 });
    await ui.press(KEYS.tab);
    const frame = ui.frame();
    expect(frame).toContain('[reach]');
    expect(frame).toContain('BACKUPS — 2 tokens can destroy backups');
    expect(frame).toContain(
      [
        '  railway:acme-shop/production/postgres-volume  [destroy]',
        '    destroy railway …6a7b  volumeDelete',
        "      as ops@acme-shop.test · account token: whole-account authority (Railway deletes a volume's backups with the volume)",
      ]
        .join('\n')
        .slice(0, 150),
    );
    expect(frame).toMatch(/arn:aws:backup:us-east-1:123456789012:backup-vault:\*  \[destroy\]\n\s+destroy aws AKIA…LRAB  backup:DeleteRecoveryPoint/);
    expect(frame).toContain('not protected by soft-delete: a mitigation, not a block');
    expect(frame.indexOf('BACKUPS')).toBeLessThan(frame.indexOf('PRODUCTION — 2 tokens can destroy production data'));
    expect(frame).toMatch(
      /postgres:\/\/db\.acme-shop\.internal:5432\/shop  \[read\]\n\s+read\s+postgres postgres:\/\/reporter:…@db\.acme-shop\.internal:5432\/shop  SELECT/,
    );
  });

  it('follows the filter, scrolls, and goes back to the list with esc', async () => {
    const ui = audit(sampleReport());
    await ui.press('/');
    await ui.type('p:postgres');
    await ui.press(KEYS.enter, KEYS.tab);
    expect(ui.frame()).toContain('BACKUPS — 0 tokens can destroy backups');
    expect(ui.frame()).toContain('(no token reaches one)');
    expect(ui.frame()).not.toContain('railway:acme-shop');
    await ui.press(KEYS.escape, '/', KEYS.escape);
    await ui.press(KEYS.escape, KEYS.tab);
    expect(ui.frame()).toMatch(/… \d+ more lines/);
    await ui.press('G');
    expect(ui.frame()).toContain('postgres://db.acme-shop.internal:5432/shop  [read]');
    await ui.press(KEYS.escape);
    expect(ui.frame()).toContain('[list]');
  });

  it('indexes backups reached through a production resource that holds them', () => {
    const index = reachIndex(sampleReport().tokens);
    const volume = index.find((r) => r.side === 'backup' && r.resource === 'railway:acme-shop/production/postgres-volume')!;
    expect(volume.level).toBe('destroy');
    expect(volume.entries[0]).toMatchObject({ via: "Railway deletes a volume's backups with the volume", path: { operation: 'volumeDelete' } });
    expect(index.filter((r) => r.side === 'backup').map((r) => r.resource)).toEqual([
      'arn:aws:backup:us-east-1:123456789012:backup-vault:*',
      'arn:aws:s3:::acme-backups*',
      'railway:acme-shop/production/postgres-volume',
    ]);
  });

  it('says when nothing is reached (providers down: reach unknown, not none)', async () => {
    const ui = audit(providerErrorReport());
    await ui.press(KEYS.tab);
    expect(ui.frame()).toContain('No token reaches a resource classified as production or backup.');
  });
});
