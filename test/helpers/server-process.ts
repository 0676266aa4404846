import type { ChildProcess } from 'node:child_process';
import { closeSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';

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

/** A port free on 127.0.0.1 now (the server started next binds it; nothing listens there until then). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Database servers refuse to run as root: when we are root, the account to run `server` as — the
 * first of `accounts` that exists (its own, as the Debian package creates it, then `nobody`).
 */
export function serverAccount(server: string, accounts: readonly string[]): { name: string; uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const passwd = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'));
  for (const name of accounts) {
    const entry = passwd.find((fields) => fields[0] === name);
    if (entry) return { name, uid: Number(entry[2]), gid: Number(entry[3]) };
  }
  throw new Error(`running as root and none of the accounts ${accounts.map((a) => `\`${a}\``).join(', ')} exists to run ${server}`);
}
