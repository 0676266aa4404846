import { describe, expect, it } from 'vitest';
import { KeywordPrefilter } from '../src/detect/prefilter.js';

describe('KeywordPrefilter', () => {
  const filter = new KeywordPrefilter(['ghp_', 'AKIA', 'postgres://', 'sig=']);
  const find = (text: string) => [...filter.find(Buffer.from(text))].map((i) => filter.keywords[i]).sort();

  it('finds every keyword present, case-insensitively', () => {
    expect(find('x GHP_abc and AKIAXYZ and ?SIG=1')).toEqual(['AKIA', 'ghp_', 'sig=']);
  });

  it('matches keywords with an uppercase letter exactly (Asia/Tokyo is not ASIA)', () => {
    expect(find('tz Asia/Tokyo akia')).toEqual([]);
  });

  it('finds keywords at the very start and the very end of the buffer', () => {
    expect(find('ghp_')).toEqual(['ghp_']);
    expect(find('....postgres://')).toEqual(['postgres://']);
  });

  it('does not report partial keywords or empty input', () => {
    expect(find('ghp postgres:/ si')).toEqual([]);
    expect(find('')).toEqual([]);
    expect(find('gh')).toEqual([]);
  });

  it('refuses keywords shorter than three bytes', () => {
    expect(() => new KeywordPrefilter(['ab'])).toThrow(/shorter than 3 bytes/);
  });
});

describe('KeywordPrefilter agrees with a naive search (fast-check)', () => {
  it('finds exactly the keywords a plain substring search finds, whatever the surrounding bytes', async () => {
    const fc = (await import('fast-check')).default;
    const words = ['ghp_', 'AKIA', 'sig=', 'SG.', 'railway', 'postgres://', 'eyJhbGci', 'aaa', 'aab', 'abab'];
    const filter = new KeywordPrefilter(words);
    const naive = (text: string) => words.filter((w) => (w === w.toLowerCase() ? text.toLowerCase().includes(w) : text.includes(w))).sort();
    const piece = fc.oneof(fc.constantFrom(...words, 'GHP_', 'Akia', 'RAILWAY', 'a', 'b', 'ab', '_', 's', 'S'), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const found = [...filter.find(Buffer.from(text, 'latin1'))].map((i) => filter.keywords[i]).sort();
        expect(found).toEqual(naive(text));
      }),
      { numRuns: 2000 },
    );
  });
});
