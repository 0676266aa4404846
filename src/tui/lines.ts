import type { Tone } from './theme.js';

/** One screen line of a scrolling view: plain text (never ANSI) and what it means. */
export interface Line {
  text: string;
  tone?: Tone;
}

/** Tree and bullet characters a continuation line keeps or blanks so it lines up under its parent. */
const CONTINUATION: Record<string, string> = { '├': '│', '└': ' ', '─': ' ', '│': '│', '•': ' ', '↳': ' ' };
const PREFIX = /^[\s│├└─•↳]*/u;

/**
 * Wraps each line to `width` columns at spaces (hard-breaking words longer than a line), indenting
 * continuations under the text so trees and bullets stay readable. Pre-wrapping keeps scroll math
 * exact: one Line is one terminal row.
 */
export function wrapLines(lines: readonly Line[], width: number): Line[] {
  const columns = Math.max(20, width);
  const out: Line[] = [];
  for (const line of lines) {
    const chars = [...line.text];
    if (chars.length <= columns) {
      out.push(line);
      continue;
    }
    const prefix = [...(PREFIX.exec(line.text)?.[0] ?? '')];
    // Under a tree branch or bullet the text lines up with the text; plain text hangs by two.
    const hang = prefix.some((c) => c !== ' ') ? '' : '  ';
    const indent = `${prefix.map((c) => CONTINUATION[c] ?? ' ').join('')}${hang}`;
    const indentWidth = Math.min([...indent].length, Math.floor(columns / 2));
    let rest = chars;
    let first = true;
    while (rest.length > 0) {
      const room = first ? columns : columns - indentWidth;
      let cut = rest.length;
      if (rest.length > room) {
        const space = rest.lastIndexOf(' ', room);
        cut = space > 0 ? space : room;
      }
      const piece = rest.slice(0, cut).join('');
      out.push({ ...line, text: first ? piece : `${[...indent].slice(0, indentWidth).join('')}${piece}` });
      rest = rest.slice(cut);
      while (rest[0] === ' ') rest = rest.slice(1);
      first = false;
    }
  }
  return out;
}

/** `text` cut to `width` columns with an ellipsis, or padded to exactly `width`. */
export function fit(text: string, width: number): string {
  const chars = [...text];
  if (width <= 0) return '';
  if (chars.length > width) return `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
  return text + ' '.repeat(width - chars.length);
}

/** Like `fit`, but cuts from the start: the end of a path or an ARN says the most. */
export function fitStart(text: string, width: number): string {
  const chars = [...text];
  if (width <= 0) return '';
  if (chars.length > width) return `…${chars.slice(chars.length - width + 1).join('')}`;
  return text + ' '.repeat(width - chars.length);
}

/**
 * A path cut in the middle: the first directory and the file name (with `:line`) say where a
 * finding is; the directories between go first, then the first one, and only then the name's start.
 */
export function fitPath(path: string, width: number): string {
  const length = (text: string) => [...text].length;
  if (width <= 0) return '';
  if (length(path) <= width) return fit(path, width);
  const segments = path.split('/');
  const file = segments[segments.length - 1];
  if (segments.length >= 3) {
    const first = segments[0];
    // Keep as many trailing directories as fit between `first/…/` and the file name.
    let tail = file;
    for (let i = segments.length - 2; i > 0; i--) {
      const longer = `${segments[i]}/${tail}`;
      if (length(`${first}/…/${longer}`) > width) break;
      tail = longer;
    }
    if (length(`${first}/…/${tail}`) <= width) return fit(`${first}/…/${tail}`, width);
  }
  if (segments.length >= 2 && length(`…/${file}`) <= width) return fit(`…/${file}`, width);
  // Too narrow even for that: the end of the path, marked as cut.
  return fitStart(path, width);
}
