// An offline stand-in for a PostgreSQL server, for the bundled demo: it speaks enough of the
// v3 wire protocol for node-postgres and answers the provider's catalog queries from a
// recorded fixture (fixtures/providers/postgres/demo.json). It is read-only by construction:
// nothing it is sent changes anything. The provider tests run a real server instead
// (test/helpers/postgres.ts). Protocol: https://www.postgresql.org/docs/current/protocol-flow.html
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import type { RecordedRequest } from '../fake-server.js';
import type { DemoFake } from '../types.js';
import { QuerySession } from './fake-session.js';
import { classifyStatement, splitSql } from './fake-sql.js';
import {
  backend,
  BodyReader,
  CANCEL_REQUEST,
  GSSENC_REQUEST,
  MessageReader,
  PROTOCOL_3_0,
  SSL_REQUEST,
  type ServerError,
  type WireMessage,
} from './fake-wire.js';
import { fixtureProblems, loadPostgresFixture, queryMatcher, type PostgresFixture } from './fake-fixture.js';
import { CONNECT_OVERRIDE_ENV } from './url.js';

/** A running fake: where it listens, and every statement it was sent (refused ones included). */
export interface PostgresFake {
  port: number;
  /** A connection URL to this fake (127.0.0.1) for `user` with `password` and `database`. */
  url(user: string, password: string, database: string): string;
  statements: string[];
  close(): Promise<void>;
}

const AUTH_OK = 0;
const AUTH_CLEARTEXT_PASSWORD = 3;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startPostgresFake(fixture: PostgresFixture): Promise<PostgresFake> {
  const problems = fixtureProblems(fixture);
  if (problems.length) throw new Error(`postgres fake fixture: ${problems.join('; ')}`);
  const match = queryMatcher(fixture);
  const statements: string[] = [];
  const sockets = new Set<Socket>();
  let nextPid = 4100;

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const messages = new MessageReader(true);
    const pid = nextPid++;
    let startup: Record<string, string> | undefined;
    let session: QuerySession | undefined;

    const fatal = (code: string, message: string, detail?: string) => {
      const error: ServerError = { severity: 'FATAL', code, message, ...(detail ? { detail } : {}) };
      socket.end(backend.error(error));
    };

    const login = (password: string) => {
      const user = startup?.user ?? '';
      const database = startup?.database || user;
      const role = fixture.roles.find((r) => r.name === user);
      const expected = Buffer.from(role?.passwordSha256 ?? '0'.repeat(64), 'hex');
      // Compared in constant time, and the same answer for an unknown role as for a wrong password, as a server does.
      if (!timingSafeEqual(sha256(password), expected) || !role) return fatal('28P01', `password authentication failed for user "${user}"`);
      if (!fixture.databases.includes(database)) return fatal('3D000', `database "${database}" does not exist`);
      if (!role.databases.includes(database)) return fatal('42501', `permission denied for database "${database}"`, 'User does not have CONNECT privilege.');
      const answers = fixture.answers[`${user}@${database}`] ?? {};
      session = new QuerySession(
        socket,
        (sql) => answers[match(sql) ?? ''],
        (sql) => statements.push(sql),
      );
      const parameters: Record<string, string> = {
        application_name: startup?.application_name ?? '',
        client_encoding: 'UTF8',
        DateStyle: 'ISO, MDY',
        default_transaction_read_only: 'on',
        in_hot_standby: 'off',
        integer_datetimes: 'on',
        IntervalStyle: 'postgres',
        is_superuser: 'off',
        server_encoding: 'UTF8',
        server_version: fixture.serverVersion,
        session_authorization: user,
        standard_conforming_strings: 'on',
        TimeZone: 'UTC',
      };
      socket.write(backend.authentication(AUTH_OK));
      for (const [name, value] of Object.entries(parameters)) socket.write(backend.parameterStatus(name, value));
      socket.write(backend.backendKeyData(pid, randomInt(2 ** 31 - 1)));
      socket.write(backend.readyForQuery('I'));
    };

    const onStartupPacket = (packet: Buffer) => {
      const reader = new BodyReader(packet);
      const code = reader.int32();
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) return void socket.write('N');
      if (code === CANCEL_REQUEST) return void socket.end();
      if (code !== PROTOCOL_3_0) return fatal('0A000', `unsupported frontend protocol ${code >> 16}.${code & 0xffff}`);
      const params: Record<string, string> = {};
      for (let key = reader.cstring(); key; key = reader.cstring()) params[key] = reader.cstring();
      if (!params.user) return fatal('28000', 'no PostgreSQL user name specified in startup packet');
      startup = params;
      messages.untyped = false;
      socket.write(backend.authentication(AUTH_CLEARTEXT_PASSWORD));
    };

    const onMessage = (message: WireMessage) => {
      if (session) return session.handle(message);
      if (message.type === '') return onStartupPacket(message.body);
      if (message.type === 'p' && startup) return login(new BodyReader(message.body).cstring());
      fatal('08P01', `unexpected message '${message.type}' during authentication`);
    };

    socket.on('data', (chunk: Buffer) => {
      socket.cork();
      try {
        for (let message = messages.next(chunk); message && !socket.writableEnded; message = messages.next()) onMessage(message);
      } catch (error) {
        fatal('08P01', `invalid message: ${(error as Error).message}`);
      } finally {
        socket.uncork();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: (user, password, database) =>
      `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    statements,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A statement that would write (the fake refuses it as a read-only transaction would, 25006). */
export function writesSomething(sql: string): boolean {
  return splitSql(sql).some(({ bare }) => {
    const kind = classifyStatement(bare);
    return kind.kind === 'refused' && kind.error.code === '25006';
  });
}

/** The demo's PostgreSQL: the role in fixtures/demo/.env may read the shop database, nothing else. */
export async function startDemo(): Promise<DemoFake> {
  const fake = await startPostgresFake(loadPostgresFixture());
  const asRequest = (sql: string): RecordedRequest => ({ method: 'SQL', path: '', query: new URLSearchParams(), headers: {}, body: sql });
  return {
    name: 'PostgreSQL',
    // The URL in the workspace names db.acme-shop.internal: the connection goes to the fake, the report names the URL's server.
    env: { [CONNECT_OVERRIDE_ENV]: `127.0.0.1:${fake.port}` },
    requests: () => fake.statements.map(asRequest),
    mutating: (request) => writesSomething(request.body),
    stop: () => fake.close(),
  };
}
