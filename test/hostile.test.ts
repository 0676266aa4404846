import { describe, expect, it } from 'vitest';
import { Detector } from '../src/detect/detector.js';
import { rulesFor } from '../src/pipeline.js';
import { scanWorkspace } from '../src/scan/scan.js';
import { makeWorkspace } from './helpers/workspace.js';

const rules = rulesFor();

/** ~1 MB single-line inputs shaped like each rule's start: its keyword, then characters the pattern would consume. */
function hostileInputs(keyword: string): string[] {
  const size = 1 << 20;
  return [
    keyword.repeat(Math.ceil(size / keyword.length)),
    `${keyword}${'a'.repeat(size)}`,
    `${keyword}${'a:'.repeat(size / 2)}`,
    `${keyword}${'A1/+'.repeat(size / 4)}`,
    `${keyword}x@`.repeat(Math.ceil(size / (keyword.length + 2))),
  ];
}

describe('hostile workspace: ReDoS-shaped content', () => {
  it('every rule finishes 1 MB lines of repeated prefixes within the per-file budget (not partial)', () => {
    const detector = new Detector(rules);
    for (const rule of rules) {
      for (const input of hostileInputs(rule.keywords[0])) {
        const result = detector.detectFile(Buffer.from(input), 'hostile.txt', 5000);
        expect(result.partial, `${rule.id} on ${input.slice(0, 24)}…`).toBeUndefined();
      }
    }
  });

  it('a file that overruns the per-file time budget is reported as partially scanned, and the scan goes on', async () => {
    const ws = makeWorkspace({
      'hostile.txt': 'postgres://a:'.repeat(200_000),
      'ok.env': 'GITHUB_TOKEN=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\n',
    });
    try {
      const result = await scanWorkspace({ roots: [ws.dir], rules, maxFileSize: 1e7, workers: 0, fileBudgetMs: 20 });
      expect(result.partial).toEqual([{ file: 'hostile.txt', reason: expect.stringMatching(/^partially scanned: time budget of 20 ms exceeded/) }]);
      expect(result.tokens.map((t) => t.locations[0].file)).toEqual(['ok.env']);
    } finally {
      ws.cleanup();
    }
  });
});
