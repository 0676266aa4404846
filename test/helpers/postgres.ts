import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chownSync, constants, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';
import { freePort, serverAccount, tearDownServer } from './server-process.js';

/** The superuser initdb creates; every statement it sends is test setup, not the code under test. */
export const BOOTSTRAP_ROLE = 'br_bootstrap';

/** One entry of the server log (log_statement=all), parsed from our log_line_prefix. */
export interface ServerLogEntry {
  pid: number;
  user: string;
  database: string;
  application: string;
  level: string;
  message: string;
}

/** A real PostgreSQL server started for a test file, on 127.0.0.1 and a free port. */
export interface TestPostgres {
  host: '127.0.0.1';
  port: number;
  /** server_version_num, e.g. 150018. */
  versionNum: number;
  binDir: string;
  /** A connection URL for `role` with `password` to `database`. */
  url(role: string, password: string, database: string): string;
  /** Runs SQL as the bootstrap superuser (test setup only). */
  admin(sql: string, database?: string): Promise<pg.QueryResult>;
  /** Every statement the server logged, parsed. */
  logEntries(): ServerLogEntry[];
  stop(): Promise<void>;
}

const BIN_NAMES = ['initdb', 'postgres'];

/** Directories that may hold initdb + postgres: $BLASTRADIUS_TEST_PG_BIN, PATH, Debian's versioned dirs, the usual prefixes. */
function candidateBinDirs(): string[] {
  const dirs: string[] = [];
  if (process.env.BLASTRADIUS_TEST_PG_BIN) dirs.push(process.env.BLASTRADIUS_TEST_PG_BIN);
  dirs.push(...(process.env.PATH ?? '').split(delimiter).filter(Boolean));
  for (const root of ['/usr/lib/postgresql']) {
    if (!existsSync(root)) continue;
    const versions = readdirSync(root)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => join(root, v, 'bin')));
  }
  dirs.push('/usr/local/bin', '/usr/local/pgsql/bin', '/opt/homebrew/bin');
  return dirs;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findPostgresBinDir(): string {
  const found = candidateBinDirs().find((dir) => BIN_NAMES.every((name) => isExecutable(join(dir, name))));
  if (!found) {
    throw new Error(
      'PostgreSQL server binaries (initdb, postgres) not found in $BLASTRADIUS_TEST_PG_BIN, PATH, /usr/lib/postgresql/*/bin or /usr/local/bin. ' +
        'Install them (Debian/Ubuntu: apt-get install postgresql) — the PostgreSQL provider tests need a real server.',
    );
  }
  return found;
}

function run(command: string, args: string[], account: { uid: number; gid: number } | undefined, logFd: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', logFd, logFd], env: serverEnv(), ...account });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`))));
  });
}

function serverEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C', TZ: 'UTC' };
}

const LOG_PREFIX = '%m [%p] user=%u db=%d app=%a| ';
const LOG_LINE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\] user=(\S*) db=(\S*) app=(.*?)\| ([A-Z]+):  (.*)$/;

function parseLog(text: string): ServerLogEntry[] {
  const entries: ServerLogEntry[] = [];
  for (const line of text.split('\n')) {
    const match = LOG_LINE.exec(line);
    if (match) {
      entries.push({ pid: Number(match[1]), user: match[2], database: match[3], application: match[4], level: match[5], message: match[6] });
    } else if (entries.length && line.length) {
      // Continuation of a multi-line statement.
      entries[entries.length - 1].message += `\n${line}`;
    }
  }
  return entries;
}

/** Options for the test cluster. */
export interface StartOptions {
  /** pg_hba.conf lines placed before initdb's own (first match wins), e.g. `host all blocked 127.0.0.1/32 reject`. */
  hbaFirst?: string[];
  /** Serve TLS with this certificate and key (PEM): ssl=on. */
  tls?: { cert: string; key: string };
}

/**
 * Creates a cluster in a temp dir and starts `postgres` on 127.0.0.1:<free port> with every
 * statement logged (log_statement=all), so tests can check what the code under test sent.
 * Fails (never skips) when the binaries are missing.
 */
