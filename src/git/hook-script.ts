/** The line that marks a pre-commit hook as ours: `hook uninstall` removes only a hook that has it. */
export const HOOK_MARKER = '# blastradius-hook';

/** The foreign hook `--chain` keeps, next to ours, run first. */
export const CHAINED_HOOK = 'pre-commit.local';

/** The git hooks blastradius installs: before a commit (the staged changes), or before a push (the commits it publishes). */
export type HookType = 'pre-commit' | 'pre-push';

export function chainedHookName(type: HookType): string {
  return `${type}.local`;
}

/** How the installed hook calls the CLI, recorded at install time. */
export interface HookScriptOptions {
  /** Absolute path of the node that ran `hook install` (GUI git clients often have no node on PATH). */
  nodePath: string;
  /** Absolute path of the CLI's compiled bin (dist/src/bin/blastradius.js). */
  binPath: string;
  chain: boolean;
  failOpen: boolean;
  verify: boolean;
  /**
   * The hooks directory is committed (core.hooksPath inside the work tree) and shared by a team:
   * no path of this machine goes into the file. Each clone's `hook install` records them in its
   * own local git config (blastradius.node, blastradius.bin) instead.
   */
  portable?: boolean;
  /** Default pre-commit. */
  type?: HookType;
}

/**
 * A POSIX sh pre-commit hook. It calls node on the absolute bin path recorded at install (no npx:
 * its start-up alone costs more than the whole check), then falls back to the project's
 * node_modules/.bin, then `npx --no-install`. When none can run, it blocks the commit with a
 * message (exit 1) — or, installed with --fail-open, warns and lets it through.
 */
export function hookScript(options: HookScriptOptions): string {
  const type = options.type ?? 'pre-commit';
  const push = type === 'pre-push';
  const args = [
    'hook',
    'run',
    ...(push ? ['--pre-push', '--offline'] : options.verify ? ['--verify'] : ['--offline']),
    ...(options.failOpen ? ['--fail-open'] : []),
  ].join(' ');
  return `#!/bin/sh
${HOOK_MARKER} v1 — installed by \`blastradius hook install\`; \`blastradius hook uninstall\` removes it.
# Blocks a ${push ? 'push whose commits add' : 'commit that adds'} a secret (offline: nothing leaves this machine). Skip once: git ${push ? 'push' : 'commit'} --no-verify
${
  options.portable
    ? PORTABLE_PATHS
    : `node_bin=${shellQuote(options.nodePath)}
blastradius_bin=${shellQuote(options.binPath)}`
}
chained=${options.chain ? chainedHookName(type) : "''"}
fail_open=${options.failOpen ? 1 : 0}
${
  push
    ? `# git writes one line per pushed ref on stdin (<local ref> <local sha> <remote ref> <remote sha>): read it once, for both.
refs=$(cat)
`
    : ''
}
if [ -n "$chained" ] && [ -x "$(dirname "$0")/$chained" ]; then
  ${push ? 'printf \'%s\\n\' "$refs" | ' : ''}"$(dirname "$0")/$chained" "$@" || exit $?
fi

run_blastradius() {
  if [ -f "$blastradius_bin" ]; then
    if [ -x "$node_bin" ]; then "$node_bin" "$blastradius_bin" "$@"; return $?; fi
    if command -v node >/dev/null 2>&1; then node "$blastradius_bin" "$@"; return $?; fi
  fi
  if [ -x ./node_modules/.bin/blastradius ]; then ./node_modules/.bin/blastradius "$@"; return $?; fi
  if command -v blastradius >/dev/null 2>&1; then blastradius "$@"; return $?; fi
  if command -v npx >/dev/null 2>&1 && npx --no-install blastradius --version >/dev/null 2>&1; then
    npx --no-install blastradius "$@"; return $?
  fi
  echo "blastradius hook: cannot find blastradius (looked for $blastradius_bin, ./node_modules/.bin/blastradius, npx --no-install blastradius)" >&2
  return 127
}

${push ? `# shellcheck disable=SC2086 # ref names hold no spaces: each line splits into its four words\nrun_blastradius ${args} -- $refs` : `run_blastradius ${args}`}
status=$?
if [ "$status" -ge 126 ]; then
  if [ "$fail_open" = 1 ]; then
    echo "blastradius hook: WARNING: the ${push ? 'push' : 'commit'} goes through UNCHECKED (installed with --fail-open)" >&2
    exit 0
  fi
  echo "blastradius hook: the ${push ? 'push' : 'commit'} was blocked: the check could not run and this hook fails closed." >&2
  echo "  Reinstall it (npx blastradius hook install${push ? ' --pre-push' : ''}), or skip the check once: git ${push ? 'push' : 'commit'} --no-verify" >&2
  exit 1
fi
exit $status
`;
}

// A committed hook finds the CLI through this clone's own git config, then the project's node_modules.
const PORTABLE_PATHS = `# Shared by the team (core.hooksPath): each clone's \`blastradius hook install\` records its paths in .git/config.
node_bin=$(git config --get blastradius.node 2>/dev/null || true)
blastradius_bin=$(git config --get blastradius.bin 2>/dev/null || true)
if [ -z "$blastradius_bin" ]; then
  blastradius_bin="$(git rev-parse --show-toplevel 2>/dev/null || pwd)/node_modules/blastradius/dist/src/bin/blastradius.js"
fi`;

/** Single-quotes a value for sh: `it's` → `'it'\\''s'`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
