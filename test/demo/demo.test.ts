import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/workspace.js';

describe('npm start: the embedded demo', () => {
  it('scans the bundled workspace against offline fakes and shows the critical shared blast radius', { timeout: 60_000 }, async () => {
    const result = await cli(['demo', '--no-color'], process.cwd());
    expect(result.exitCode, result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/WORKSPACE CRITICAL/);
    expect(out).toMatch(/CRITICAL railway .*jane@acme-shop\.dev/);
    expect(out).toMatch(/volumeDelete on railway:acme-shop\/production\/postgres-volume/);
    expect(out).toMatch(/CRITICAL aws .*arn:aws:iam::123456789012:user\/deploy-bot/);
    expect(out).toMatch(/LOW +postgres .*reporter@db\.acme-shop\.internal:5432/);
    // A database login assembled from the parts of a Rails config (host, port, database, username, password lines).
    expect(out).toMatch(/HIGH +postgres +postgres:\/\/shop_app:…@db\.acme-shop\.internal:5432\/shop +fixtures\/demo\/config\/database\.yml:\d+:\d+ shop_app@/);
    expect(out).toMatch(/owner of database shop → destroy DROP DATABASE/);
    expect(out).toMatch(/INFO +github .*jdoe/);
    expect(out).toMatch(/none mutating/);
    // The user's XDG_CACHE_HOME holds the rules cache (the test helper puts it beside the workspace), never HOME/.cache here.
    expect(existsSync(join(process.cwd(), '.cache'))).toBe(false);
    for (const secret of [
      '3f1c9e2a-5b7d-4e8f-9a1b-2c3d4e5f6a7b',
      'U9ZdV44gOtYpq7HdfeZGG38oDOgn9Ppm8ZyO6V0I',
      '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',
      'hW4kdP0sQz7Lm',
      'Jx4mQ8vTz2LwR7nK',
    ]) {
      expect(out).not.toContain(secret);
    }
  });

  it('gives the same report as JSON, verified by the fakes', { timeout: 60_000 }, async () => {
    const report = JSON.parse((await cli(['demo', '--format', 'json'], process.cwd())).stdout);
    const byProvider = Object.fromEntries(report.tokens.map((t: { provider: string }) => [t.provider, t]));
    const assembled = report.tokens.find((t: { redacted: string }) => t.redacted.includes('shop_app'));
    expect(assembled.verification.status).toBe('live');
    expect(assembled.blastRadius).toMatchObject({ severity: 'high', production: 'destroy' });
    expect(assembled.locations.map((l: { path: string; line: number }) => `${l.path}:${l.line}`)).toEqual(
      [18, 19, 20, 21, 22].map((line) => `fixtures/demo/config/database.yml:${line}`),
    );
    expect(byProvider.railway.verification.status).toBe('live');
    expect(byProvider.aws.blastRadius).toMatchObject({ severity: 'critical', shared: true });
    expect(byProvider.postgres.identity.endpoint).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(report.workspace.severity).toBe('critical');
  });
});