export async function startPostgres(options: StartOptions = {}): Promise<TestPostgres> {
  const binDir = findPostgresBinDir();
  const account = serverAccount('PostgreSQL', ['postgres', 'nobody']);
  const dir = mkdtempSync(join(tmpdir(), 'blastradius-pg-'));
  const dataDir = join(dir, 'data');
  const socketDir = join(dir, 'sockets');
  const logFile = join(dir, 'server.log');
  const pwFile = join(dir, 'pw');
  const adminPassword = randomBytes(18).toString('hex');
  mkdirSync(socketDir);
  writeFileSync(pwFile, `${adminPassword}\n`, { mode: 0o600 });
  writeFileSync(logFile, '');
  if (account) for (const path of [dir, socketDir, pwFile, logFile]) chownSync(path, account.uid, account.gid);

  const logFd = openSync(logFile, 'a');
  let child: ChildProcess | undefined;
  const tail = () => readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
  try {
    await run(
      join(binDir, 'initdb'),
      ['-D', dataDir, '-U', BOOTSTRAP_ROLE, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C', '--no-sync'],
      account,
      logFd,
    ).catch((error: Error) => {
      throw new Error(`initdb failed (${error.message}):\n${tail()}`);
    });
    if (options.hbaFirst?.length) {
      const hba = join(dataDir, 'pg_hba.conf');
      writeFileSync(hba, `${options.hbaFirst.join('\n')}\n${readFileSync(hba, 'utf8')}`);
    }
    const tlsSettings: Record<string, string> = {};
    if (options.tls) {
      // PostgreSQL refuses a key readable by others, and one not owned by the account it runs as.
      for (const [name, content] of [
        ['server.crt', options.tls.cert],
        ['server.key', options.tls.key],
      ] as const) {
        const file = join(dataDir, name);
        writeFileSync(file, content, { mode: 0o600 });
        if (account) chownSync(file, account.uid, account.gid);
      }
      Object.assign(tlsSettings, { ssl: 'on', ssl_cert_file: join(dataDir, 'server.crt'), ssl_key_file: join(dataDir, 'server.key') });
    }
    const port = await freePort();
    const settings = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: socketDir,
      log_statement: 'all',
      log_connections: 'on',
      log_line_prefix: LOG_PREFIX,
      log_destination: 'stderr',
      logging_collector: 'off',
      fsync: 'off',
      full_page_writes: 'off',
      synchronous_commit: 'off',
      shared_buffers: '16MB',
      max_connections: '40',
      ...tlsSettings,
    };
    const args = ['-D', dataDir, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
    const started = spawn(join(binDir, 'postgres'), args, { stdio: ['ignore', logFd, logFd], env: serverEnv(), ...account });
    child = started;
    let exited = false;
    started.once('exit', () => (exited = true));

    const adminUrl = (database: string) => `postgres://${BOOTSTRAP_ROLE}:${adminPassword}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (exited) throw new Error(`postgres exited during start-up:\n${tail()}`);
      const probe = new pg.Client({ connectionString: adminUrl('postgres'), connectionTimeoutMillis: 1000 });
      try {
        await probe.connect();
        await probe.end();
        break;
      } catch (error) {
        await probe.end().catch(() => undefined);
        if (Date.now() > deadline) throw new Error(`postgres did not accept connections within 30 s (${(error as Error).message}):\n${tail()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    const admin = async (sql: string, database = 'postgres') => {
      const client = new pg.Client({ connectionString: adminUrl(database) });
      await client.connect();
      try {
        return await client.query(sql);
      } finally {
        await client.end();
      }
    };
    const versionNum = Number((await admin('SHOW server_version_num')).rows[0].server_version_num);

    return {
      host: '127.0.0.1',
      port,
      versionNum,
      binDir,
      url: (role, password, database) =>
        `postgres://${encodeURIComponent(role)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
      admin,
      logEntries: () => parseLog(readFileSync(logFile, 'utf8')),
      stop: async () => {
        await tearDownServer(started, 'SIGINT', logFd, dir);
      },
    };
  } catch (error) {
    await tearDownServer(child, 'SIGINT', logFd, dir);
    throw error;
  }
}
