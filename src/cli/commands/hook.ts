import { existsSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, errorMessage } from '../../core/errors.js';
import { gitSync, hooksDirectory, openRepository } from '../../git/git.js';
import { EXIT, type RunContext, type RunResult } from '../io.js';

const INSTALL_FLAGS = {
  force: { type: 'boolean' },
  chain: { type: 'boolean' },
  'fail-open': { type: 'boolean' },
  verify: { type: 'boolean' },
  'pre-push': { type: 'boolean' },
} as const;

/** `blastradius hook install|uninstall|run`: the git pre-commit hook. */
export async function hookCommand(argv: string[], ctx: RunContext): Promise<RunResult> {
  const [action, ...rest] = argv;
  switch (action) {
    case 'run':
      // Each action loads only its own code: the commit-time path none of the installer.
      return (await import('./hook-run.js')).hookRunCommand(rest, ctx);
    case 'install':
      return install(rest, ctx);
    case 'uninstall':
      return uninstall(rest, ctx);
    default:
      throw new UsageError(
        action ? `hook: unknown action "${action}"` : 'hook: expected install, uninstall or run',
        'blastradius hook install [--chain|--force] [--fail-open] [--verify]',
      );
  }
}

async function install(argv: string[], ctx: RunContext): Promise<RunResult> {
  const { installHook } = await import('../../git/hook-install.js');
  const values = parse(argv, INSTALL_FLAGS);
  if (values.force && values.chain) throw new UsageError('--force and --chain cannot be combined: --force replaces the existing hook, --chain keeps it');
  const repo = openRepository(ctx.cwd, ctx.env, 'hook install');
  const binPath = await compiledBin();
  const nodePath = process.execPath;
  const hooksDir = hooksDirectory(repo);
  // A hooks directory inside the work tree is committed and shared: keep this machine's paths out of it.
  const portable = isInside(hooksDir, repo.toplevel) && !isInside(hooksDir, repo.gitDir);
  const type = values['pre-push'] ? 'pre-push' : 'pre-commit';
  if (type === 'pre-push' && values.verify) throw new UsageError('--pre-push runs offline: it checks what the commits add, before they leave this machine');
  const outcome = installHook(hooksDir, {
    nodePath,
    binPath,
    chain: values.chain,
    force: values.force,
    failOpen: values['fail-open'] ?? false,
    verify: values.verify ?? false,
    portable,
    type,
  });
  if (portable) {
    gitSync(['config', '--local', 'blastradius.node', nodePath], repo.cwd, repo.env);
    gitSync(['config', '--local', 'blastradius.bin', binPath], repo.cwd, repo.env);
  }
  const show = (path: string) => relative(ctx.cwd, path) || path;
  const lines = [
    `${outcome.updated ? 'updated' : 'installed'} the blastradius ${type} hook: ${show(outcome.path)}`,
    `  it runs: ${nodePath} ${binPath} hook run ${type === 'pre-push' ? '--pre-push --offline' : values.verify ? '--verify' : '--offline'}${values['fail-open'] ? ' --fail-open' : ''}`,
    values['fail-open']
      ? '  fails OPEN: if the check cannot run, the commit goes through with a warning'
      : '  fails closed: if the check cannot run, the commit is blocked with the reason',
  ];
  if (portable)
    lines.push(
      `  the hook file is shared (core.hooksPath): it holds no path of this machine; this clone's paths are in .git/config (blastradius.node, blastradius.bin), and each teammate runs \`npx blastradius hook install\` once`,
    );
  if (outcome.chained) lines.push(`  your existing hook now lives at ${show(outcome.chained)} and runs first`);
  if (outcome.backup) lines.push(`  replaced your existing hook; a copy is at ${show(outcome.backup)}`);
  return { exitCode: EXIT.clean, stdout: `${lines.join('\n')}\n`, stderr: '' };
}

async function uninstall(argv: string[], ctx: RunContext): Promise<RunResult> {
  const { uninstallHook } = await import('../../git/hook-install.js');
  const values = parse(argv, { 'pre-push': { type: 'boolean' } });
  const type = values['pre-push'] ? 'pre-push' : 'pre-commit';
  const repo = openRepository(ctx.cwd, ctx.env, 'hook uninstall');
  const outcome = uninstallHook(hooksDirectory(repo), type);
  const show = (path: string) => relative(ctx.cwd, path) || path;
  switch (outcome.state) {
    case 'absent':
      return { exitCode: EXIT.clean, stdout: `no ${type} hook installed: nothing to remove\n`, stderr: '' };
    case 'foreign':
      return { exitCode: EXIT.clean, stdout: `${show(outcome.path)} was not installed by blastradius: left alone\n`, stderr: '' };
    case 'removed':
      return {
        exitCode: EXIT.clean,
        stdout: `removed the blastradius ${type} hook${outcome.restored ? `; your chained hook is back at ${show(outcome.restored)}` : ''}\n`,
        stderr: '',
      };
  }
}

/** The package's compiled bin (package.json `bin`): the hook runs it with node directly. */
async function compiledBin(): Promise<string> {
  const bin = (await import('./hook-advice.js')).packageBin();
  if (!existsSync(bin)) throw new UsageError(`the compiled CLI is missing: ${bin}`, 'run `npm run compile` first');
  return bin;
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function parse(argv: string[], options: Record<string, { type: 'boolean' }>): Record<string, boolean | undefined> {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: false, strict: true }).values as Record<
      string,
      boolean | undefined
    >;
  } catch (error) {
    throw new UsageError(errorMessage(error).replace(/^TypeError \[\w+\]: /, ''));
  }
}
