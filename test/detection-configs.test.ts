import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/core/paths.js';
import type { Token } from '../src/core/types.js';
import { safeDecode } from '../src/core/uri.js';
import { rulesFor } from '../src/rules/builtin.js';
import { scanWorkspace } from '../src/scan/scan.js';

interface Positive {
  file: string;
  line: number;
  ruleId: string;
  /** The display the report must show (assembled logins: scheme, user, host, port, database). */
  redacted?: string;
  /** The framework environment the token must carry as a hint. */
  environment?: string;
  /** The token must stay unverified with this reason. */
  unverified?: string;
  /** Lines of the other parts of an assembled login, each a location of the token. */
  alsoLines?: number[];
}

interface Corpus {
  sources: Record<string, string>;
  positives: Positive[];
}

const MIN_RECALL = 0.9;
const MIN_PRECISION = 0.95;

/**
 * Precision and recall per source on fixtures/scan/configs/ (labels in configs.expected.json): a
 * token is a true positive when one of its locations is a labelled credential's file and line under
 * the labelled rule; every other token is a false positive of the source of its first file. The
 * corpus holds a decoy beside each kind of leak: placeholders, variable references, test and
 * development blocks on localhost with default passwords, hashes, public keys, examples.
 */
describe('detection quality on configuration leaks', async () => {
  const root = join(packageRoot(), 'fixtures', 'scan', 'configs');
  const corpus = JSON.parse(readFileSync(join(packageRoot(), 'fixtures', 'scan', 'configs.expected.json'), 'utf8')) as Corpus;
  const result = await scanWorkspace({ roots: [root], rules: rulesFor(), maxFileSize: 1e7, workers: 0 });
  const key = (file: string, line: number, ruleId: string) => `${file}:${line}:${ruleId}`;
  const expected = new Map(corpus.positives.map((p) => [key(p.file, p.line, p.ruleId), p]));
  const matchOf = (token: Token) => token.locations.map((l) => expected.get(key(l.file, l.line, token.ruleId))).find(Boolean);
  const sourceOf = (file: string) => corpus.sources[file] ?? 'unlabelled file';

  it('reaches the recall and precision floors for every source', () => {
    const stats = new Map<string, { tp: number; fp: number; expected: number }>();
    const stat = (source: string) => stats.get(source) ?? stats.set(source, { tp: 0, fp: 0, expected: 0 }).get(source)!;
    for (const p of corpus.positives) stat(sourceOf(p.file)).expected++;
    const found = new Set<Positive>();
    const falsePositives: string[] = [];
    for (const token of result.tokens) {
      const match = matchOf(token);
      if (match && !found.has(match)) {
        found.add(match);
        stat(sourceOf(match.file)).tp++;
      } else {
        stat(sourceOf(token.locations[0].file)).fp++;
        falsePositives.push(`${token.locations[0].file}:${token.locations[0].line} ${token.ruleId} ${token.redacted}`);
      }
    }
    const missed = corpus.positives.filter((p) => !found.has(p)).map((p) => key(p.file, p.line, p.ruleId));
    const rows = [...stats].sort(([a], [b]) => a.localeCompare(b));
    const table = rows.map(([source, s]) => {
      const precision = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
      const recall = s.expected === 0 ? 1 : s.tp / s.expected;
      return {
        source,
        precision,
        recall,
        line: `${source.padEnd(18)} precision ${precision.toFixed(3)} (${s.tp}/${s.tp + s.fp})  recall ${recall.toFixed(3)} (${s.tp}/${s.expected})`,
      };
    });
    const total = rows.reduce((t, [, s]) => ({ tp: t.tp + s.tp, fp: t.fp + s.fp, expected: t.expected + s.expected }), { tp: 0, fp: 0, expected: 0 });
    console.log(
      [
        'configuration leaks: precision and recall per source',
        ...table.map((r) => `  ${r.line}`),
        `  ${'all'.padEnd(18)} precision ${(total.tp / (total.tp + total.fp)).toFixed(3)} (${total.tp}/${total.tp + total.fp})  recall ${(total.tp / total.expected).toFixed(3)} (${total.tp}/${total.expected})`,
        `  missed: ${missed.join(', ') || 'none'}`,
        `  false positives: ${falsePositives.join(', ') || 'none'}`,
      ].join('\n'),
    );
    for (const row of table) {
      expect(row.recall, `recall of ${row.source}`).toBeGreaterThanOrEqual(MIN_RECALL);
      expect(row.precision, `precision of ${row.source}`).toBeGreaterThanOrEqual(MIN_PRECISION);
    }
  });

  it('shows each assembled login as one redacted URL, with its environment, its reason and every part', () => {
    for (const p of corpus.positives) {
      const token = result.tokens.find((t) => matchOf(t) === p);
      if (!token) continue; // counted as missed above
      if (p.redacted) expect(token.redacted, `${p.file}:${p.line}`).toBe(p.redacted);
      if (p.environment)
        expect(
          token.hints?.filter((h) => h.name === 'environment').map((h) => h.value),
          `${p.file}:${p.line}`,
        ).toContain(p.environment);
      expect(token.unverifiable, `${p.file}:${p.line}`).toBe(p.unverified);
      for (const line of p.alsoLines ?? [])
        expect(
          token.locations.map((l) => `${l.file}:${l.line}`),
          `${p.file}:${p.line}`,
        ).toContain(`${p.file}:${line}`);
    }
  });

  it('never shows a password: every display of an assembled login hides it', () => {
    for (const token of result.tokens) {
      const secret = token.secret.reveal();
      const password = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:([^@]+)@/.exec(secret)?.[1];
      if (!password) continue;
      expect(token.redacted).not.toContain(password);
      expect(token.redacted).not.toContain(safeDecode(password));
    }
  });
});
