/**
 * Multi-keyword prefilter over raw bytes. An all-lowercase keyword matches in any letter case;
 * a keyword with an uppercase letter (AKIA, SG., eyJhbGci) matches exactly — "Asia/Tokyo" must not
 * wake the AWS rule in every timezone table.
 *
 * Wu–Manber style: a window of three bytes slides over the input; a 64 KiB table says how far it
 * may jump on the window's last two bytes (2 when they start or continue no keyword), a 2 MiB
 * bitmap of keyword trigrams rejects most remaining positions, and only then is a keyword compared
 * in full. Every letter-case variant is entered in the tables, so the hot loop never lowercases.
 * Linear in the input whatever it contains: hostile content cannot make it backtrack.
 */
export class KeywordPrefilter {
  readonly #shift = new Uint8Array(1 << 16).fill(2);
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
          // A pair that begins a keyword: the window may only move by one.
          this.#shift[(a << 8) | b] = Math.min(this.#shift[(a << 8) | b], 1);
          for (const c of variants(bytes[2])) {
            // A pair that ends a keyword's first trigram: look here.
            this.#shift[(b << 8) | c] = 0;
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
    const shift = this.#shift;
    const trigrams = this.#trigrams;
    const last = buffer.length - 3;
    let i = 0;
    while (i <= last) {
      const tail = (buffer[i + 1] << 8) | buffer[i + 2];
      const jump = shift[tail];
      if (jump !== 0) {
        i += jump;
        continue;
      }
      const trigram = (buffer[i] << 16) | tail;
      if ((trigrams[trigram >>> 3] & (1 << (trigram & 7))) !== 0) {
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
      i++;
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
