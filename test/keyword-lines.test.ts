import { describe, expect, it } from 'vitest';
import { excerptOf, type KeywordSearch, searchRegions } from '../src/detect/keyword-lines.js';
import { KeywordPrefilter } from '../src/detect/prefilter.js';

// The last-resort rules' lines are found from the offsets the prefilter keeps (issue 16): they must be
// exactly the lines the keyword search over the text finds.
const words = ['https://', 'http://', 'token"', 'token:', 'pass=', 'apikey', '@github.com', 'pw='];
const pieces = [
  'https://',
  'HTTPS://',
  'http://',
  'Token"',
  'token:',
  'PASS=',
  'apikey',
  '@github.com',
  'Pw=',
  'pw=',
  'PW',
  '@',
  '\n',
  '\r\n',
  'é',
  '\u00ff',
  ' ',
  'x',
  'h',
  'ttp',
  '://',
];

/** Every keyword's offsets, as the detector hands them to a search. */
function located(filter: KeywordPrefilter, bytes: Buffer, keywords: readonly string[]): { found: string[]; at: number[] } {
  const offsets: number[][] = [];
  const found = [...filter.find(bytes, offsets)].map((i) => filter.keywords[i]).filter((k) => keywords.includes(k));
  const at = found.flatMap((k) => offsets[filter.keywords.indexOf(k)] ?? []).sort((a, b) => a - b);
  return { found, at };
}

describe('KeywordPrefilter locating keywords', () => {
  it('keeps the offset of every occurrence of a located keyword, in any letter case', () => {
    const filter = new KeywordPrefilter(['https://', 'AKIA'], new Set(['https://']));
    const offsets: number[][] = [];
    const found = filter.find(Buffer.from('a https://x HTTPS://y AKIA https://'), offsets);
    expect([...found].sort()).toEqual([0, 1]);
    expect(offsets[0]).toEqual([2, 12, 27]);
    expect(offsets[1]).toBeUndefined();
  });

  it('agrees with a naive search for every occurrence (fast-check)', async () => {
    const fc = (await import('fast-check')).default;
    const filter = new KeywordPrefilter(words, new Set(words));
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 })), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const bytes = Buffer.from(text, 'latin1');
        const lower = bytes.toString('latin1').toLowerCase();
        const offsets: number[][] = [];
        filter.find(bytes, offsets);
        for (const [index, word] of filter.keywords.entries()) {
          const naive: number[] = [];
          for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + 1)) naive.push(at);
          expect(offsets[index] ?? []).toEqual(naive);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('keyword lines from located offsets', () => {
  it('gives the regions and excerpts of the keyword search (fast-check)', async () => {
    const fc = (await import('fast-check')).default;
    const filter = new KeywordPrefilter(words, new Set(words));
    const searches: { keywords: string[]; lineContains?: string }[] = [
      { keywords: ['https://', 'http://'], lineContains: '@' },
      { keywords: ['token"', 'token:', 'pass=', 'apikey', 'pw='] },
      { keywords: ['@github.com'] },
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const bytes = Buffer.from(parts.join(''), 'utf8');
        const latin1 = bytes.toString('latin1');
        const plain: KeywordSearch[] = [];
        const withOffsets: KeywordSearch[] = [];
        for (const search of searches) {
          const { found, at } = located(filter, bytes, search.keywords);
          if (found.length === 0) continue;
          plain.push({ keywords: found, ...(search.lineContains ? { lineContains: search.lineContains } : {}) });
          withOffsets.push({ keywords: found, at, ...(search.lineContains ? { lineContains: search.lineContains } : {}) });
        }
        expect(searchRegions(latin1, withOffsets, bytes)).toEqual(searchRegions(latin1, plain));
        expect(excerptOf(bytes, withOffsets)).toEqual(excerptOf(bytes, plain));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('keyword lines: edge cases', () => {
  it('a file whose first line is empty: the line before the keyword line is that empty line, not the end of the file', () => {
    const bytes = Buffer.from('\npassword = "Zq8rT2vLp9Xw"\n# blastradius:allow\n');
    const excerpt = excerptOf(bytes, [{ keywords: ['password'] }]);
    expect(excerpt?.starts).toEqual([0, 1]);
    expect(excerpt?.text).toBe('\npassword = "Zq8rT2vLp9Xw"');
  });

  it('a keyword with capitals is matched exactly next to lowercase ones in any case (no regex modifiers: Node 20 has none)', () => {
    const text = 'a Token here\nAPI_KEY there\napi_key not\n';
    const regions = searchRegions(text, [{ keywords: ['token', 'API_KEY'] }]);
    // Adjacent lines merge into one region; the lowercase api_key line is not one of them.
    expect(regions?.map(([start, end]) => text.slice(start, end)).join('\n')).toBe('a Token here\nAPI_KEY there');
  });
});
