import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createClient } from '@redis/client';
import { freePort, tearDownServer } from './server-process.js';

/** One command as MONITOR printed it: the client's address and the arguments (command first, lower-cased). */
export interface MonitoredCommand {
  client: string;
  args: string[];
}

/** One ACL LOG entry: a command, key or auth refusal. */
export interface AclLogEntry {
  reason: string;
  object: string;
  username: string;
}

/** A real redis-server started for a test file on 127.0.0.1 and a free port, with its commands watched by MONITOR. */
export interface TestRedis {
  port: number;
  version: string;
  /** The default user's password (password-only AUTH). */
  adminPassword: string;
  url(user: string, password: string, database?: number): string;
  /** Every command executed since start, except the test setup's own (MONITOR), once MONITOR has caught up. */
  monitored(): Promise<MonitoredCommand[]>;
  /** The ACL log (refused commands, keys and logins), newest first, then emptied; reading it is test setup. */
  takeAclLog(): Promise<AclLogEntry[]>;
  /**
   * The server's per-command counters (INFO commandstats: calls + rejected_calls + failed_calls),
   * by `command|subcommand`. Unlike MONITOR, they count commands flagged admin (CONFIG SET, ACL
   * SETUSER…), which MONITOR never shows, and refused ones.
   */
  commandCounts(): Promise<Map<string, number>>;
  /** The server's own flags per command and subcommand (COMMAND), e.g. `flushall` → ['write', …]. */
  flags: Map<string, string[]>;
  stop(): Promise<void>;
}

function findRedisServer(): string {
  const dirs = [process.env.BLASTRADIUS_TEST_REDIS_BIN, ...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin', '/opt/homebrew/bin'].filter(
    Boolean,
  ) as string[];
  for (const dir of dirs) {
    try {
      accessSync(join(dir, 'redis-server'), constants.X_OK);
      return join(dir, 'redis-server');
    } catch {
      // next
    }
  }
  throw new Error(
    'redis-server not found in $BLASTRADIUS_TEST_REDIS_BIN, PATH or /usr/bin. Install it (Debian/Ubuntu: apt-get install redis-server) — the Redis provider tests need a real server.',
  );
}

/** A MONITOR line: `+1339518083.107412 [0 127.0.0.1:60866] "keys" "*"` (https://redis.io/docs/latest/commands/monitor/). */
function parseMonitorLine(line: string): MonitoredCommand | undefined {
  const match = /^\+\d+\.\d+ \[\d+ ([^\]]+)\] (.*)$/.exec(line);
  if (!match) return undefined;
  const args = [...match[2].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].replace(/\\(.)/g, '$1'));
  if (args.length) args[0] = args[0].toLowerCase();
  return { client: match[1], args };
}

export interface RedisOptions {
  /** redis.conf lines (users, persistence) after the test's own port/bind/dir lines. */
  config: (adminPassword: string) => string[];
}

/** Starts redis-server with the given users; fails (never skips) when it is missing. */
export async function startRedis(options: RedisOptions): Promise<TestRedis> {
  const binary = findRedisServer();
  const dir = mkdtempSync(join(tmpdir(), 'blastradius-redis-'));
  const adminPassword = randomBytes(18).toString('hex');
  const port = await freePort();
  const conf = join(dir, 'redis.conf');
  writeFileSync(
    conf,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      'daemonize no',
      'protected-mode yes',
      `user default on >${adminPassword} ~* &* +@all`,
      ...options.config(adminPassword),
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const logFd = openSync(join(dir, 'server.log'), 'a');
  const child: ChildProcess = spawn(binary, [conf], { stdio: ['ignore', logFd, logFd] });
  let exited = false;
  child.once('exit', () => (exited = true));
  const tail = () => readFileSync(join(dir, 'server.log'), 'utf8').split('\n').slice(-20).join('\n');
  const admin = createClient({
    socket: { host: '127.0.0.1', port, reconnectStrategy: false },
    password: adminPassword,
    disableClientInfo: true,
    maintNotifications: 'disabled',
  } as Parameters<typeof createClient>[0]);
  admin.on('error', () => undefined);
  let monitor: Socket | undefined;
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (exited) throw new Error(`redis-server exited during start-up:\n${tail()}`);
      try {
        await admin.connect();
        break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`redis-server did not accept connections within 20 s (${(error as Error).message}):\n${tail()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const info = String(await admin.sendCommand(['INFO', 'server']));
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
    const adminAddress = /addr=(\S+)/.exec(String(await admin.sendCommand(['CLIENT', 'INFO'])))?.[1] ?? '';
    const flags = new Map<string, string[]>();
    for (const entry of (await admin.sendCommand(['COMMAND'])) as unknown[][]) {
      flags.set(String(entry[0]), (entry[2] as unknown[]).map(String));
      for (const sub of (entry[9] as unknown[][] | undefined) ?? []) flags.set(String(sub[0]), (sub[2] as unknown[]).map(String));
    }
    // MONITOR on a raw socket: its own AUTH and MONITOR are not in its output.
    const seen: MonitoredCommand[] = [];
    const socket = connect(port, '127.0.0.1');
    monitor = socket;
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      socket.once('error', reject);
      socket.on('data', (chunk) => {
        buffer += chunk.toString('utf8');
        const lines = buffer.split('\r\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (line === '+OK') continue;
          const parsed = parseMonitorLine(line);
          if (parsed) seen.push(parsed);
        }
        if (!buffer && lines.includes('+OK')) resolve();
      });
      socket.write(`AUTH ${adminPassword}\r\nMONITOR\r\n`);
    });
    return {
      port,
      version,
      adminPassword,
      url: (user, password, database) =>
        `redis://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}${database ? `/${database}` : ''}`,
      monitored: async () => {
        // MONITOR streams asynchronously: wait for a marker the admin sends after everything else.
        const marker = `br-mark-${randomBytes(6).toString('hex')}`;
        await admin.sendCommand(['ECHO', marker]);
        for (let i = 0; i < 200 && !seen.some((c) => c.args[1] === marker); i++) await new Promise((r) => setTimeout(r, 10));
        return seen.filter((c) => c.client !== adminAddress);
      },
      takeAclLog: async () => {
        const entries = (await admin.sendCommand(['ACL', 'LOG', '128'])) as unknown[][];
        await admin.sendCommand(['ACL', 'LOG', 'RESET']);
        return entries.map((entry) => {
          const fields = new Map<string, string>();
          for (let i = 0; i + 1 < entry.length; i += 2) fields.set(String(entry[i]), String(entry[i + 1]));
          return { reason: fields.get('reason') ?? '', object: fields.get('object') ?? '', username: fields.get('username') ?? '' };
        });
      },
      commandCounts: async () => {
        const counts = new Map<string, number>();
        for (const line of String(await admin.sendCommand(['INFO', 'commandstats'])).split('\r\n')) {
          const match = /^cmdstat_([^:]+):(.*)$/.exec(line);
          if (!match) continue;
          const field = (name: string) => Number(new RegExp(`(?:^|,)${name}=(\\d+)`).exec(match[2])?.[1] ?? 0);
          counts.set(match[1], field('calls') + field('rejected_calls') + field('failed_calls'));
        }
        return counts;
      },
      flags,
      stop: async () => {
        socket.destroy();
        admin.destroy();
        await tearDownServer(child, 'SIGTERM', logFd, dir);
      },
    };
  } catch (error) {
    monitor?.destroy();
    admin.destroy();
    await tearDownServer(child, 'SIGTERM', logFd, dir);
    throw error;
  }
}
