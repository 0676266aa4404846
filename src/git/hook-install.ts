import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { HOOK_MARKER, chainedHookName, hookScript, type HookScriptOptions, type HookType } from './hook-script.js';

/** What `hook install` did, for the message it prints. */
export interface InstallOutcome {
  path: string;
  /** Our own hook was there and was updated. */
  updated: boolean;
  /** A foreign hook replaced with --force, copied here first. */
  backup?: string;
  /** A foreign hook moved here by --chain; ours runs it first. */
  chained?: string;
}

export type UninstallOutcome = { state: 'absent' } | { state: 'foreign'; path: string } | { state: 'removed'; path: string; restored?: string };

export function isOwnHook(content: string): boolean {
  return content.split('\n').some((line) => line.startsWith(HOOK_MARKER));
}

/**
 * Writes `<hooks>/pre-commit`. A hook we did not write is never lost: without --force or --chain
 * the install is refused (exit 2); --chain moves it to pre-commit.local and runs it first;
 * --force replaces it but keeps a copy.
 */
export function installHook(hooksDir: string, options: Omit<HookScriptOptions, 'chain'> & { chain?: boolean; force?: boolean }): InstallOutcome {
  const type = options.type ?? 'pre-commit';
  const target = join(hooksDir, type);
  const chainName = chainedHookName(type);
  const chainTarget = join(hooksDir, chainName);
  mkdirSync(hooksDir, { recursive: true });
  const existing = readIfExists(target);
  const outcome: InstallOutcome = { path: target, updated: false };
  let chain = options.chain ?? false;
  if (existing !== undefined && isOwnHook(existing)) {
    outcome.updated = true;
    // Re-installing keeps a chain made earlier.
    chain ||= existing.includes(`chained=${chainName}`);
  } else if (existing !== undefined) {
    if (options.chain) {
      if (existsSync(chainTarget)) throw new UsageError(`cannot chain: ${chainTarget} already exists`, 'move it away first, or replace the hook with --force');
      renameSync(target, chainTarget);
      chmodSync(chainTarget, 0o755);
      outcome.chained = chainTarget;
    } else if (options.force) {
      outcome.backup = `${target}.blastradius-backup`;
      copyFileSync(target, outcome.backup);
    } else {
      throw new UsageError(`a ${type} hook that blastradius did not write already exists: ${target}`, foreignHookHint(hooksDir));
    }
  }
  const temporary = `${target}.blastradius-tmp`;
  writeFileSync(temporary, hookScript({ ...options, chain }), { mode: 0o755 });
  chmodSync(temporary, 0o755);
  renameSync(temporary, target);
  return outcome;
}

/** Removes our hook (and puts a chained one back); a hook we did not write is left alone. */
export function uninstallHook(hooksDir: string, type: HookType = 'pre-commit'): UninstallOutcome {
  const target = join(hooksDir, type);
  const existing = readIfExists(target);
  if (existing === undefined) return { state: 'absent' };
  if (!isOwnHook(existing)) return { state: 'foreign', path: target };
  rmSync(target);
  const chained = join(hooksDir, chainedHookName(type));
  if (existing.includes(`chained=${chainedHookName(type)}`) && existsSync(chained)) {
    renameSync(chained, target);
    return { state: 'removed', path: target, restored: target };
  }
  return { state: 'removed', path: target };
}

function foreignHookHint(hooksDir: string): string {
  if (/[\\/]\.husky([\\/]|$)/.test(hooksDir))
    return 'husky manages this directory: add `blastradius hook run` to .husky/pre-commit instead (README: "Pre-commit and CI")';
  return '`--chain` keeps it and runs it first, `--force` replaces it (a copy is kept)';
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
