/** Offsets kept per located keyword and buffer (a keyword line search gives up past 100,000 lines anyway). */
export const MAX_OFFSETS = 100_000;

interface Entry {
  bytes: Uint8Array;
  index: number;
  exact: boolean;
  /** Where the keyword's anchor (the four bytes it is entered by) starts in it. */
  anchor: number;
  located: boolean;
}

/**
 * Multi-keyword prefilter over raw bytes. An all-lowercase keyword matches in any letter case;
 * a keyword with an uppercase letter (AKIA, SG., eyJhbGci) matches exactly — "Asia/Tokyo" must not
 * wake the AWS rule in every timezone table.
 *
 * Wu–Manber style: a window of four bytes slides over the input; a 64 KiB table says how far it
 * may jump on the window's last two bytes (3 when they start, continue or end no keyword), a 2 MiB
 * bitmap of the window's first three bytes rejects most remaining positions, and only then is a
 * keyword compared in full. Every letter-case variant is entered in the tables, so the hot loop
 * never lowercases. Each keyword is entered by its rarest four bytes (its anchor), not its first:
 * `password=` by `ord=`, not by `pass`, whose `as` stops the window in every other English word.
 * Three-byte keywords (`SG.`), which would hold every jump to two bytes, are found by the engine's
 * own search (Buffer#indexOf), one letter-case form at a time.
 * Linear in the input whatever it contains: hostile content cannot make it backtrack.
 * Keywords marked `located` (the last-resort rules', which read only their keyword lines) are
 * compared at every occurrence and their offsets kept: the lines are then found without a second
 * search of the file.
 */
export class KeywordPrefilter {
  readonly #shift = new Uint8Array(1 << 16).fill(3);
  readonly #trigrams = new Uint8Array(1 << 21);
  readonly #byTrigram = new Map<number, Entry[]>();
  readonly #short: { index: number; forms: Buffer[]; located: boolean }[] = [];
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
      if (bytes.length === 3) {
        let forms: number[][] = [[]];
        for (const byte of bytes) forms = forms.flatMap((form) => variants(byte).map((v) => [...form, v]));
        this.#short.push({ index, forms: forms.map((form) => Buffer.from(form)), located: located.has(keyword) });
        return;
      }
      const anchor = anchorOf(bytes, exact);
      const entry: Entry = { bytes, index, exact, anchor, located: located.has(keyword) };
      for (const a of variants(bytes[anchor]))
        for (const b of variants(bytes[anchor + 1]))
          for (const c of variants(bytes[anchor + 2])) {
            // The window's last pair begins the anchor (jump at most 2), is its middle (at most 1) or ends it (look here).
            this.#shift[(a << 8) | b] = Math.min(this.#shift[(a << 8) | b], 2);
            this.#shift[(b << 8) | c] = Math.min(this.#shift[(b << 8) | c], 1);
            for (const d of variants(bytes[anchor + 3])) this.#shift[(c << 8) | d] = 0;
            const trigram = (a << 16) | (b << 8) | c;
            this.#trigrams[trigram >>> 3] |= 1 << (trigram & 7);
            const list = this.#byTrigram.get(trigram) ?? [];
            list.push(entry);
            this.#byTrigram.set(trigram, list);
          }
    });
  }

  /**
   * Indexes (into `keywords`) of every keyword present in the buffer. With `at`, the start offset of
   * every occurrence of a located keyword is added to `at[index]`, ascending (at most
   * `MAX_OFFSETS + 1` of them: past that the caller searches for itself).
   */
  find(buffer: Uint8Array, at?: number[][]): Set<number> {
    const found = new Set<number>();
    const locating = at !== undefined && this.#anyLocated;
    if (this.#short.length > 0) this.#findShort(buffer, found, locating ? at : undefined);
    const shift = this.#shift;
    const trigrams = this.#trigrams;
    const last = buffer.length - 4;
    let i = 0;
    while (i <= last) {
      const jump = shift[(buffer[i + 2] << 8) | buffer[i + 3]];
      if (jump !== 0) {
        i += jump;
        continue;
      }
      const trigram = (buffer[i] << 16) | (buffer[i + 1] << 8) | buffer[i + 2];
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
            if (locating && candidate.located) {
              const offsets = (at[candidate.index] ??= []);
              if (offsets.length <= MAX_OFFSETS) offsets.push(start);
            }
            found.add(candidate.index);
          }
        }
        if (found.size === this.keywords.length && !locating) break;
      }
      i++;
    }
    return found;
  }

  #findShort(buffer: Uint8Array, found: Set<number>, at: number[][] | undefined): void {
    const view = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    for (const short of this.#short) {
      if (at && short.located) {
        const offsets: number[] = [];
        for (const form of short.forms)
          for (let k = view.indexOf(form); k !== -1 && offsets.length <= MAX_OFFSETS; k = view.indexOf(form, k + 1)) offsets.push(k);
        if (offsets.length === 0) continue;
        at[short.index] = offsets.sort((a, b) => a - b);
        found.add(short.index);
      } else if (short.forms.some((form) => view.indexOf(form) !== -1)) found.add(short.index);
    }
  }
}

/**
 * The offset of a keyword's rarest four bytes, judged by how often their last two bytes (what stops
 * the window) and the pairs before them occur in source and prose: two letters or a space most
 * often, a repeated punctuation (`--`, `//`) next, a letter beside a punctuation or an exact-case
 * letter least.
 */
function anchorOf(bytes: Uint8Array, exact: boolean): number {
  let best = 0;
  let bestScore = Infinity;
  for (let at = 0; at + 4 <= bytes.length; at++) {
    const score =
      pairCommonness(bytes[at + 2], bytes[at + 3], exact) * 16 +
      pairCommonness(bytes[at + 1], bytes[at + 2], exact) * 4 +
      pairCommonness(bytes[at], bytes[at + 1], exact);
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
