import { createHash, createHmac } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STRONG_SECRET_BITS, estimatedBits, guessablePart, secretId } from '../src/core/token-id.js';
import { Detector } from '../src/detect/detector.js';
import { rulesFor } from '../src/rules/builtin.js';
import { cli, makeWorkspace } from './helpers/workspace.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('a hash of a password is a password: guessable secrets get keyed ids', () => {
  it('every provider-token example keeps its plain SHA-256 id (existing baselines stay valid); connection-URL passwords do not', () => {
    const rules = rulesFor();
    const detector = new Detector(rules);
    let strong = 0;
    for (const rule of rules) {
      for (const example of rule.examples.match) {
        const text = typeof example === 'string' ? example : example.text;
        const path = typeof example === 'string' ? 'example.txt' : example.path;
        for (const candidate of detector.detectFile(Buffer.from(text), path, 5000).candidates.filter((c) => c.ruleId === rule.id)) {
          const bits = estimatedBits(guessablePart(candidate.secret));
          // Passwords are guessable by nature: connection URLs, assembled logins and generic secrets get keyed ids.
          if (rule.id.endsWith('.connection-url') || rule.provider === 'generic' || rule.kind.startsWith('basic-auth')) continue;
          expect(bits, `${rule.id}: ${candidate.redacted}`).toBeGreaterThanOrEqual(STRONG_SECRET_BITS);
          expect(secretId(candidate.secret).id).toBe(sha256(candidate.secret));
          strong++;
        }
      }
    }
    expect(strong).toBeGreaterThan(20);
  });

  it('estimates: words, dates and repetition are weak; random keys are strong', () => {
    expect(estimatedBits('summer2024')).toBeLessThan(40);
    expect(estimatedBits('Password123Password123Password123')).toBeLessThan(STRONG_SECRET_BITS);
    expect(estimatedBits('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBeGreaterThan(STRONG_SECRET_BITS);
    expect(guessablePart('postgres://app:summer2024@db.acme.dev:5432/prod')).toBe('summer2024');
  });

  it('a database password: id, SARIF fingerprints and baseline never equal sha256 of the URL or of the password', async () => {
    const url = 'postgres://app:summer2024@db.acme-shop.dev:5432/prod';
    const { dir, cleanup } = makeWorkspace({ '.env': `DATABASE_URL=${url}\n` });
    try {
      const env = { BLASTRADIUS_ID_KEY: 'ci-secret-key-from-the-vault' };
      const scanned = await cli(['scan', '.', '--offline', '--format', 'json'], dir, env);
      const json = JSON.parse(scanned.stdout);
      expect(json.tokens, scanned.stderr).toHaveLength(1);
      const token = json.tokens[0];
      expect(token.idKind).toBe('keyed');
      expect(token.id).toBe(
        createHmac('sha256', Buffer.from(`env:${env.BLASTRADIUS_ID_KEY}`))
          .update(url)
          .digest('hex'),
      );
      const sarif = (await cli(['scan', '.', '--offline', '--format', 'sarif'], dir, env)).stdout;
      await cli(['baseline', '.', '--offline'], dir, env);
      const baseline = readFileSync(join(dir, '.blastradius-baseline.json'), 'utf8');
      for (const written of [JSON.stringify(json), sarif, baseline]) {
        expect(written).not.toContain(sha256(url));
        expect(written).not.toContain(sha256('summer2024'));
      }
      expect(JSON.parse(sarif).runs[0].results[0].fingerprints).toEqual({ 'blastradius/location/v1': sha256('postgres.connection-url:.env:1') });
      // The same key gives the same id, so CI with BLASTRADIUS_ID_KEY keeps its baseline; another key, another id.
      const again = JSON.parse((await cli(['scan', '.', '--offline', '--format', 'json'], dir, env)).stdout);
      expect(again.tokens).toEqual([]);
      expect(again.scan.suppressed.baseline).toBe(1);
      const other = JSON.parse((await cli(['scan', '.', '--offline', '--format', 'json'], dir, { BLASTRADIUS_ID_KEY: 'another' })).stdout);
      expect(other.tokens[0].id).not.toBe(token.id);
    } finally {
      cleanup();
    }
  });

  it('without BLASTRADIUS_ID_KEY, a per-user key is made once (0600) and reused', async () => {
    const { dir, cleanup } = makeWorkspace({ '.env': 'DATABASE_URL=mysql://wp:letmein99@db.example.com:3306/wordpress\n' });
    try {
      const first = JSON.parse((await cli(['scan', '.', '--offline', '--format', 'json'], dir, { XDG_CONFIG_HOME: join(dir, 'cfg') })).stdout);
      const keyFile = join(dir, 'cfg', 'blastradius', 'id-key');
      expect(existsSync(keyFile)).toBe(true);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex');
      expect(first.tokens[0].id).toBe(createHmac('sha256', key).update('mysql://wp:letmein99@db.example.com:3306/wordpress').digest('hex'));
      const second = JSON.parse((await cli(['scan', '.', '--offline', '--format', 'json'], dir, { XDG_CONFIG_HOME: join(dir, 'cfg') })).stdout);
      expect(second.tokens[0].id).toBe(first.tokens[0].id);
    } finally {
      cleanup();
    }
  });
});
