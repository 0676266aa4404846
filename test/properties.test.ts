import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessBlastRadius } from '../src/assess/assess.js';
import { assessWorkspace } from '../src/assess/workspace.js';
import { defaultConfig } from '../src/config/config.js';
import { Secret, redact, tokenId } from '../src/core/secret.js';
import type { Grant, Token, VerificationResult } from '../src/core/types.js';
import { Detector, redactPem, redactUrl } from '../src/detect/detector.js';
import { rulesFor } from '../src/rules/builtin.js';
import { formatJson } from '../src/report/json.js';
import { buildReport, type TokenAnalysis } from '../src/report/model.js';
import { schemaErrors } from './helpers/schema.js';

const rules = rulesFor();
const detector = new Detector(rules);
const keywords = [...new Set(rules.flatMap((r) => r.keywords))];

describe('properties (fast-check)', () => {
  it('the detector never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        detector.detectBytes(bytes, 'fuzz.bin');
      }),
      { numRuns: 300 },
    );
  });

  it('the detector never throws on text made of keywords, separators and token-ish characters', () => {
    const piece = fc.oneof(
      fc.constantFrom(...keywords, '=', ':', '@', '//', '\n', '"', '-----BEGIN ', 'PRIVATE KEY-----', '&sig=', '.'),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.string({ maxLength: 30 }), (pieces, path) => {
        for (const c of detector.detectText(pieces.join(''), path)) {
          expect(c.line).toBeGreaterThanOrEqual(1);
          expect(c.column).toBeGreaterThanOrEqual(1);
          expect(tokenId(c.secret)).toMatch(/^[0-9a-f]{64}$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('redaction never shows more than 14 prefix + 4 suffix characters of a secret', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 300 }), fc.integer({ min: 0, max: 40 }), (secret, prefixLength) => {
        const shown = redact(secret, prefixLength);
        const [head, tail] = shown.split('…');
        expect(head.length).toBeLessThanOrEqual(14);
        expect(tail.length).toBeLessThanOrEqual(4);
        expect(secret.startsWith(head)).toBe(true);
        expect(secret.endsWith(tail)).toBe(true);
        if (secret.length >= 8) expect(shown).not.toBe(secret);
        expect(JSON.stringify({ s: new Secret(secret, prefixLength) })).toBe(JSON.stringify({ s: shown }));
      }),
    );
  });

  it('connection-URL redaction never shows the password; PEM redaction shows at most 4 body characters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9!$%^*()_+=-]{6,40}$/), (password) => {
        const shown = redactUrl(`postgres://app:${password}@db.internal:5432/prod`);
        expect(shown).toBe('postgres://app:…@db.internal:5432/prod');
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9+/]{64,400}$/), (body) => {
        const shown = redactPem(`-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`);
        expect(shown).toBe(`-----BEGIN PRIVATE KEY-----…${body.slice(-4)}`);
      }),
    );
  });

  it('any assessed report serialises to JSON that validates against the schema', () => {
    const grant = fc.record({
      action: fc.constantFrom<Grant['action']>('read', 'write', 'destroy', 'admin'),
      resource: fc.constantFrom(
        'arn:aws:s3:::acme-prod-data',
        'arn:aws:s3:::*',
        'railway:*',
        'railway:shop/production/db',
        'github:acme/app',
        'arn:aws:backup:us-east-1:1:backup-vault:main',
      ),
      evidence: fc.string({ maxLength: 20 }),
      operation: fc.option(fc.constantFrom('volumeDelete', 'rds:DeleteDBInstance', 's3:DeleteBucket', 'SELECT'), { nil: undefined }),
    });
    const verification = fc.record({
      status: fc.constantFrom<VerificationResult['status']>('live', 'invalid', 'error', 'unverified', 'canary'),
      grants: fc.array(grant, { maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.array(verification, { minLength: 1, maxLength: 5 }), (verifications) => {
        const tokens: Token[] = verifications.map((_, i) => {
          const secret = new Secret(`secret-number-${i}-xxxxxxxxxx`);
          return {
            id: tokenId(`secret-number-${i}`),
            ruleId: 'aws.access-key',
            provider: 'aws',
            kind: 'access-key',
            redacted: secret.redacted,
            locations: [{ file: 'a.env', line: i + 1, column: 1 }],
            secret,
          };
        });
        const analyses = new Map<string, TokenAnalysis>();
        tokens.forEach((token, i) => {
          const v: VerificationResult = { ...verifications[i], identity: { principal: `p${i}` }, resources: [], protections: [], unknowns: [], notes: [] };
          analyses.set(token.id, { verification: v, blastRadius: assessBlastRadius({ token, verification: v, config: defaultConfig() }) });
        });
        const scan = { roots: ['.'], files: 1, bytes: 1, skipped: [], errors: [], partial: [], durationMs: 1, tokens, allowedInline: 0 };
        const report = buildReport({ version: '0.0.0', scan, offline: false, analyses });
        report.workspace = assessWorkspace(report.tokens);
        expect(schemaErrors(JSON.parse(formatJson(report)))).toBe('');
      }),
      { numRuns: 200 },
    );
  });
});
