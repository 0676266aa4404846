import { afterEach } from 'vitest';
import { BOOTSTRAP_ROLE, type ServerLogEntry, type TestPostgres } from '../../helpers/postgres.js';

/** A statement the server logged (log_statement=all), simple or extended protocol. */
export interface LoggedStatement {
  pid: number;
  user: string;
  application: string;
  sql: string;
}

const STATEMENT = /^(?:statement|execute [^:]*): ([\s\S]*)$/;

export function loggedStatements(entries: ServerLogEntry[]): LoggedStatement[] {
  return entries.flatMap((entry) => {
    const match = entry.level === 'LOG' ? STATEMENT.exec(entry.message) : null;
    return match ? [{ pid: entry.pid, user: entry.user, application: entry.application, sql: match[1].trim() }] : [];
  });
}

// What a read-only verification may send: the read-only transaction, savepoints around
// catalog reads, transaction-local timeouts (pooler fallback), and SELECT / WITH … SELECT.
const ALLOWED_START =
  /^(BEGIN READ ONLY$|SELECT\b|WITH\b|SAVEPOINT br_\d+$|RELEASE SAVEPOINT br_\d+$|ROLLBACK TO SAVEPOINT br_\d+$|ROLLBACK$|SET LOCAL (statement_timeout|lock_timeout) = \d+$)/i;
// A data-modifying statement or CTE (privilege names inside string literals are fine).
const MUTATING =
  /(^|[\s(;])(INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM|MERGE\s+INTO|DROP\s+\w|CREATE\s+\w|ALTER\s+\w|TRUNCATE\s+\w|GRANT\s+\w|REVOKE\s+\w|COPY\s+\w|VACUUM|REINDEX|CLUSTER|LOCK\s+\w|COMMIT|SET\s+(?:SESSION|ROLE|default_transaction))/i;

/**
 * Every statement sent by anyone but the test's own bootstrap superuser must be read-only,
 * and every session of the code under test must open with BEGIN READ ONLY. Checks the log
 * entries after `since` (so the failing test is the one that sent it); returns the new cursor.
 */
export function assertOnlyReadOnlyStatements(server: TestPostgres, since = 0): number {
  const all = server.logEntries();
  const entries = all.slice(since);
  const statements = loggedStatements(entries).filter((s) => s.user !== BOOTSTRAP_ROLE);
  const offending = statements.filter((s) => !ALLOWED_START.test(s.sql) || MUTATING.test(s.sql.replace(/'[^']*'/g, "''")));
  if (offending.length) throw new Error(`non-read-only statements reached the server:\n${offending.map((s) => `${s.user}: ${s.sql}`).join('\n')}`);
  const firstByPid = new Map<number, string>();
  for (const s of statements) if (!firstByPid.has(s.pid)) firstByPid.set(s.pid, s.sql);
  const notReadOnly = [...firstByPid.entries()].filter(([, sql]) => sql !== 'BEGIN READ ONLY');
  if (notReadOnly.length) throw new Error(`sessions that did not start with BEGIN READ ONLY: ${JSON.stringify(notReadOnly)}`);
  const refusedWrites = entries.filter((e) => e.user !== BOOTSTRAP_ROLE && /read-only transaction/.test(e.message));
  if (refusedWrites.length) throw new Error(`the server refused a write: ${refusedWrites[0].message}`);
  return all.length;
}

/** After every test of the file: nothing but read-only statements reached the server during that test. */
export function expectReadOnlyAfterEach(server: () => TestPostgres | undefined): void {
  let cursor = 0;
  afterEach(() => {
    const running = server();
    if (!running) return;
    const from = cursor;
    cursor = running.logEntries().length;
    assertOnlyReadOnlyStatements(running, from);
  });
}

/** Statements one role sent through the code under test (application_name=blastradius). */
export function statementsOf(server: TestPostgres, role: string): LoggedStatement[] {
  return loggedStatements(server.logEntries()).filter((s) => s.user === role && s.application === 'blastradius');
}
