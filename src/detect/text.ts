/** File text for detection: decoding (UTF-8, UTF-16 by BOM) and offset → line/column lookups. */

/** Decodes file bytes: UTF-16 by BOM, otherwise UTF-8 with replacement of invalid sequences. */
export function isUtf16(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return UTF8.decode(bytes);
}

const UTF8 = new TextDecoder('utf-8');

/** Line starts of a text, computed on first use (most prefiltered files have no match), for offset → line/column. */
export class LineIndex {
  #starts: number[] | undefined;

  constructor(private readonly text: string) {}

  #lineStarts(): number[] {
    if (this.#starts) return this.#starts;
    const starts = [0];
    let i = this.text.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = this.text.indexOf('\n', i + 1);
    }
    this.#starts = starts;
    return starts;
  }

  lineOf(offset: number): number {
    const starts = this.#lineStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  startOf(line: number): number {
    const starts = this.#lineStarts();
    return starts[Math.min(Math.max(line, 0), starts.length - 1)];
  }

  endOf(line: number): number {
    const starts = this.#lineStarts();
    const next = line + 1;
    return next < starts.length ? starts[Math.max(next, 1)] - 1 : this.text.length;
  }

  slice(text: string, fromLine: number, toLine: number): string {
    return text.slice(this.startOf(fromLine), this.endOf(Math.max(fromLine, toLine)));
  }
}

const ALLOW_MARKER = 'blastradius:allow';

/** `blastradius:allow` on the finding's line, or alone in a comment on the line above. */
function isAllowed(current: string, previous: string, line: number): boolean {
  if (current.includes(ALLOW_MARKER)) return true;
  return line > 0 && previous.includes(ALLOW_MARKER) && /^\s*(?:#|\/\/|\/\*|\*|--|<!--|;|%|')/.test(previous);
}

/** 1-based line and column of an offset, and whether an allow comment covers that line. */
export function position(lines: LineIndex, text: string, offset: number): { line: number; column: number; allowed: boolean } {
  const line = lines.lineOf(offset);
  return {
    line: line + 1,
    column: offset - lines.startOf(line) + 1,
    allowed: isAllowed(lines.slice(text, line, line), lines.slice(text, line - 1, line - 1), line),
  };
}
