import { picomatch } from '../core/picomatch.js';
import type { HintSpec } from '../rules/types.js';

/** Non-secret context found near a match (rule `hints`): e.g. the host a token belongs to. */
export interface Hint {
  name: string;
  value: string;
  /** 1-based line of the hint (0 when it does not come from a line of a file, e.g. a git remote). */
  line: number;
  /** The file it was found in, when not the token's own file. */
  file?: string;
}

/** The hint under which a scan root's git remote hosts reach every token found there (src/scan/remotes.ts). */
export const GIT_REMOTE_HINT = 'git-remote';

/** A hint attached to a token: where it was found, for the provider to name its evidence. */
export interface TokenHint extends Hint {
  file: string;
}

declare module '../core/types.js' {
  interface Token {
    /** Non-secret context found around the token's locations (rule `hints`, the repository's git remotes), for its provider. */
    hints?: TokenHint[];
  }
}

export interface CompiledHint {
  name: string;
  regex: RegExp;
  lines: number;
  before: boolean;
  inFile: (path: string) => boolean;
}

// A hint is a host or a URL, never a paragraph: longer values are not context, and they keep
// attacker-written text short in every report line that names them.
const MAX_VALUE = 200;
// Matches remembered per file and hint: more than any config file holds, bounded for minified bundles.
const MAX_MATCHES = 10_000;
// A hint pattern runs over the text in chunks, so that the file's time budget is checked between
// them; the overlap exceeds the longest hint match (bounded quantifiers, values of 300 characters at most).
const CHUNK = 1 << 20;
const OVERLAP = 1 << 12;

export function compileHints(specs: readonly HintSpec[] | undefined): CompiledHint[] {
  return (specs ?? []).map((spec) => ({
    name: spec.name,
    regex: new RegExp(spec.pattern, `g${spec.flags ?? ''}`),
    lines: spec.lines,
    before: spec.before === true,
    inFile: spec.files?.length ? picomatch(spec.files, { dot: true }) : () => true,
  }));
}

interface HintMatch {
  value: string;
  start: number;
  end: number;
  line: number;
}

/**
 * Finds hints in one file's text. Each hint pattern runs once over the text (on first use) and its
 * matches are kept, so many tokens in one file cost one pass per hint, not one per token.
 */
export class HintFinder {
  readonly #matches = new Map<CompiledHint, HintMatch[]>();

  constructor(
    private readonly text: string,
    private readonly path: string,
    private readonly lineOf: (offset: number) => number,
    /** performance.now() past which no more text is searched (the file's detection budget): hints are then partial. */
    private readonly deadline = Infinity,
  ) {}

  /** The hints of a secret at [offset, offset + length) on 0-based `line`. */
  find(hints: readonly CompiledHint[], offset: number, length: number, line: number): Hint[] {
    const found: Hint[] = [];
    for (const hint of hints) {
      if (!hint.inFile(this.path)) continue;
      const best = this.#nearest(hint, offset, length, line);
      if (best) found.push({ name: hint.name, value: best.value, line: best.line + 1 });
    }
    return found;
  }

  #nearest(hint: CompiledHint, offset: number, length: number, line: number): HintMatch | undefined {
    let best: HintMatch | undefined;
    let bestDistance = Infinity;
    // A hint on the secret's own line (a key) is looked for there: running it over a whole bundle
    // for the one line it may be on costs more than the rest of the scan.
    const all = hint.lines === 0 ? this.#onLine(hint, offset) : this.#all(hint);
    // Matches are in text order, so their lines ascend: start at the first one within reach.
    let low = 0;
    let high = all.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (all[mid].line < line - hint.lines) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < all.length && all[i].line <= line + hint.lines; i++) {
      const match = all[i];
      // A hint never carries any part of the secret.
      if (match.start < offset + length && match.end > offset) continue;
      if (hint.before && match.end > offset) continue;
      const distance = match.end <= offset ? offset - match.end : match.start - (offset + length);
      if (distance < bestDistance) {
        best = match;
        bestDistance = distance;
      }
    }
    return best;
  }

  #onLine(hint: CompiledHint, offset: number): HintMatch[] {
    const start = this.text.lastIndexOf('\n', offset - 1) + 1;
    const newline = this.text.indexOf('\n', offset);
    const end = newline === -1 ? this.text.length : newline;
    const line = this.lineOf(offset);
    const matches: HintMatch[] = [];
    const regex = new RegExp(hint.regex.source, hint.regex.flags);
    const slice = this.text.slice(start, end);
    let match: RegExpExecArray | null;
    while ((match = regex.exec(slice)) !== null) {
      if (match[0].length === 0) regex.lastIndex++;
      const value = match[1];
      if (!value || value.length > MAX_VALUE) continue;
      const at = start + match.index + match[0].indexOf(value);
      matches.push({ value, start: at, end: at + value.length, line });
    }
    return matches;
  }

  #all(hint: CompiledHint): HintMatch[] {
    const cached = this.#matches.get(hint);
    if (cached) return cached;
    const matches: HintMatch[] = [];
    const regex = new RegExp(hint.regex.source, hint.regex.flags);
    for (let chunk = 0; chunk < this.text.length && matches.length < MAX_MATCHES; chunk += CHUNK) {
      // Start each slice at a line start when one is near, so that `^` never matches mid-line.
      const lineStart = this.text.lastIndexOf('\n', chunk - 1) + 1;
      const from = chunk === 0 ? 0 : Math.max(lineStart, chunk - OVERLAP);
      const slice = this.text.slice(from, Math.min(this.text.length, chunk + CHUNK + OVERLAP));
      regex.lastIndex = 0;
      let match: RegExpExecArray | null;
      while ((match = regex.exec(slice)) !== null && matches.length < MAX_MATCHES) {
        if (match[0].length === 0) regex.lastIndex++;
        const at = from + match.index;
        if (at >= chunk + CHUNK) break; // the next chunk finds it
        const value = match[1];
        if (!value || value.length > MAX_VALUE) continue;
        const start = at + match[0].indexOf(value);
        if (matches.length && start <= matches[matches.length - 1].start) continue; // found by the previous chunk
        matches.push({ value, start, end: start + value.length, line: this.lineOf(start) });
      }
      if (performance.now() > this.deadline) break;
    }
    this.#matches.set(hint, matches);
    return matches;
  }
}
