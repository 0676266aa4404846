import { connect, createServer, type Socket } from 'node:net';
import { BodyReader, MessageReader, PROTOCOL_3_0 } from '../../../src/providers/postgres/fake-wire.js';

/** One statement as it crossed the wire, with the server's answer in text format. */
export interface RecordedStatement {
  database: string;
  user: string;
  sql: string;
  columns: { name: string; typeOid: number }[];
  rows: (string | null)[][];
  tag?: string;
  error?: string;
}

/** A relay to a real server that records each statement and its answer. */
export interface RecordingProxy {
  port: number;
  recorded: RecordedStatement[];
  /** ParameterStatus values the server reported (last connection wins). */
  parameters: Record<string, string>;
  /** `user@database` of every session that got to ReadyForQuery. */
  sessions: Set<string>;
  close(): Promise<void>;
}

/** Relays 127.0.0.1:<port> to the server on `upstreamPort`, bytes unchanged. One statement per Query/Parse message. */
export async function startRecordingProxy(upstreamPort: number): Promise<RecordingProxy> {
  const recorded: RecordedStatement[] = [];
  const parameters: Record<string, string> = {};
  const sessions = new Set<string>();
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('error', () => undefined);
    const upstream = connect(upstreamPort, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());

    let who = { database: '', user: '' };
    const pending: RecordedStatement[] = [];
    let current: RecordedStatement | undefined;
    const frontend = new MessageReader(true);
    client.on('data', (chunk: Buffer) => {
      for (let m = frontend.next(chunk); m; m = frontend.next()) {
        const body = new BodyReader(m.body);
        if (m.type === '' && body.int32() === PROTOCOL_3_0) {
          const params: Record<string, string> = {};
          for (let key = body.cstring(); key; key = body.cstring()) params[key] = body.cstring();
          who = { database: params.database ?? params.user, user: params.user };
          frontend.untyped = false;
        }
        if (m.type === 'P') body.cstring();
        if (m.type === 'Q' || m.type === 'P') pending.push({ ...who, sql: body.cstring(), columns: [], rows: [] });
      }
      upstream.write(chunk);
    });

    const backend = new MessageReader(false);
    upstream.on('data', (chunk: Buffer) => {
      for (let m = backend.next(chunk); m; m = backend.next()) {
        const body = new BodyReader(m.body);
        current ??= pending[0];
        if (m.type === 'S') parameters[body.cstring()] = body.cstring();
        if (m.type === 'Z') sessions.add(`${who.user}@${who.database}`);
        if (m.type === 'T' && current) {
          const count = body.int16();
          for (let i = 0; i < count; i++) {
            const name = body.cstring();
            body.bytes(6); // table oid, column number
            const typeOid = body.int32();
            body.bytes(8); // type length, type modifier, format
            current.columns.push({ name, typeOid });
          }
        }
        if (m.type === 'D' && current) {
          const count = body.int16();
          const row: (string | null)[] = [];
          for (let i = 0; i < count; i++) {
            const length = body.int32();
            row.push(length < 0 ? null : body.bytes(length).toString('utf8'));
          }
          current.rows.push(row);
        }
        const finished = m.type === 'C' || m.type === 'I' || (m.type === 'E' && pending.length > 0);
        if (finished && current) {
          if (m.type === 'C') current.tag = body.cstring();
          if (m.type === 'E')
            current.error = m.body
              .toString('utf8')
              .split('\0')
              .find((f) => f.startsWith('M'))
              ?.slice(1);
          recorded.push(current);
          pending.shift();
          current = undefined;
        }
      }
      client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    recorded,
    parameters,
    sessions,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
