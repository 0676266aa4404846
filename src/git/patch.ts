import { stripPrefix, unquotePatchPath } from './quote.js';

/** One line of a file as it stands after a commit: a context line or one the commit added. */
export interface PatchLine {
  text: string;
  /** 1-based line number in the new version of the file; 0 for the break between two hunks. */
  newLine: number;
  added: boolean;
}

/** What one commit did to one file, as far as secrets care: the lines it added, with context. */
export type PatchEvent =
  | { kind: 'file'; commit: string; path: string; lines: PatchLine[]; bytes: number }
  | { kind: 'skipped'; commit: string; path: string; reason: string };

interface FileState {
  path?: string;
  lines: PatchLine[];
  bytes: number;
  added: number;
  oversize: boolean;
}

const COMMIT_LINE = /^commit ([0-9a-f]{40,64})$/;
const HUNK_HEADER = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Parses `git log -p --format='commit %H'` output one line at a time. Hunks are read by their
 * line counts, so no content line can be mistaken for a header. Deleted files are ignored;
 * a file whose added text passes `maxBytes` is reported as skipped instead of held.
 * `accept` is asked about each commit as its header comes: at the first it refuses, the parser is
 * `done` and reads nothing more (two gits reading a history from both ends meet there).
 */
export class PatchParser {
  #commit = '';
  #file: FileState | undefined;
  #hunk: { oldLeft: number; newLeft: number; next: number } | undefined;
  /** Whether `accept` refused a commit: the rest of the output is not read. */
  done = false;

  constructor(
    readonly maxBytes: number,
    readonly emit: (event: PatchEvent) => void,
    readonly accept: (commit: string) => boolean = () => true,
  ) {}

  line(text: string): void {
    if (this.done) return;
    if (this.#hunk && this.#hunkLine(text)) return;
    const commit = COMMIT_LINE.exec(text);
    if (commit) {
      this.#flush();
      // A copy: a slice would keep the whole decoded chunk it was cut from alive for as long as
      // the id is held (a history read from both ends holds every id it claimed).
      const id = Buffer.from(commit[1], 'latin1').toString('latin1');
      if (!this.accept(id)) {
        this.done = true;
        return;
      }
      this.#commit = id;
    } else if (text.startsWith('diff --git ')) {
      this.#flush();
      this.#file = { lines: [], bytes: 0, added: 0, oversize: false };
    } else if (!this.#file) {
      return;
    } else if (text.startsWith('+++ ')) {
      const path = unquotePatchPath(text.slice(4));
      this.#file.path = path === '/dev/null' ? undefined : stripPrefix(path, 'b/');
    } else if (text.startsWith('Binary files ') && text.endsWith(' differ')) {
      const path = binaryPath(text);
      if (path) this.emit({ kind: 'skipped', commit: this.#commit, path, reason: 'binary' });
      this.#file = undefined;
    } else {
      const hunk = HUNK_HEADER.exec(text);
      if (!hunk) return;
      if (this.#file.lines.length > 0) this.#file.lines.push({ text: '', newLine: 0, added: false });
      this.#hunk = { oldLeft: Number(hunk[1] ?? 1), newLeft: Number(hunk[3] ?? 1), next: Number(hunk[2]) };
    }
  }

  /** Call at the end of the output: emits the last file. */
  end(): void {
    if (this.done) return;
    this.#flush();
  }

  #hunkLine(text: string): boolean {
    const hunk = this.#hunk!;
    const marker = text[0];
    if (marker === '\\') return true; // "\ No newline at end of file"
    if (marker === '+') {
      this.#keep(text.slice(1), hunk.next++, true);
      hunk.newLeft--;
    } else if (marker === ' ' || text === '') {
      this.#keep(text.slice(1), hunk.next++, false);
      hunk.oldLeft--;
      hunk.newLeft--;
    } else if (marker === '-') {
      hunk.oldLeft--;
    } else {
      this.#hunk = undefined;
      return false;
    }
    if (hunk.oldLeft <= 0 && hunk.newLeft <= 0) this.#hunk = undefined;
    return true;
  }

  #keep(text: string, newLine: number, added: boolean): void {
    const file = this.#file;
    if (!file || file.oversize) return;
    file.bytes += text.length + 1;
    if (added) file.added++;
    if (file.bytes > this.maxBytes) {
      file.oversize = true;
      file.lines = [];
      return;
    }
    file.lines.push({ text, newLine, added });
  }

  #flush(): void {
    const file = this.#file;
    this.#file = undefined;
    this.#hunk = undefined;
    if (!file?.path) return;
    if (file.oversize)
      this.emit({ kind: 'skipped', commit: this.#commit, path: file.path, reason: `larger than --max-file-size (over ${this.maxBytes} bytes of changes)` });
    else if (file.added > 0) this.emit({ kind: 'file', commit: this.#commit, path: file.path, lines: file.lines, bytes: file.bytes });
  }
}

/** The new path of `Binary files a/x and b/y differ`; undefined when the file was deleted. */
function binaryPath(text: string): string | undefined {
  const middle = text.slice('Binary files '.length, -' differ'.length);
  const match = / and ("(?:[^"\\]|\\.)*"|b\/.*|\/dev\/null)$/.exec(middle);
  if (!match || match[1] === '/dev/null') return undefined;
  return stripPrefix(unquotePatchPath(match[1]), 'b/');
}
