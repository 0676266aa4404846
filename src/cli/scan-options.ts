import { lstatSync, readdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../core/errors.js';
import { BATCH_FILES } from '../scan/prestart.js';
import type { RunContext } from './io.js';

/** Flags shared by scan, ci, baseline and audit (node:util parseArgs definitions). */
export const SCAN_FLAGS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  offline: { type: 'boolean' },
  config: { type: 'string', short: 'c' },
  baseline: { type: 'string' },
  'no-baseline': { type: 'boolean' },
  staged: { type: 'boolean' },
  since: { type: 'string' },
  'git-history': { type: 'boolean' },
  home: { type: 'boolean' },
  env: { type: 'boolean' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'include-node-modules': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  'file-time-budget': { type: 'string' },
  workers: { type: 'string' },
  rules: { type: 'string', multiple: true },
  verbose: { type: 'boolean', short: 'v' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  timeout: { type: 'string' },
  'no-cache': { type: 'boolean' },
  'github-api-url': { type: 'string' },
  'aws-audit-profile': { type: 'string' },
  'verify-canaries': { type: 'boolean' },
  'allow-empty': { type: 'boolean' },
  'log-opts': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What `scan` accepts: the shared flags and its own (src/cli/commands/scan.ts; read early by src/git/history-prestart.ts). */
export const SCAN_COMMAND_FLAGS = { ...SCAN_FLAGS, 'exit-code': { type: 'string' }, 'verify-ids': { type: 'string' } } as const;

/** What `hook run` accepts (src/cli/commands/hook-run.ts; read early by src/git/hook-prestart.ts). */
export const HOOK_RUN_FLAGS = {
  offline: SCAN_FLAGS.offline,
  verify: { type: 'boolean' },
  'pre-push': { type: 'boolean' },
  'fail-open': { type: 'boolean' },
  config: SCAN_FLAGS.config,
  baseline: SCAN_FLAGS.baseline,
  'no-baseline': SCAN_FLAGS['no-baseline'],
  include: SCAN_FLAGS.include,
  exclude: SCAN_FLAGS.exclude,
  'max-file-size': SCAN_FLAGS['max-file-size'],
  'file-time-budget': SCAN_FLAGS['file-time-budget'],
  rules: SCAN_FLAGS.rules,
  verbose: SCAN_FLAGS.verbose,
  timeout: SCAN_FLAGS.timeout,
  'no-cache': SCAN_FLAGS['no-cache'],
  'github-api-url': SCAN_FLAGS['github-api-url'],
  'aws-audit-profile': SCAN_FLAGS['aws-audit-profile'],
  help: SCAN_FLAGS.help,
} as const;

/**
 * `scan`'s arguments parsed as the command will parse them, for what starts before it loads
 * (src/cli/run.ts, src/git/history-prestart.ts); undefined for anything `scan` refuses, which its
 * own parser reports.
 */
export function parseScanCommand(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: SCAN_COMMAND_FLAGS, allowPositionals: true, strict: true });
  } catch {
    return undefined;
  }
}

/** At most this many directories are listed to tell whether a scan's tree is small. */
const PEEK_DIRECTORIES = 16;

/**
 * Whether a `scan` of these arguments reads fewer files than one batch (`scan .env config.yml`, a
 * small directory): the pool scans such a walk in the calling thread (src/scan/pool.ts), so workers
 * started early would only take CPU from the command's loading. Found by listing at most
 * PEEK_DIRECTORIES directories (`.git` skipped, everything else counted, node_modules too);
 * anything else (a larger tree, a symbolic link, something unreadable, `--home`, a flag `scan`
 * does not accept) answers no, and the workers start early as usual. A wrong answer costs time,
 * never a finding: a pool without early workers starts them with its first full batch.
 */
export function scanLooksSmall(args: readonly string[], cwd: string): boolean {
  const parsed = parseScanCommand(args);
  if (!parsed || parsed.values.home) return false;
  let files = 0;
  let directories = 0;
  const small = (path: string): boolean => {
    try {
      const stat = lstatSync(path);
      if (stat.isFile()) return ++files < BATCH_FILES;
      if (!stat.isDirectory() || ++directories > PEEK_DIRECTORIES) return false;
      for (const entry of readdirSync(path, { withFileTypes: true })) {
        if (entry.name === '.git') continue;
        if (entry.isFile()) {
          if (++files >= BATCH_FILES) return false;
        } else if (!entry.isDirectory() || !small(join(path, entry.name))) return false;
      }
      return true;
    } catch {
      return false;
    }
  };
  return (parsed.positionals.length > 0 ? parsed.positionals : ['.']).every((path) => small(resolve(cwd, path)));
}

/** Options whose value may start with a dash: `--log-opts "--since=2024-01-01"`. */
export const DASH_VALUES = ['log-opts'] as const;

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export type ScanFlagValues = {
  [K in keyof typeof SCAN_FLAGS]?: (typeof SCAN_FLAGS)[K]['type'] extends 'boolean'
    ? boolean
    : (typeof SCAN_FLAGS)[K] extends { multiple: true }
      ? string[]
      : string;
};

/** `10MB`, `512k`, `1048576` → bytes. */
export function parseSize(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(text.trim());
  if (!match) throw new UsageError(`--${flag}: expected a size like 10MB, 512KB or 1048576, got "${text}"`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.floor(Number(match[1]) * unit);
}

export function parseInteger(text: string, flag: string, min: number, max: number): number {
  // Number('') and Number(' 7') are integers too: only digits count.
  const value = /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`--${flag}: expected an integer from ${min} to ${max}, got "${text}"`);
  return value;
}

/** `30s`, `500ms`, `10` (seconds) → milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match) throw new UsageError(`--${flag}: expected a duration like 10s or 500ms, got "${text}"`);
  const factor = match[2] === 'ms' ? 1 : match[2] === 'm' ? 60_000 : 1000;
  return Math.round(Number(match[1]) * factor);
}

export function resolvePath(ctx: RunContext, path: string): string {
  return isAbsolute(path) ? path : resolve(ctx.cwd, path);
}

export function useColor(values: ScanFlagValues, ctx: RunContext): boolean {
  if (values['no-color']) return false;
  if (values.color) return true;
  if (ctx.env.NO_COLOR !== undefined && ctx.env.NO_COLOR !== '') return false;
  if (ctx.env.FORCE_COLOR !== undefined && ctx.env.FORCE_COLOR !== '0') return true;
  return ctx.isTTY;
}

/**
 * A work-tree scan that read no file at all (an empty or mistyped directory, an over-eager
 * --exclude) proves nothing: it is an error unless --allow-empty says it is expected.
 */
export function requireScannedFiles(files: number, roots: readonly string[], values: ScanFlagValues, gitMode: boolean): void {
  if (files > 0 || gitMode || values['allow-empty']) return;
  throw new UsageError(
    `nothing was scanned: 0 files under ${roots.join(', ')} (an empty directory, or every file excluded or skipped); --allow-empty accepts that`,
  );
}
