/**
 * Case-insensitive multi-keyword prefilter over raw bytes: one linear pass, a 64 KiB table of
 * the keywords' first two (lowercased) bytes, and a full compare only where a pair matches.
 * Linear in the input whatever it contains, so it cannot be made to backtrack.
 */
export class KeywordPrefilter {
  readonly #pairs = new Uint8Array(65536);
  readonly #byPair = new Map<number, { bytes: Uint8Array; index: number }[]>();
  readonly keywords: readonly string[];

  constructor(keywords: readonly string[]) {
    this.keywords = [...new Set(keywords.map((k) => k.toLowerCase()))];
    this.keywords.forEach((keyword, index) => {
      const bytes = Buffer.from(keyword, 'utf8');
      if (bytes.length < 2) throw new Error(`keyword "${keyword}" is shorter than 2 bytes`);
      const pair = (bytes[0] << 8) | bytes[1];
      this.#pairs[pair] = 1;
      const list = this.#byPair.get(pair) ?? [];
      list.push({ bytes, index });
      this.#byPair.set(pair, list);
    });
  }

  /** Indexes (into `keywords`) of every keyword present in the buffer. */
  find(buffer: Uint8Array): Set<number> {
    const found = new Set<number>();
    const pairs = this.#pairs;
    const end = buffer.length - 1;
    for (let i = 0; i < end; i++) {
      const pair = (LOWER[buffer[i]] << 8) | LOWER[buffer[i + 1]];
      if (pairs[pair] === 0) continue;
      for (const candidate of this.#byPair.get(pair)!) {
        if (found.has(candidate.index)) continue;
        const bytes = candidate.bytes;
        if (i + bytes.length > buffer.length) continue;
        let j = 2;
        while (j < bytes.length && LOWER[buffer[i + j]] === bytes[j]) j++;
        if (j === bytes.length) found.add(candidate.index);
      }
      if (found.size === this.keywords.length) break;
    }
    return found;
  }
}

const LOWER = (() => {
  const table = new Uint8Array(256);
  for (let i = 0; i < 256; i++) table[i] = i >= 65 && i <= 90 ? i + 32 : i;
  return table;
})();
