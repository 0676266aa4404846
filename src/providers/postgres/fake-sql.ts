// Just enough SQL lexing for the demo fake: split a query string into statements and tell
// transaction control, settings and reads apart from anything that would change the server.
import type { ServerError } from './fake-wire.js';

/** One statement: its text as sent, and `bare` — comments gone, literals emptied, whitespace collapsed. */
export interface SqlStatement {
  text: string;
  bare: string;
}

/** Splits on `;` outside quotes, dollar quotes and comments (nested block comments included). */
export function splitSql(sql: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let start = 0;
  let bare = '';
  const push = (end: number) => {
    const collapsed = bare.replace(/\s+/g, ' ').trim();
    if (collapsed) statements.push({ text: sql.slice(start, end).trim(), bare: collapsed });
  };
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
      bare += ' ';
    } else if (c === '/' && sql[i + 1] === '*') {
      let depth = 0;
      do {
        const step = sql.startsWith('/*', i) ? 1 : sql.startsWith('*/', i) ? -1 : 0;
        depth += step;
        i += step ? 2 : 1;
      } while (depth > 0 && i < sql.length);
      bare += ' ';
    } else if (c === "'" || c === '"') {
      // E'…' strings take backslash escapes; a doubled quote is a quote in both kinds.
      const escapes = c === "'" && /[eE]/.test(sql[i - 1] ?? '') && !/\w/.test(sql[i - 2] ?? '');
      i++;
      while (i < sql.length && !(sql[i] === c && sql[i + 1] !== c)) i += (escapes && sql[i] === '\\') || sql[i] === c ? 2 : 1;
      i++;
      bare += c === "'" ? "''" : '"x"';
    } else if (c === '$' && !/\w/.test(sql[i - 1] ?? '') && /^\$(?:[A-Za-z_]\w*)?\$/.test(sql.slice(i, i + 64))) {
      const tag = /^\$(?:[A-Za-z_]\w*)?\$/.exec(sql.slice(i, i + 64))![0];
      const end = sql.indexOf(tag, i + tag.length);
      i = end < 0 ? sql.length : end + tag.length;
      bare += "''";
    } else if (c === ';') {
      push(i);
      start = ++i;
      bare = '';
    } else {
      bare += c;
      i++;
    }
  }
  push(sql.length);
  return statements;
}

/** What a statement is, as far as the fake is concerned. */
export type StatementKind =
  | { kind: 'begin' }
  | { kind: 'commit' }
  | { kind: 'rollback' }
  | { kind: 'savepoint'; name: string }
  | { kind: 'release'; name: string }
  | { kind: 'rollback-to'; name: string }
  | { kind: 'set'; tag: 'SET' | 'RESET' }
  | { kind: 'read' }
  | { kind: 'refused'; error: ServerError };

const readOnlyRefusal = (what: string): StatementKind => ({
  kind: 'refused',
  error: { severity: 'ERROR', code: '25006', message: `cannot execute ${what} in a read-only transaction` },
});

// Commands that change data, schema, privileges or server state. Reads are answered from the
// fixture; anything else the fake cannot model is refused as unsupported (0A000).
const WRITING_COMMANDS = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
  'TRUNCATE',
  'DROP',
  'CREATE',
  'ALTER',
  'GRANT',
  'REVOKE',
  'COMMENT',
  'SECURITY',
  'COPY',
  'VACUUM',
  'ANALYZE',
  'REINDEX',
  'CLUSTER',
  'REFRESH',
  'LOCK',
  'IMPORT',
  'CALL',
  'DO',
  'NOTIFY',
  'REASSIGN',
  'CHECKPOINT',
  'LOAD',
]);
const WITH_OBJECT_TYPE = new Set(['DROP', 'CREATE', 'ALTER']);
// Inside a SELECT / WITH: data-modifying CTEs, row locks, SELECT INTO (creates a table), writing functions.
const WRITING_IN_QUERY: [RegExp, (m: RegExpExecArray) => string][] = [
  [/\bFOR (NO KEY UPDATE|UPDATE|SHARE|KEY SHARE)\b/i, (m) => `SELECT FOR ${m[1].toUpperCase()}`],
  [/\b(INSERT|UPDATE|DELETE|MERGE)\b/i, (m) => m[1].toUpperCase()],
  [/^SELECT\b.*\bINTO\b/i, () => 'SELECT INTO'],
  [
    /\b(nextval|setval|set_config|pg_advisory\w*|pg_terminate_backend|pg_cancel_backend|pg_reload_conf|pg_switch_wal|lo_\w+|dblink\w*)\s*\(/i,
    (m) => `${m[1].toLowerCase()}()`,
  ],
];
const READ_ONLY_OFF = /\bREAD WRITE\b|\b(?:default_)?transaction_read_only\s*(?:=|TO)\s*'?(?:off|false|no|0)\b/i;

/** Classifies one statement from its `bare` form (literals emptied, so words inside strings do not count). */
export function classifyStatement(bare: string): StatementKind {
  const words = bare.split(/[\s(]+/);
  const first = words[0].toUpperCase();
  const identifier = (word: string | undefined) => (word ?? '').toLowerCase();
  if (/^(BEGIN|START)$/.test(first)) return READ_ONLY_OFF.test(bare) ? readOnlyRefusal('BEGIN READ WRITE') : { kind: 'begin' };
  if (/^(COMMIT|END)$/.test(first)) return { kind: 'commit' };
  if (/^(ROLLBACK|ABORT)$/.test(first)) {
    const to = /^ROLLBACK(?: WORK| TRANSACTION)? TO(?: SAVEPOINT)? (\S+)$/i.exec(bare);
    return to ? { kind: 'rollback-to', name: identifier(to[1]) } : { kind: 'rollback' };
  }
  if (first === 'SAVEPOINT') return { kind: 'savepoint', name: identifier(words[1]) };
  if (first === 'RELEASE') return { kind: 'release', name: identifier(/^RELEASE(?: SAVEPOINT)? (\S+)$/i.exec(bare)?.[1]) };
  if (first === 'SET' || first === 'RESET') {
    if (READ_ONLY_OFF.test(bare)) return readOnlyRefusal('SET TRANSACTION READ WRITE');
    // Another role or session user would need answers recorded for that role.
    if (/^SET (?:SESSION |LOCAL )?(ROLE|SESSION AUTHORIZATION)\b/i.test(bare) || /^RESET (ROLE|SESSION AUTHORIZATION|ALL)\b/i.test(bare)) {
      return { kind: 'refused', error: { severity: 'ERROR', code: '0A000', message: `${first} of the role is not supported by the demo fake` } };
    }
    return { kind: 'set', tag: first === 'SET' ? 'SET' : 'RESET' };
  }
  if (/^(SELECT|WITH|VALUES|TABLE|SHOW)$/.test(first)) {
    for (const [pattern, name] of WRITING_IN_QUERY) {
      const match = pattern.exec(bare);
      if (match) return readOnlyRefusal(name(match));
    }
    return { kind: 'read' };
  }
  if (WRITING_COMMANDS.has(first)) return readOnlyRefusal(WITH_OBJECT_TYPE.has(first) && words[1] ? `${first} ${words[1].toUpperCase()}` : first);
  return { kind: 'refused', error: { severity: 'ERROR', code: '0A000', message: `${first} is not supported by the demo fake` } };
}
