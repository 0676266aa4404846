import { parseArgs } from 'node:util';
import { HOOK_RUN_FLAGS } from '../cli/scan-options.js';
import { gitEnvironment, QUICK_OPEN_ARGS, repositoryFromQuick, type GitRepository } from './git.js';
import { gitResult, RunningGit } from './running-git.js';
import { diffIndexArgs, type EarlyDiff } from './staged.js';

/**
 * The pre-commit check (`hook run`) starts its first two git commands before its modules load:
 * where the repository is and HEAD's commit (rev-parse), then what the index changes against
 * that commit (diff-index, which reads the whole index: the slow one on a large repository).
 * They used to run after the modules had loaded, one after the other, with the second CPU idle;
 * started here they run while the modules load. The check adopts them only when it was started
 * with the same directory and environment (the same RunContext), and stagedFiles uses the diff
 * only when it would have run the very same command; anything else is stopped when the command ends.
 */

export interface EarlyStaged {
  repo: GitRepository;
  /** The diff-index against HEAD's commit; absent on an unborn HEAD (the check compares with the empty tree itself). */
  diff?: Promise<EarlyDiff>;
}

type Context = { cwd: string; env: NodeJS.ProcessEnv };

let early: { ctx: Context; started: Promise<EarlyStaged | undefined> } | undefined;
let released = false;
let diffProcess: RunningGit | undefined;

/** Starts the check's git commands when `args` (what follows `hook run`) is a pre-commit check. */
export function prestartStaged(args: readonly string[], ctx: Context): void {
  let values: { 'pre-push'?: boolean; help?: boolean };
  try {
    values = parseArgs({ args: [...args], options: HOOK_RUN_FLAGS, allowPositionals: true, strict: true }).values;
  } catch {
    return; // hook run's own parser says what is wrong
  }
  if (values['pre-push'] || values.help) return;
  released = false;
  // Never a failure of its own: whatever goes wrong here, the check runs its git itself and reports it.
  early = { ctx, started: start(ctx.cwd, gitEnvironment(ctx.env)).catch(() => undefined) };
}

async function start(cwd: string, env: NodeJS.ProcessEnv): Promise<EarlyStaged | undefined> {
  const quick = await gitResult(QUICK_OPEN_ARGS, cwd, env);
  // Not a repository, git missing: openRepository finds it out and says so itself.
  const repo = quick && !released ? repositoryFromQuick(quick.stdout, quick.code, cwd, env) : undefined;
  if (!repo?.head) return repo && { repo };
  const args = diffIndexArgs(repo.head, []);
  const git = new RunningGit(args, cwd, env);
  diffProcess = git;
  return { repo, diff: diffOutput(git, args) };
}

function diffOutput(git: RunningGit, args: readonly string[]): Promise<EarlyDiff> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    git.attach({
      data: (chunk) => chunks.push(chunk),
      close: (code) => done({ args, output: code === 0 ? Buffer.concat(chunks).toString('utf8') : undefined }),
      error: () => done({ args, output: undefined }),
    });
  });
}

/** What was started early for this very context, once; undefined when nothing was (or for another context). */
export async function takeStaged(ctx: Context): Promise<EarlyStaged | undefined> {
  const taken = early;
  early = undefined;
  if (!taken) return undefined;
  const started = await taken.started;
  if (taken.ctx.cwd === ctx.cwd && taken.ctx.env === ctx.env) {
    diffProcess = undefined;
    return started;
  }
  stop();
  return undefined;
}

/** Stops what nobody adopted (a check that failed before it read the index). */
export function releaseStaged(): void {
  released = true;
  const taken = early;
  early = undefined;
  void taken?.started.then(stop);
}

function stop(): void {
  diffProcess?.kill();
  diffProcess = undefined;
}
