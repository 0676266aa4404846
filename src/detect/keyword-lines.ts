/**
 * The lines a last-resort rule's keywords are on. Such rules (generic secrets, URL credentials)
 * wake on common words (`token: "`, `https://`): decoding a whole bundle for the few lines that
 * hold them, or running each of their patterns over all of it, costs more than the rest of its
 * scan. One case-insensitive search for all their keywords finds the lines once per file.
 */

const NEWLINE = 10;
// A bound on the regions kept per file (a generated file of keyword lines reads whole past it).
const MAX_LINES = 100_000;

export interface Excerpt {
  /** The keyword lines, each after the line before it (where an allow comment would be), joined by newlines. */
  text: string;
  /** For each excerpt line, the offset where that line starts in the file's bytes. */
  starts: number[];
}

// One search per set of keywords, built once (a scan asks for the same few sets in every file); given out with lastIndex 0.
const searches = new Map<string, RegExp>();

function searchFor(keywords: readonly string[]): RegExp {
  const key = keywords.join('\0');
  let search = searches.get(key);
  if (!search) searches.set(key, (search = buildSearch(keywords)));
  search.lastIndex = 0;
  return search;
}

function buildSearch(keywords: readonly string[]): RegExp {
  const escapeRegExp = (k: string) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Lowercase keywords match in any case (as the prefilter does); others exactly. Node 20 has no
  // `(?-i:…)` modifiers: with exact keywords present, the loose ones spell out both cases instead.
  const loose = keywords.filter((k) => k === k.toLowerCase());
  const exact = keywords.filter((k) => k !== k.toLowerCase()).map(escapeRegExp);
  if (exact.length === 0) return new RegExp(loose.map(escapeRegExp).join('|'), 'gi');
  const anyCase = (k: string) =>
    [...k].map((ch) => (ch.toLowerCase() !== ch.toUpperCase() ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : escapeRegExp(ch))).join('');
  return new RegExp([...loose.map(anyCase), ...exact].join('|'), 'g');
}

/** What a last-resort rule searches: its keywords, and text its lines must hold besides. */
export interface KeywordSearch {
  keywords: readonly string[];
  lineContains?: string;
  /** Every offset of its keywords in the file's bytes, ascending, when the prefilter kept them all. */
  at?: readonly number[];
}

/**
 * The regions of several searches, merged. With `bytes` (whose offsets are the text's: ASCII, or
 * one character per byte), a search that knows where its keywords are finds its lines there.
 */
export function searchRegions(text: string | (() => string), searches: readonly KeywordSearch[], bytes?: Buffer): [number, number][] | undefined {
  const all: [number, number][] = [];
  for (const search of searches) {
    const regions =
      bytes && search.at && isAscii(search.lineContains ?? '')
        ? regionsAt(bytes, search.at, search.lineContains)
        : keywordRegions(typeof text === 'string' ? text : (text = text()), search.keywords, search.lineContains);
    if (!regions) return undefined;
    all.push(...regions);
  }
  return merge(all);
}

const isAscii = (text: string) => /^[\x00-\x7f]*$/.test(text);

/**
 * The lines regionsByPattern finds, from the offsets of every keyword occurrence: the line of the
 * first one, then of the first one on a later line (or, with `lineContains`, on the next line that
 * holds it), and so on.
 */
function regionsAt(bytes: Buffer, offsets: readonly number[], lineContains?: string): [number, number][] | undefined {
  const regions: [number, number][] = [];
  let i = 0;
  // The first offset at or after `from`.
  const skipTo = (from: number) => {
    while (i < offsets.length && offsets[i] < from) i++;
  };
  while (i < offsets.length) {
    const offset = offsets[i];
    const start = offset === 0 ? 0 : bytes.lastIndexOf(NEWLINE, offset - 1) + 1;
    const newline = bytes.indexOf(NEWLINE, offset);
    const end = newline === -1 ? bytes.length : newline;
    if (lineContains !== undefined) {
      const at = bytes.indexOf(lineContains, start, 'latin1');
      if (at === -1) break;
      if (at >= end) {
        skipTo(bytes.lastIndexOf(NEWLINE, at) + 1);
        continue;
      }
    }
    regions.push([start, end]);
    if (regions.length > MAX_LINES) return undefined;
    if (newline === -1) break;
    skipTo(newline + 1);
  }
  return merge(regions);
}

/** Start and end offsets of the lines of `text` that hold a keyword (and `lineContains`), adjacent ones merged; undefined past MAX_LINES. */
export function keywordRegions(text: string, keywords: readonly string[], lineContains?: string): [number, number][] | undefined {
  return regionsByPattern(text, keywords, lineContains);
}

function merge(regions: [number, number][]): [number, number][] {
  regions.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const region of regions) {
    const last = merged[merged.length - 1];
    if (last && region[0] <= last[1] + 1) last[1] = Math.max(last[1], region[1]);
    else merged.push([region[0], region[1]]);
  }
  return merged;
}

function regionsByPattern(text: string, keywords: readonly string[], lineContains?: string): [number, number][] | undefined {
  // One case-insensitive search for all the keywords; after a hit it resumes on the next line.
  const search = searchFor(keywords);
  const regions: [number, number][] = [];
  let match: RegExpExecArray | null;
  while ((match = search.exec(text)) !== null) {
    const start = text.lastIndexOf('\n', match.index - 1) + 1;
    const newline = text.indexOf('\n', match.index);
    const end = newline === -1 ? text.length : newline;
    if (lineContains !== undefined) {
      const at = text.indexOf(lineContains, start);
      if (at === -1) break;
      if (at >= end) {
        // No keyword line before the next one holding it qualifies: resume there.
        search.lastIndex = text.lastIndexOf('\n', at) + 1;
        continue;
      }
    }
    regions.push([start, end]);
    if (regions.length > MAX_LINES) return undefined;
    if (newline === -1) break;
    search.lastIndex = newline + 1;
  }
  return merge(regions);
}

/** The excerpt of the lines of a file holding any of `keywords`, or undefined when the whole file is better read. */
export function excerptOf(bytes: Uint8Array, searches: readonly KeywordSearch[]): Excerpt | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Keywords are ASCII: searched in a byte-for-byte view, their offsets are byte offsets.
  const regions = searchRegions(() => buffer.toString('latin1'), searches, buffer);
  if (!regions) return undefined;
  const starts: number[] = [];
  for (const [start] of regions) {
    if (start > 0) {
      // The line before: from the newline before it (a file whose first line is empty has none: offset 0).
      const previous = start >= 2 ? buffer.lastIndexOf(NEWLINE, start - 2) + 1 : 0;
      if (starts[starts.length - 1] !== previous) starts.push(previous);
    }
    if (starts[starts.length - 1] !== start) starts.push(start);
  }
  const lines = starts.map((start) => {
    const newline = buffer.indexOf(NEWLINE, start);
    return buffer.toString('utf8', start, newline === -1 ? buffer.length : newline).replace(/\r$/, '');
  });
  return { text: lines.join('\n'), starts };
}

/** The 1-based line number in the file of the byte offset `start` (counted only for the few lines that hold a finding). */
export function lineNumberAt(bytes: Uint8Array, start: number): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let line = 1;
  for (let at = buffer.indexOf(NEWLINE); at !== -1 && at < start; at = buffer.indexOf(NEWLINE, at + 1)) line++;
  return line;
}
