import { connect, createServer, type Server, type Socket } from 'node:net';

/** A TCP server on 127.0.0.1 that records what it receives (see `received`). */
export interface WireServer {
  port: number;
  received: Buffer[];
  close(): Promise<void>;
}

async function listen(onConnection: (socket: Socket, received: Buffer[]) => void): Promise<WireServer> {
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    onConnection(socket, received);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    received,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Accepts TCP and never answers: a hung server or a black-holing firewall. */
export function silentServer(): Promise<WireServer> {
  return listen((socket, received) => socket.on('data', (chunk: Buffer) => received.push(chunk)));
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = await listen(() => undefined);
  await server.close();
  return server.port;
}

// An ErrorResponse ('E') as a pooler sends it: https://www.postgresql.org/docs/current/protocol-message-formats.html
function errorResponse(code: string, message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`, 'latin1');
  const header = Buffer.alloc(5);
  header.write('E', 0, 'latin1');
  header.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([header, fields]);
}

/**
 * Behaves like PgBouncer without `ignore_startup_parameters`: refuses a startup packet carrying
 * parameters it does not know (options, statement_timeout…), otherwise relays to the real server.
 */
export function startupRejectingPooler(upstreamPort: number): Promise<WireServer> {
  return listen((client, received) => {
    client.once('data', (startup: Buffer) => {
      received.push(startup);
      // Startup packet: int32 length, int32 protocol, then key\0value\0 pairs.
      const keys = startup
        .subarray(8)
        .toString('latin1')
        .split('\0')
        .filter((_, i) => i % 2 === 0);
      const unknown = keys.find((key) => ['options', 'statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout'].includes(key));
      if (unknown) {
        client.end(errorResponse('08P01', `unsupported startup parameter: ${unknown}`));
        return;
      }
      const upstream = connect(upstreamPort, '127.0.0.1', () => {
        upstream.write(startup);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
    });
  });
}
