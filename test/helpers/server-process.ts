import type { ChildProcess } from 'node:child_process';
import { closeSync, rmSync } from 'node:fs';

/**
 * Stops a database server the tests started, with its own shutdown signal (PostgreSQL's fast
 * shutdown is SIGINT; mariadbd and redis-server stop on SIGTERM); SIGKILL only if it does not stop
 * within 10 s.
 */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Stops the server (when it was started), closes its log and removes its data directory. */
export async function tearDownServer(child: ChildProcess | undefined, signal: NodeJS.Signals, logFd: number, dir: string): Promise<void> {
  if (child) await stopChild(child, signal);
  closeSync(logFd);
  rmSync(dir, { recursive: true, force: true });
}
