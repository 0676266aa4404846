/** Offsets kept per located keyword and buffer (a keyword line search gives up past 100,000 lines anyway). */
export const MAX_OFFSETS = 100_000;

/**
 * Multi-keyword prefilter over raw bytes. An all-lowercase keyword matches in any letter case;
 * a keyword with an uppercase letter (AKIA, SG., eyJhbGci) matches exactly — "Asia/Tokyo" must not
 * wake the AWS rule in every timezone table.
 *
 * Wu–Manber style: a window of three bytes slides over the input; a 64 KiB table says how far it
 * may jump on the window's last two bytes (2 when they start or continue no keyword), a 2 MiB
 * bitmap of keyword trigrams rejects most remaining positions, and only then is a keyword compared
 * in full. Every letter-case variant is entered in the tables, so the hot loop never lowercases.
 * Each keyword is entered by its rarest trigram (its anchor), not its first: `password=` by `rd=`,
 * not by `pas`, whose `as` stops the window in every other English word.
 * Linear in the input whatever it contains: hostile content cannot make it backtrack.
 * Keywords marked `located` (the last-resort rules', which read only their keyword lines) are
 * compared at every occurrence and their offsets kept: the lines are then found without a second
 * search of the file.
 */
export class KeywordPrefilter {
  readonly #shift = new Uint8Array(1 << 16).fill(2);
  readonly #trigrams = new Uint8Array(1 << 21);
  readonly #byTrigram = new Map<number, { bytes: Uint8Array; index: number; exact: boolean; anchor: number; located: boolean }[]>();
  readonly #anyLocated: boolean;
  readonly keywords: readonly string[];

  constructor(keywords: readonly string[], located: ReadonlySet<string> = new Set()) {
    this.keywords = [...new Set(keywords)];
    this.#anyLocated = this.keywords.some((k) => located.has(k));
    this.keywords.forEach((keyword, index) => {
      const bytes = Buffer.from(keyword, 'utf8');
      if (bytes.length < 3) throw new Error(`keyword "${keyword}" is shorter than 3 bytes`);
      const exact = keyword !== keyword.toLowerCase();
      const variants = (byte: number) => (exact ? [byte] : caseVariants(byte));
      const anchor = anchorOf(bytes, exact);
      for (const a of variants(bytes[anchor])) {
        for (const b of variants(bytes[anchor + 1])) {
          // A pair that begins the anchor: the window may only move by one.
          this.#shift[(a << 8) | b] = Math.min(this.#shift[(a << 8) | b], 1);
          for (const c of variants(bytes[anchor + 2])) {
            // A pair that ends the anchor: look here.
            this.#shift[(b << 8) | c] = 0;
            const trigram = (a << 16) | (b << 8) | c;
            this.#trigrams[trigram >>> 3] |= 1 << (trigram & 7);
            const list = this.#byTrigram.get(trigram) ?? [];
            list.push({ bytes, index, exact, anchor, located: located.has(keyword) });
            this.#byTrigram.set(trigram, list);
          }
        }
      }
    });
  }

  /**
   * Indexes (into `keywords`) of every keyword present in the buffer. With `at`, the start offset of
   * every occurrence of a located keyword is added to `at[index]` (at most `MAX_OFFSETS + 1` of them:
   * past that the caller searches for itself).
   */
  find(buffer: Uint8Array, at?: number[][]): Set<number> {
    const found = new Set<number>();
    const locating = at !== undefined && this.#anyLocated;
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
          if (found.has(candidate.index) && !(locating && candidate.located)) continue;
          const bytes = candidate.bytes;
          const start = i - candidate.anchor;
          if (start < 0 || start + bytes.length > buffer.length) continue;
          let j = 0;
          if (candidate.exact) while (j < bytes.length && buffer[start + j] === bytes[j]) j++;
          else while (j < bytes.length && lower(buffer[start + j]) === bytes[j]) j++;
          if (j === bytes.length) {
            found.add(candidate.index);
            if (locating && candidate.located) {
              const offsets = (at[candidate.index] ??= []);
              if (offsets.length <= MAX_OFFSETS) offsets.push(start);
            }
          }
        }
        if (found.size === this.keywords.length && !locating) break;
      }
      i++;
    }
    return found;
  }
}

/**
 * The offset of a keyword's rarest trigram, judged by how often its last two bytes (what stops the
 * window) occur in source and prose: two letters or a space most often, a repeated punctuation
 * (`--`, `//`) next, a letter beside a punctuation or an exact-case letter least.
 */
function anchorOf(bytes: Uint8Array, exact: boolean): number {
  let best = 0;
  let bestScore = Infinity;
  for (let at = 0; at + 3 <= bytes.length; at++) {
    const score = pairCommonness(bytes[at + 1], bytes[at + 2], exact) * 4 + pairCommonness(bytes[at], bytes[at + 1], exact);
    if (score < bestScore) {
      best = at;
      bestScore = score;
    }
  }
  return best;
}

function pairCommonness(a: number, b: number, exact: boolean): number {
  const kind = (x: number) =>
    x === 32 || x === 9 || x === 10 ? 'space' : (x >= 97 && x <= 122) || (x >= 65 && x <= 90) ? 'letter' : x >= 48 && x <= 57 ? 'digit' : 'punct';
  const ka = kind(a);
  const kb = kind(b);
  if (ka === 'space' || kb === 'space') return 9;
  if (ka === 'letter' && kb === 'letter') return exact && (a < 97 || b < 97) ? 5 : 10;
  if (ka === 'punct' && kb === 'punct') return a === b ? 8 : 4;
  if (ka === 'digit' || kb === 'digit') return 6;
  return 3;
}

function lower(byte: number): number {
  return byte >= 65 && byte <= 90 ? byte | 32 : byte;
}

function caseVariants(byte: number): number[] {
  return byte >= 97 && byte <= 122 ? [byte, byte - 32] : [byte];
}
