import { spawn, type ChildProcess } from 'node:child_process';

/**
 * git processes started ahead of their reader (src/git/history-prestart.ts, src/git/hook-prestart.ts):
 * what they print is kept in memory until the reader that would have started the very same
 * command adopts them. Light on purpose: the command line loads it before the command's modules.
 */

interface Consumer {
  data(chunk: Buffer): void;
  close(code: number | null, stderr: string): void;
  error(error: Error): void;
}

let started = 0;

/** How many git processes RunningGit has started in this process (tests: an early start was adopted). */
export const gitsStarted = (): number => started;

/**
 * A git process whose output is kept until a reader attaches, then handed over as it comes: a
 * command started early (before the scan loaded) loses nothing it printed in the meantime.
 */
export class RunningGit {
  readonly #child: ChildProcess;
  #chunks: Buffer[] = [];
  #stderr = '';
  #closed: { code: number | null } | undefined;
  #error: Error | undefined;
  #consumer: Consumer | undefined;

  constructor(
    readonly args: readonly string[],
    cwd: string,
    env: NodeJS.ProcessEnv,
  ) {
    this.#child = spawn('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    started++;
    this.#child.stdout!.on('data', (chunk: Buffer) => (this.#consumer ? this.#consumer.data(chunk) : this.#chunks.push(chunk)));
    this.#child.stderr!.on('data', (chunk: Buffer) => (this.#stderr += chunk.toString('utf8')));
    this.#child.on('error', (error) => (this.#consumer ? this.#consumer.error(error) : (this.#error ??= error)));
    this.#child.on('close', (code) => (this.#consumer ? this.#consumer.close(code, this.#stderr) : (this.#closed = { code })));
  }

  /** Gives `consumer` what was printed so far, then the rest as it comes. */
  attach(consumer: Consumer): void {
    this.#consumer = consumer;
    this.ref();
    const chunks = this.#chunks;
    this.#chunks = [];
    for (const chunk of chunks) consumer.data(chunk);
    if (this.#error) consumer.error(this.#error);
    else if (this.#closed) consumer.close(this.#closed.code, this.#stderr);
  }

  /** Whether it runs `args` (a reader adopts only the command it would have started itself). */
  runs(args: readonly string[]): boolean {
    return args.length === this.args.length && args.every((a, i) => a === this.args[i]);
  }

  kill(): void {
    this.#child.kill();
  }

  /** Not waited for while nobody reads it: a process started early never keeps the command alive. */
  unref(): void {
    this.#child.unref();
    (this.#child.stdout as unknown as { unref?: () => void }).unref?.();
    (this.#child.stderr as unknown as { unref?: () => void }).unref?.();
  }

  ref(): void {
    this.#child.ref();
    (this.#child.stdout as unknown as { ref?: () => void }).ref?.();
    (this.#child.stderr as unknown as { ref?: () => void }).ref?.();
  }
}

/** Runs git to the end: its exit code and stdout, or undefined when it could not start. */
export function gitResult(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string } | undefined> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    new RunningGit(args, cwd, env).attach({
      data: (chunk) => chunks.push(chunk),
      close: (code) => done({ code, stdout: Buffer.concat(chunks).toString('utf8') }),
      error: () => done(undefined),
    });
  });
}

/** Runs git to the end and returns its stdout, or undefined when it fails. */
export async function gitOutput(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const result = await gitResult(args, cwd, env);
  return result?.code === 0 ? result.stdout : undefined;
}
