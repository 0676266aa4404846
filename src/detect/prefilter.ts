/**
 * Multi-keyword prefilter over raw bytes. An all-lowercase keyword matches in any letter case;
 * a keyword with an uppercase letter (AKIA, SG., eyJhbGci) matches exactly — "Asia/Tokyo" must not
 * wake the AWS rule in every timezone table.: one linear pass that tests each
 * position against a 64 KiB table of the keywords' first two bytes and a 2 MiB bitmap of their
 * first three (every letter-case variant is entered, so the hot loop never lowercases), and
 * compares the full keyword only where the trigram matches. Linear in the input whatever it
 * contains, so hostile content cannot make it backtrack.
 */
export class KeywordPrefilter {
  readonly #pairs = new Uint8Array(1 << 16);
  readonly #trigrams = new Uint8Array(1 << 21);
  readonly #byTrigram = new Map<number, { bytes: Uint8Array; index: number; exact: boolean }[]>();
  readonly keywords: readonly string[];

  constructor(keywords: readonly string[]) {
    this.keywords = [...new Set(keywords)];
    this.keywords.forEach((keyword, index) => {
      const bytes = Buffer.from(keyword, 'utf8');
      if (bytes.length < 3) throw new Error(`keyword "${keyword}" is shorter than 3 bytes`);
      const exact = keyword !== keyword.toLowerCase();
      const variants = (byte: number) => (exact ? [byte] : caseVariants(byte));
      for (const a of variants(bytes[0])) {
        for (const b of variants(bytes[1])) {
          this.#pairs[(a << 8) | b] = 1;
          for (const c of variants(bytes[2])) {
            const trigram = (a << 16) | (b << 8) | c;
            this.#trigrams[trigram >>> 3] |= 1 << (trigram & 7);
            const list = this.#byTrigram.get(trigram) ?? [];
            list.push({ bytes, index, exact });
            this.#byTrigram.set(trigram, list);
          }
        }
      }
    });
  }

  /** Indexes (into `keywords`) of every keyword present in the buffer. */
  find(buffer: Uint8Array): Set<number> {
    const found = new Set<number>();
    const pairs = this.#pairs;
    const trigrams = this.#trigrams;
    const end = buffer.length - 2;
    for (let i = 0; i < end; i++) {
      const pair = (buffer[i] << 8) | buffer[i + 1];
      if (pairs[pair] === 0) continue;
      const trigram = (pair << 8) | buffer[i + 2];
      if ((trigrams[trigram >>> 3] & (1 << (trigram & 7))) === 0) continue;
      for (const candidate of this.#byTrigram.get(trigram)!) {
        if (found.has(candidate.index)) continue;
        const bytes = candidate.bytes;
        if (i + bytes.length > buffer.length) continue;
        let j = 3;
        if (candidate.exact) while (j < bytes.length && buffer[i + j] === bytes[j]) j++;
        else while (j < bytes.length && lower(buffer[i + j]) === bytes[j]) j++;
        if (j === bytes.length) found.add(candidate.index);
      }
      if (found.size === this.keywords.length) break;
    }
    return found;
  }
}

function lower(byte: number): number {
  return byte >= 65 && byte <= 90 ? byte | 32 : byte;
}

function caseVariants(byte: number): number[] {
  return byte >= 97 && byte <= 122 ? [byte, byte - 32] : [byte];
}
