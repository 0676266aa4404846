import { describe, expect, it } from 'vitest';
import { Detector } from '../src/detect/detector.js';
import { loadRules } from '../src/rules/load.js';
import type { Example } from '../src/rules/types.js';

const rules = loadRules();

const text = (example: Example) => (typeof example === 'string' ? example : example.text);
const path = (example: Example) => (typeof example === 'string' ? 'example.txt' : example.path);

describe('every rule proves itself with its own examples', () => {
  for (const rule of rules) {
    const detector = new Detector([rule]);
    describe(rule.id, () => {
      rule.examples.match.forEach((example, i) => {
        it(`matches example ${i + 1}`, () => {
          const found = detector.detectText(text(example), path(example));
          expect(found.map((c) => c.ruleId)).toContain(rule.id);
          // Examples that name hints prove the rule finds that context too.
          for (const [name, value] of Object.entries(typeof example === 'string' ? {} : (example.hints ?? {}))) {
            expect(
              found
                .flatMap((c) => c.hints ?? [])
                .filter((h) => h.name === name)
                .map((h) => h.value),
            ).toContain(value);
          }
        });
      });
      rule.examples.noMatch.forEach((example, i) => {
        it(`does not match negative example ${i + 1}`, () => {
          expect(detector.detectText(text(example), path(example))).toEqual([]);
        });
      });
    });
  }
});

describe('rule coverage', () => {
  it('covers the providers the scanner promises', () => {
    const providers = new Set(rules.map((r) => r.provider));
    for (const p of [
      'github',
      'gitlab',
      'aws',
      'railway',
      'postgres',
      'mysql',
      'mongodb',
      'privatekey',
      'gcp',
      'azure',
      'supabase',
      'slack',
      'stripe',
      'npm',
      'sendgrid',
      'twilio',
      'openai',
      'anthropic',
      'digitalocean',
      'cloudflare',
    ]) {
      expect(providers, p).toContain(p);
    }
    const ids = rules.map((r) => r.id);
    for (const prefix of ['github.classic-pat', 'github.oauth', 'github.user-to-server', 'github.installation', 'github.refresh', 'github.fine-grained-pat']) {
      expect(ids).toContain(prefix);
    }
  });
});
