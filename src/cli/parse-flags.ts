import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, errorMessage } from '../core/errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedFlags {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

/**
 * node:util parseArgs, strict, with its errors as one plain sentence (`unknown option --fial-on
 * (did you mean --fail-on?)`). `dashValues` names string options whose value may itself start
 * with a dash (`--log-opts "--since=2024-01-01"`): the next argument is always their value.
 */
export function parseFlags(argv: readonly string[], options: Options, config: { positionals?: boolean; dashValues?: readonly string[] } = {}): ParsedFlags {
  const args = joinDashValues(argv, config.dashValues ?? []);
  try {
    const parsed = parseArgs({ args, options, allowPositionals: config.positionals ?? true, strict: true });
    return { values: parsed.values as ParsedFlags['values'], positionals: parsed.positionals };
  } catch (error) {
    const problem = flagProblem(error, options);
    // A suggestion is the whole answer; otherwise point at --help.
    throw new UsageError(problem, problem.includes('(did you mean') ? '' : undefined);
  }
}

function joinDashValues(argv: readonly string[], names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (names.includes(arg.slice(2)) && arg.startsWith('--') && i + 1 < argv.length) {
      out.push(`${arg}=${argv[++i]}`);
      continue;
    }
    out.push(arg);
  }
  return out;
}

/** Node's parseArgs messages, re-worded; anything not recognised keeps Node's first line. */
export function flagProblem(error: unknown, options: Options): string {
  const message = errorMessage(error).replace(/^TypeError \[\w+\]: /, '');
  const unknown = /^Unknown option '([^']+)'/.exec(message)?.[1];
  if (unknown) {
    const guess = closestOption(unknown, options);
    return `unknown option ${unknown}${guess ? ` (did you mean ${guess}?)` : ''}`;
  }
  const missing = /^Option '(?:-\w, )?(--[\w-]+)(?: <value>)?' argument missing/.exec(message)?.[1];
  if (missing) return `option ${missing} needs a value`;
  const ambiguous = /^Option '(?:-\w, )?(--[\w-]+)' argument is ambiguous/.exec(message)?.[1];
  if (ambiguous) return `option ${ambiguous} needs a value, and the next argument starts with "-" (write ${ambiguous}=VALUE if that is the value)`;
  const noValue = /^Option '(?:-\w, )?(--[\w-]+)' does not take an argument/.exec(message)?.[1];
  if (noValue) return `option ${noValue} takes no value`;
  const positional = /^Unexpected argument '([^']*)'/.exec(message)?.[1];
  if (positional !== undefined) return `unexpected argument "${positional}" (this command takes no PATH)`;
  return message;
}

/** The long option nearest to a typo (edit distance at most 2, or 3 for long names), if any. */
function closestOption(typed: string, options: Options): string | undefined {
  if (!typed.startsWith('--')) return undefined;
  const name = typed.slice(2).split('=')[0];
  let best: { name: string; distance: number } | undefined;
  for (const candidate of Object.keys(options)) {
    const distance = editDistance(name, candidate);
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  const limit = name.length >= 8 ? 3 : 2;
  return best && best.distance <= limit ? `--${best.name}` : undefined;
}

/** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters is one edit. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
