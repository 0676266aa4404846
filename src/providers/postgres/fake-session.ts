import type { Socket } from 'node:net';
import { backend, BodyReader, type ServerError, type WireMessage } from './fake-wire.js';
import { classifyStatement, splitSql, type SqlStatement } from './fake-sql.js';
import type { RecordedAnswer } from './fake-fixture.js';

/** What one statement will do, decided at Bind (extended protocol) so Describe can answer. */
type Plan =
  | { kind: 'rows'; answer: RecordedAnswer; tag: string }
  | { kind: 'command'; tag: string; apply: () => void }
  | { kind: 'error'; error: ServerError }
  | { kind: 'empty' };

const err = (code: string, message: string): Plan => ({ kind: 'error', error: { severity: 'ERROR', code, message } });

/** The recorded answer for a read statement in the connected database, if any. */
export type AnswerLookup = (sql: string) => RecordedAnswer | undefined;

/**
 * One connection after start-up: simple Query and the extended protocol (Parse/Bind/Describe/
 * Execute/Close/Sync/Flush), a transaction state with savepoints, and every statement recorded.
 * Reads come from the fixture; nothing is ever written anywhere.
 */
export class QuerySession {
  #tx: 'I' | 'T' | 'E' = 'I';
  #savepoints: string[] = [];
  #prepared = new Map<string, SqlStatement | undefined>();
  #portals = new Map<string, { plan: Plan; sent: number }>();
  #skipUntilSync = false;

  constructor(
    private readonly socket: Socket,
    private readonly lookup: AnswerLookup,
    private readonly record: (sql: string) => void,
  ) {}

