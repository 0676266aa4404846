import { formatBytes } from '../report/format.js';
import type { AuditProgress } from '../tui/progress.js';

/** Where the progress line is drawn: the process's stderr when it is a terminal. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  /** Terminal width; the line is cut to fit, or `\r` could not redraw it in place. */
  columns?: number;
}

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? '' : 's'}`;

/** The progress of a scan as one line of at most `width` characters: pure, for tests and the writer. */
export function progressLine(progress: AuditProgress, width: number): string {
  const walked = `${plural(progress.files, 'file')} · ${formatBytes(progress.bytes)}`;
  let text: string;
  if (progress.phase === 'scanning') {
    text = `blastradius: scanning ${walked} · ${plural(progress.candidates, 'finding')}`;
  } else if (progress.phase === 'verifying') {
    const providers = Object.entries(progress.providers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const answered = providers.reduce((n, [, p]) => n + Math.min(p.answered, p.total), 0);
    const total = providers.reduce((n, [, p]) => n + p.total, 0);
    // Providers still waited on first: they are what the wait is for.
    const waiting = providers.filter(([, p]) => p.answered < p.total).map(([id, p]) => `${id} ${p.answered}/${p.total}`);
    text = `blastradius: verifying ${plural(progress.tokens ?? total, 'token')} (${answered}/${total} answered)${waiting.length ? ` · waiting on ${waiting.join(', ')}` : ''}`;
  } else {
    text = `blastradius: assessing ${plural(progress.tokens ?? 0, 'token')} from ${walked}`;
  }
  return cut(text, width);
}

function cut(text: string, width: number): string {
  const chars = [...text];
  if (width <= 1) return '';
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}

const CLEAR_LINE = '\r\x1b[2K';

/**
 * Draws progress lines in place on a terminal (`\r` and erase-line, at most every `intervalMs`,
 * at once when the phase changes) and wipes it with `clear()`, so nothing is left when the
 * report prints.
 */
export class ProgressWriter {
  #shown = false;
  #lastDraw = -Infinity;
  #lastPhase: AuditProgress['phase'] | undefined;

  constructor(
    private readonly stream: ProgressStream,
    private readonly options: { now?: () => number; intervalMs?: number } = {},
  ) {}

  update(progress: AuditProgress): void {
    const now = (this.options.now ?? Date.now)();
    if (progress.phase === this.#lastPhase && now - this.#lastDraw < (this.options.intervalMs ?? 100)) return;
    this.#lastDraw = now;
    this.#lastPhase = progress.phase;
    // One column short of the edge: a line filling the last column wraps on some terminals.
    this.stream.write(`${CLEAR_LINE}${progressLine(progress, (this.stream.columns || 80) - 1)}`);
    this.#shown = true;
  }

  clear(): void {
    if (this.#shown) this.stream.write(CLEAR_LINE);
    this.#shown = false;
  }
}
