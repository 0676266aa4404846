import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { packageRoot } from '../../core/paths.js';

/**
 * Who runs the hook decides which commands its messages may suggest. The pre-commit framework
 * installs blastradius in its own environment: `blastradius` is on the hook's PATH but not on the
 * user's, and the hook is skipped with pre-commit's `SKIP=<hook id>` and configured with `args:`.
 */
export interface HookAdvice {
  /** A command line that runs this blastradius from the user's shell. */
  self: string;
  /** Run by the pre-commit framework (it sets PRE_COMMIT=1 for its hooks, since pre-commit 2.5). */
  framework: boolean;
}

/** The hook id in .pre-commit-hooks.yaml, which pre-commit's SKIP variable names. */
export const PRE_COMMIT_HOOK_ID = 'blastradius';

export function hookAdvice(env: NodeJS.ProcessEnv): HookAdvice {
  const framework = env.PRE_COMMIT === '1';
  if (!framework && onPath('blastradius', env.PATH)) return { self: 'blastradius', framework };
  return { self: `${shellWord(process.execPath)} ${shellWord(packageBin())}`, framework };
}

/** The package's CLI entry point as package.json `bin` names it (the compiled file). */
export function packageBin(): string {
  const root = packageRoot();
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
  return join(root, manifest.bin?.blastradius ?? 'dist/src/bin/blastradius.js');
}

function onPath(command: string, path: string | undefined): boolean {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/** A path as one shell word: bare when it is plainly safe, single-quoted otherwise. */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