  handle({ type, body }: WireMessage): void {
    if (type === 'X') return void this.socket.end();
    if (type === 'Q') return this.#simpleQuery(new BodyReader(body).cstring());
    if (type === 'S') {
      this.#skipUntilSync = false;
      return this.#send(backend.readyForQuery(this.#tx));
    }
    if (type === 'H') return;
    if (this.#skipUntilSync) return;
    const reader = new BodyReader(body);
    if (type === 'P') return this.#parse(reader);
    if (type === 'B') return this.#bind(reader);
    if (type === 'D') return this.#describe(reader.byte(), reader.cstring());
    if (type === 'E') return this.#execute(reader.cstring(), reader.int32());
    if (type === 'C') {
      const [kind, name] = [reader.byte(), reader.cstring()];
      (kind === 'S' ? this.#prepared : this.#portals).delete(name);
      return this.#send(backend.closeComplete());
    }
    // Function calls and COPY sub-protocol messages: nothing the provider sends.
    this.#fail({ severity: 'ERROR', code: '0A000', message: `protocol message '${type}' is not supported by the demo fake` });
    if (type === 'F') this.#send(backend.readyForQuery(this.#tx));
  }

  #send(message: Buffer): void {
    this.socket.write(message);
  }

  #fail(error: ServerError): void {
    if (this.#tx === 'T') this.#tx = 'E';
    this.#send(backend.error(error));
    this.#skipUntilSync = true;
  }

  #simpleQuery(sql: string): void {
    const statements = splitSql(sql);
    statements.forEach((s) => this.record(s.text));
    if (!statements.length) this.#send(backend.emptyQuery());
    for (const statement of statements) {
      const plan = this.#plan(statement);
      if (plan.kind === 'rows') this.#send(backend.rowDescription(plan.answer.columns));
      if (!this.#run(plan, 0, { sent: 0 })) break;
    }
    this.#skipUntilSync = false;
    this.#send(backend.readyForQuery(this.#tx));
  }

  #parse(reader: BodyReader): void {
    const [name, sql] = [reader.cstring(), reader.cstring()];
    const statements = splitSql(sql);
    statements.forEach((s) => this.record(s.text));
    if (statements.length > 1) return this.#fail({ severity: 'ERROR', code: '42601', message: 'cannot insert multiple commands into a prepared statement' });
    if (name && this.#prepared.has(name)) return this.#fail({ severity: 'ERROR', code: '42P05', message: `prepared statement "${name}" already exists` });
    this.#prepared.set(name, statements[0]);
    this.#send(backend.parseComplete());
  }

  #bind(reader: BodyReader): void {
    const [portal, name] = [reader.cstring(), reader.cstring()];
    if (!this.#prepared.has(name)) return this.#fail({ severity: 'ERROR', code: '26000', message: `prepared statement "${name}" does not exist` });
    // Parameters are read past but not used: each recorded answer is the one the provider's own parameters gave.
    const formats = reader.int16();
    for (let i = 0; i < formats; i++) reader.int16();
    const values = reader.int16();
    for (let i = 0; i < values; i++) {
      const length = reader.int32();
      if (length > 0) reader.bytes(length);
    }
    const resultFormats = reader.int16();
    for (let i = 0; i < resultFormats; i++) {
      if (reader.int16() !== 0) return this.#fail({ severity: 'ERROR', code: '0A000', message: 'binary result format is not supported by the demo fake' });
    }
    const statement = this.#prepared.get(name);
    this.#portals.set(portal, { plan: statement ? this.#plan(statement) : { kind: 'empty' }, sent: 0 });
    this.#send(backend.bindComplete());
  }

  #describe(kind: string, name: string): void {
    if (kind === 'S') {
      if (!this.#prepared.has(name)) return this.#fail({ severity: 'ERROR', code: '26000', message: `prepared statement "${name}" does not exist` });
      const statement = this.#prepared.get(name);
      const parameters = Math.max(0, ...[...(statement?.bare ?? '').matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
      this.#send(backend.parameterDescription(Array(parameters).fill(25)));
      const plan = statement ? this.#plan(statement) : undefined;
      return this.#send(plan?.kind === 'rows' ? backend.rowDescription(plan.answer.columns) : backend.noData());
    }
    const portal = this.#portals.get(name);
    if (!portal) return this.#fail({ severity: 'ERROR', code: '34000', message: `portal "${name}" does not exist` });
    this.#send(portal.plan.kind === 'rows' ? backend.rowDescription(portal.plan.answer.columns) : backend.noData());
  }

  #execute(name: string, maxRows: number): void {
    const portal = this.#portals.get(name);
    if (!portal) return this.#fail({ severity: 'ERROR', code: '34000', message: `portal "${name}" does not exist` });
    this.#run(portal.plan, maxRows, portal);
  }

  /** Sends a plan's result; false when it failed. */
  #run(plan: Plan, maxRows: number, progress: { sent: number }): boolean {
    if (plan.kind === 'error') {
      this.#fail(plan.error);
      return false;
    }
    if (plan.kind === 'empty') this.#send(backend.emptyQuery());
    if (plan.kind === 'command') {
      plan.apply();
      this.#send(backend.commandComplete(plan.tag));
    }
    if (plan.kind === 'rows') {
      const rows = plan.answer.rows;
      const end = maxRows > 0 ? Math.min(rows.length, progress.sent + maxRows) : rows.length;
      for (const row of rows.slice(progress.sent, end)) this.#send(backend.dataRow(row));
      progress.sent = end;
      this.#send(end < rows.length ? backend.portalSuspended() : backend.commandComplete(plan.tag));
    }
    return true;
  }

  /** Decides what a statement does in the current transaction state; state changes wait for Execute. */
  #plan(statement: SqlStatement): Plan {
    const what = classifyStatement(statement.bare);
    const endsTransaction = what.kind === 'commit' || what.kind === 'rollback' || what.kind === 'rollback-to';
    if (this.#tx === 'E' && !endsTransaction) return err('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
    const inBlock = this.#tx !== 'I';
    const savepoint = 'name' in what ? this.#savepoints.lastIndexOf(what.name) : -1;
    const onlyInBlock = (command: string) => err('25P01', `${command} can only be used in transaction blocks`);
    const missing = () => err('3B001', `savepoint "${'name' in what ? what.name : ''}" does not exist`);
    switch (what.kind) {
      case 'refused':
        return { kind: 'error', error: what.error };
      case 'begin':
        return { kind: 'command', tag: 'BEGIN', apply: () => (this.#tx = 'T') };
      case 'commit':
      case 'rollback':
        return {
          kind: 'command',
          tag: what.kind === 'commit' && this.#tx !== 'E' ? 'COMMIT' : 'ROLLBACK',
          apply: () => {
            this.#tx = 'I';
            this.#savepoints = [];
          },
        };
      case 'savepoint':
        return inBlock ? { kind: 'command', tag: 'SAVEPOINT', apply: () => this.#savepoints.push(what.name) } : onlyInBlock('SAVEPOINT');
      case 'release':
        if (!inBlock) return onlyInBlock('RELEASE SAVEPOINT');
        return savepoint < 0 ? missing() : { kind: 'command', tag: 'RELEASE', apply: () => (this.#savepoints.length = savepoint) };
      case 'rollback-to':
        if (!inBlock) return onlyInBlock('ROLLBACK TO SAVEPOINT');
        if (savepoint < 0) return missing();
        return {
          kind: 'command',
          tag: 'ROLLBACK',
          apply: () => {
            this.#savepoints.length = savepoint + 1;
            this.#tx = 'T';
          },
        };
      case 'set':
        return { kind: 'command', tag: what.tag, apply: () => undefined };
      case 'read': {
        const answer = this.lookup(statement.text);
        // No recorded answer is an error, never an empty result: "no rows" would read as "no access".
        if (!answer) return err('0A000', 'the demo fake has no recorded answer for this statement');
        return { kind: 'rows', answer, tag: /^SHOW\b/i.test(statement.bare) ? 'SHOW' : `SELECT ${answer.rows.length}` };
      }
    }
  }
}
