import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chownSync, constants, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import mysql from 'mysql2/promise';
import { freePort, serverAccount, tearDownServer } from './server-process.js';

/** The administrator the test setup creates; every statement it sends is setup, not the code under test. */
export const BOOTSTRAP_USER = 'br_bootstrap';

/** One entry of the general query log (every statement the server received, by connection). */
export interface GeneralLogEntry {
  connection: number;
  command: string;
  argument: string;
}

/** A real MariaDB server started for a test file, on 127.0.0.1 and a free port, in a temp dir. */
export interface TestMariadb {
  host: '127.0.0.1';
  port: number;
  version: string;
  url(user: string, password: string, database?: string, query?: string): string;
  /** Runs SQL as the bootstrap administrator (test setup only). */
  admin(sql: string): Promise<unknown>;
  /** The general log, parsed; `user` of each entry comes from its connection's Connect line. */
  logEntries(): (GeneralLogEntry & { user: string })[];
  stop(): Promise<void>;
}

const SEARCH = ['/usr/sbin', '/usr/bin', '/usr/local/bin', '/usr/local/sbin', '/opt/homebrew/bin'];

function findBinary(names: string[]): string | undefined {
  const dirs = [process.env.BLASTRADIUS_TEST_MARIADB_BIN, ...(process.env.PATH ?? '').split(delimiter), ...SEARCH].filter(Boolean) as string[];
  for (const dir of dirs) {
    for (const name of names) {
      const path = join(dir, name);
      try {
        accessSync(path, constants.X_OK);
        return path;
      } catch {
        // next
      }
    }
  }
  return undefined;
}

function run(command: string, args: string[], logFd: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', logFd, logFd], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', TZ: 'UTC' } });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`))));
  });
}

// General log lines: an optional "YYMMDD HH:MM:SS" time, the connection id, the command, a tab, the argument.
const LOG_LINE = /^(?:\d{6}\s+\d{1,2}:\d\d:\d\d)?\s+(\d+) ([A-Z][A-Za-z ]*?)\t(.*)$/;

function parseLog(text: string): GeneralLogEntry[] {
  const entries: GeneralLogEntry[] = [];
  for (const line of text.split('\n').slice(3)) {
    const match = LOG_LINE.exec(line);
    if (match) entries.push({ connection: Number(match[1]), command: match[2], argument: match[3] });
    else if (entries.length && line.length) entries[entries.length - 1].argument += `\n${line}`;
  }
  return entries;
}

export interface MariadbOptions {
  /** Serve TLS with this certificate and key (PEM). */
  tls?: { cert: string; key: string };
}

/**
 * Creates a data directory in a temp dir (mariadb-install-db) and starts mariadbd on 127.0.0.1:<free
 * port> with the general query log on, so tests can check every statement the code under test sent.
 * Fails (never skips) when the binaries are missing.
 */
export async function startMariadb(options: MariadbOptions = {}): Promise<TestMariadb> {
  const server = findBinary(['mariadbd', 'mysqld']);
  const install = findBinary(['mariadb-install-db', 'mysql_install_db']);
  if (!server || !install) {
    throw new Error(
      'MariaDB server binaries (mariadbd, mariadb-install-db) not found in $BLASTRADIUS_TEST_MARIADB_BIN, PATH or /usr/sbin. Install them (Debian/Ubuntu: apt-get install mariadb-server) — the MySQL provider tests need a real server.',
    );
  }
  const account = serverAccount('MariaDB', ['mysql', 'nobody']);
  const dir = mkdtempSync(join(tmpdir(), 'blastradius-mariadb-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'general.log');
  const errorLog = join(dir, 'error.log');
  const initFile = join(dir, 'init.sql');
  const adminPassword = randomBytes(18).toString('hex');
  writeFileSync(
    initFile,
    `CREATE USER IF NOT EXISTS '${BOOTSTRAP_USER}'@'127.0.0.1' IDENTIFIED BY '${adminPassword}';\nGRANT ALL PRIVILEGES ON *.* TO '${BOOTSTRAP_USER}'@'127.0.0.1' WITH GRANT OPTION;\n`,
    { mode: 0o600 },
  );
  const tlsArgs: string[] = [];
  if (options.tls) {
    writeFileSync(join(dir, 'server.crt'), options.tls.cert);
    writeFileSync(join(dir, 'server.key'), options.tls.key, { mode: 0o600 });
    tlsArgs.push(`--ssl-cert=${join(dir, 'server.crt')}`, `--ssl-key=${join(dir, 'server.key')}`);
  }
  if (account)
    for (const name of ['', 'init.sql', 'server.crt', 'server.key']) if (existsSync(join(dir, name))) chownSync(join(dir, name), account.uid, account.gid);
  const outFd = openSync(join(dir, 'out.log'), 'a');
  const tail = () => (existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : readFileSync(join(dir, 'out.log'), 'utf8')).split('\n').slice(-20).join('\n');
  let child: ChildProcess | undefined;
  try {
    const userArg = account ? [`--user=${account.name}`] : [];
    await run(
      install,
      ['--no-defaults', `--datadir=${dataDir}`, ...userArg, '--auth-root-authentication-method=socket', '--skip-test-db', '--skip-name-resolve'],
      outFd,
    ).catch((error: Error) => {
      throw new Error(`mariadb-install-db failed (${error.message}):\n${tail()}`);
    });
    const port = await freePort();
    const args = [
      '--no-defaults',
      `--datadir=${dataDir}`,
      ...userArg,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${join(dir, 'mysqld.sock')}`,
      `--pid-file=${join(dir, 'mysqld.pid')}`,
      '--general-log=1',
      `--general-log-file=${logFile}`,
      '--log-output=FILE',
      `--log-error=${errorLog}`,
      '--skip-name-resolve',
      `--init-file=${initFile}`,
      '--innodb-buffer-pool-size=16M',
      '--innodb-log-file-size=8M',
      '--skip-log-bin',
      '--max-connections=40',
      ...tlsArgs,
    ];
    const started = spawn(server, args, { stdio: ['ignore', outFd, outFd], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', TZ: 'UTC' } });
    child = started;
    let exited = false;
    started.once('exit', () => (exited = true));
    const adminConfig = { host: '127.0.0.1', port, user: BOOTSTRAP_USER, password: adminPassword, connectTimeout: 1000 };
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (exited) throw new Error(`mariadbd exited during start-up:\n${tail()}`);
      try {
        const probe = await mysql.createConnection(adminConfig);
        await probe.end();
        break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`mariadbd did not accept connections within 30 s (${(error as Error).message}):\n${tail()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const admin = async (sql: string) => {
      const connection = await mysql.createConnection(adminConfig);
      try {
        return (await connection.query(sql))[0];
      } finally {
        await connection.end();
      }
    };
    const [{ version }] = (await admin('SELECT VERSION() AS version')) as { version: string }[];
    return {
      host: '127.0.0.1',
      port,
      version,
      url: (user, password, database, query) =>
        `mysql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database ? encodeURIComponent(database) : ''}${query ? `?${query}` : ''}`,
      admin,
      logEntries: () => {
        const entries = parseLog(readFileSync(logFile, 'utf8'));
        const users = new Map(entries.filter((e) => e.command === 'Connect').map((e) => [e.connection, e.argument.split('@')[0]]));
        return entries.map((e) => ({ ...e, user: users.get(e.connection) ?? '' }));
      },
      stop: async () => {
        await tearDownServer(started, 'SIGTERM', outFd, dir);
      },
    };
  } catch (error) {
    await tearDownServer(child, 'SIGTERM', outFd, dir);
    throw error;
  }
}
