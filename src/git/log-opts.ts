import { UsageError } from '../core/errors.js';

/**
 * `git log` options that change what the patch parser reads (the output format, the diff text or
 * which side of a change is "added"), or write elsewhere. Refused, so that a history scan always
 * reads `commit <id>` headers and unified diffs of the lines each commit added. Long names are
 * matched with or without `=VALUE`; short ones by their letter (`-U0` is -U).
 */
const REFUSED_LONG = new Set([
  'patch',
  'no-patch',
  'format',
  'pretty',
  'oneline',
  'stat',
  'numstat',
  'shortstat',
  'dirstat',
  'dirstat-by-file',
  'cumulative',
  'summary',
  'compact-summary',
  'name-only',
  'name-status',
  'raw',
  'patch-with-stat',
  'patch-with-raw',
  'null',
  'output',
  'graph',
  'unified',
  'function-context',
  'inter-hunk-context',
  'color',
  'color-words',
  'color-moved',
  'word-diff',
  'word-diff-regex',
  'ext-diff',
  'textconv',
  'src-prefix',
  'dst-prefix',
  'no-prefix',
  'default-prefix',
  'line-prefix',
  'relative',
  'follow',
  'cc',
  'dd',
  'remerge-diff',
  'diff-merges',
  'combined-all-paths',
  'walk-reflogs',
  'boundary',
  'left-right',
  'binary',
  'full-index',
  'show-signature',
  'check',
  'show-linear-break',
  'log-size',
  'output-indicator-new',
  'output-indicator-old',
  'output-indicator-context',
  'reverse-diff',
  'exec',
  'no-index',
]);
const REFUSED_SHORT = ['p', 'u', 'z', 's', 'U', 'R', 'm', 'c', 'g', 'L', 'W'];
/** Options that choose revisions themselves: without one of these (or a bare revision), `--all` is kept. */
const SELECTS_REVISIONS = /^--(?:all|branches|tags|remotes|glob)(?:=|$)/;

/** `--log-opts "ARGS"` split as a shell would (quotes, backslashes), refused options named. */
export function parseLogOpts(text: string): { args: string[]; selectsRevisions: boolean } {
  const args = splitArguments(text);
  for (const arg of args) {
    const refused = refusedOption(arg);
    if (refused)
      throw new UsageError(
        `--log-opts: ${refused} changes what git log prints, which the history scan reads; give revisions and limits only (a branch, A..B, --since=2024-01-01, --author=...)`,
      );
    if (arg === '--') throw new UsageError('--log-opts: "--" is not accepted; give paths as PATH arguments after the options');
  }
  return { args, selectsRevisions: args.some((a) => !a.startsWith('-') || SELECTS_REVISIONS.test(a)) };
}

function refusedOption(arg: string): string | undefined {
  if (arg.startsWith('--')) {
    const name = arg.slice(2).split('=')[0];
    return REFUSED_LONG.has(name) ? `--${name}` : undefined;
  }
  // git log does not bundle short options: the letter after the dash is the option, the rest its value (-U0, -Spassword).
  if (arg.startsWith('-') && arg.length > 1 && REFUSED_SHORT.includes(arg[1])) return `-${arg[1]}`;
  return undefined;
}

/** Splits on unquoted whitespace; '…' is literal, "…" and bare text honour backslash escapes. */
export function splitArguments(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let started = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else current += ch;
    } else if (ch === '\\' && i + 1 < text.length && (quote === undefined || /["\\$`]/.test(text[i + 1]))) {
      current += text[++i];
      started = true;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) out.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (quote) throw new UsageError(`--log-opts: unterminated ${quote === '"' ? 'double' : 'single'} quote`);
  if (started) out.push(current);
  return out;
}
