import { describe, expect, it } from 'vitest';
import { classifyStatement, splitSql } from '../../../src/providers/postgres/fake-sql.js';

const kinds = (sql: string) => splitSql(sql).map((s) => classifyStatement(s.bare).kind);

describe('demo fake SQL lexing', () => {
  it('splits on semicolons outside literals, quoted names, dollar quotes and comments', () => {
    const sql = `SELECT 'a;b', "x;y" FROM t; -- c;d
      SELECT $fn$ ; $fn$ /* e; /* nested; */ f; */ ; SELECT E'it\\'s;' ;;`;
    expect(splitSql(sql).map((s) => s.bare)).toEqual([`SELECT '', "x" FROM t`, `SELECT ''`, `SELECT E''`]);
    expect(splitSql(' ; -- only a comment')).toEqual([]);
  });

  it('words inside literals do not make a read a write, data-modifying CTEs do', () => {
    expect(kinds("SELECT has_table_privilege(c.oid, 'DELETE') FROM pg_class c")).toEqual(['read']);
    expect(kinds('WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d')).toEqual(['refused']);
    expect(kinds('SELECT nextval($1)')).toEqual(['refused']);
    expect(kinds('SELECT * INTO copy FROM t')).toEqual(['refused']);
  });

  it('transaction control and settings are told apart from writes and from what the fake cannot model', () => {
    expect(kinds('BEGIN READ ONLY; SAVEPOINT br_1; RELEASE SAVEPOINT br_1; ROLLBACK TO SAVEPOINT br_2; ROLLBACK; SET LOCAL lock_timeout = 5')).toEqual([
      'begin',
      'savepoint',
      'release',
      'rollback-to',
      'rollback',
      'set',
    ]);
    expect(
      splitSql('BEGIN READ WRITE; SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; SET ROLE admin; CREATE TABLE t (id int); CHECKPOINT; LISTEN x').map(
        (s) => {
          const kind = classifyStatement(s.bare);
          return kind.kind === 'refused' ? kind.error.code : kind.kind;
        },
      ),
    ).toEqual(['25006', '25006', '0A000', '25006', '25006', '0A000']);
  });
});
