import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/core/paths.js';
import { rulesFor } from '../src/rules/builtin.js';
import { scanWorkspace } from '../src/scan/scan.js';

interface Positive {
  file: string;
  line: number;
  ruleId: string;
}

/**
 * Precision and recall on the labelled corpus fixtures/scan/labeled/ (expected findings in
 * fixtures/scan/labeled.expected.json, including two credentials we know we miss today).
 */
describe('detection quality on the labelled corpus', () => {
  it('finds the labelled credentials and nothing else', async () => {
    const root = join(packageRoot(), 'fixtures', 'scan', 'labeled');
    const { positives } = JSON.parse(readFileSync(join(packageRoot(), 'fixtures', 'scan', 'labeled.expected.json'), 'utf8')) as { positives: Positive[] };
    const result = await scanWorkspace({ roots: [root], rules: rulesFor(), maxFileSize: 1e7, workers: 0 });
    const found = result.tokens.flatMap((t) => t.locations.map((l) => `${l.file}:${l.line}:${t.ruleId}`));
    const expected = new Set(positives.map((p) => `${p.file}:${p.line}:${p.ruleId}`));
    const truePositives = found.filter((f) => expected.has(f));
    const falsePositives = found.filter((f) => !expected.has(f));
    const missed = [...expected].filter((e) => !found.includes(e));
    const precision = truePositives.length / found.length;
    const recall = truePositives.length / expected.size;
    console.log(
      `detection quality: precision ${precision.toFixed(3)} (${truePositives.length}/${found.length}), recall ${recall.toFixed(3)} (${truePositives.length}/${expected.size}); missed: ${missed.join(', ')}`,
    );
    expect(falsePositives).toEqual([]);
    expect(missed.sort()).toEqual(['hard/split.py:2:github.classic-pat', 'hard/split.py:3:cloudflare.api-token']);
    expect(result.allowedInline).toBe(1);
  });
});
