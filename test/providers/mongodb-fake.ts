// A MongoDB wire-protocol fake for the mongodb provider tests, built from the documented protocol
// and command replies (fixtures/providers/mongodb/README.md cites each page):
//  - framing, OP_QUERY / OP_REPLY (the driver's first handshake) and OP_MSG:
//    https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/
//  - hello / isMaster: https://www.mongodb.com/docs/manual/reference/command/hello/
//  - SCRAM-SHA-256 (RFC 5802, RFC 7677) as MongoDB runs it in saslStart / saslContinue, including
//    speculative authentication in the handshake: https://github.com/mongodb/specifications/blob/master/source/auth/auth.md
//  - connectionStatus: https://www.mongodb.com/docs/manual/reference/command/connectionStatus/
//  - listDatabases: https://www.mongodb.com/docs/manual/reference/command/listDatabases/
// The fake stores only what a server stores for SCRAM (salt, iteration count, StoredKey, ServerKey)
// and really checks each client proof. Every command it receives is recorded.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { BSON } from 'mongodb';
import { fixtureJson } from '../helpers/provider.js';

type Doc = Record<string, unknown>;

export interface FakeUser {
  user: string;
  db: string;
  password: string;
  roles: { role: string; db: string }[];
}

export interface RecordedCommand {
  name: string;
  db: string;
  /** The user authenticated on that connection when the command arrived, `user@db`. */
  as?: string;
  opcode: 'OP_QUERY' | 'OP_MSG';
}

interface Credential {
  user: string;
  db: string;
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
  roles: { role: string; db: string }[];
}

interface Conversation {
  id: number;
  credential?: Credential;
  clientFirstBare: string;
  serverFirst: string;
  nonce: string;
  proved?: boolean;
}

interface ConnectionState {
  authenticated?: Credential;
  conversation?: Conversation;
}

const ITERATIONS = 15000;
const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

function credentialFor(user: FakeUser): Credential {
  const salt = randomBytes(28);
  // SASLprep of an ASCII password is the password itself.
  const salted = pbkdf2Sync(user.password, salt, ITERATIONS, 32, 'sha256');
  return {
    user: user.user,
    db: user.db,
    salt,
    iterations: ITERATIONS,
    storedKey: sha256(hmac(salted, 'Client Key')),
    serverKey: hmac(salted, 'Server Key'),
    roles: user.roles,
  };
}

/** Built-in roles as privileges (fixtures/providers/mongodb/roles.json, from the built-in roles page). */
type RoleTable = Record<string, { resource: Doc; actions: string[] }[]>;

function privilegesOf(roles: { role: string; db: string }[], table: RoleTable): { resource: Doc; actions: string[] }[] {
  const out: { resource: Doc; actions: string[] }[] = [];
  for (const { role, db } of roles) {
    for (const privilege of table[role] ?? []) {
      // "<db>" in the table stands for the database the role was granted on.
      const resource = Object.fromEntries(Object.entries(privilege.resource).map(([k, v]) => [k, v === '<db>' ? db : v]));
      out.push({ resource, actions: [...privilege.actions] });
    }
  }
  return out;
}

const error = (code: number, codeName: string, errmsg: string): Doc => ({ ok: 0, errmsg, code, codeName });

export class MongoFake {
  readonly commands: RecordedCommand[] = [];
  port = 0;
  #server?: Server;
  readonly #sockets = new Set<Socket>();
  readonly #credentials: Map<string, Credential>;
  readonly #roles = fixtureJson<RoleTable>('mongodb', 'roles.json');
  readonly #databases = fixtureJson<{ databases: { name: string; sizeOnDisk: number; empty: boolean }[] }>('mongodb', 'databases.json').databases;
  #nextConversation = 1;
  #connectionId = 1;

  constructor(users: FakeUser[]) {
    this.#credentials = new Map(users.map((u) => [`${u.db}.${u.user}`, credentialFor(u)]));
  }

  async start(): Promise<this> {
    this.#server = createServer((socket) => this.#serve(socket));
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as { port: number }).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()) ?? resolve());
  }

  #serve(socket: Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('error', () => undefined);
    const state: ConnectionState = {};
    const connectionId = this.#connectionId++;
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 16 && buffer.length >= buffer.readInt32LE(0)) {
        const length = buffer.readInt32LE(0);
        const message = buffer.subarray(0, length);
        buffer = buffer.subarray(length);
        const reply = this.#handle(message, state, connectionId);
        if (reply) socket.write(reply);
      }
    });
  }

  #handle(message: Buffer, state: ConnectionState, connectionId: number): Buffer | undefined {
    const requestId = message.readInt32LE(4);
    const opcode = message.readInt32LE(12);
    if (opcode === 2004) {
      // OP_QUERY: flags, fullCollectionName (cstring), numberToSkip, numberToReturn, query document.
      let at = 20;
      const end = message.indexOf(0, at);
      const collection = message.toString('utf8', at, end);
      at = end + 1 + 8;
      const size = message.readInt32LE(at);
      const query = BSON.deserialize(message.subarray(at, at + size));
      const reply = this.#command(query, collection.replace(/\.\$cmd$/, ''), state, connectionId, 'OP_QUERY');
      return opReply(requestId, reply);
    }
    if (opcode === 2013) {
      // OP_MSG: flagBits, then sections; kind 0 is the command body, kind 1 a document sequence.
      const flags = message.readUInt32LE(16);
      const end = flags & 1 ? message.length - 4 : message.length;
      let at = 20;
      let body: Doc | undefined;
      while (at < end) {
        const kind = message.readUInt8(at++);
        const size = message.readInt32LE(at);
        if (kind === 0) body = BSON.deserialize(message.subarray(at, at + size));
        at += size;
      }
      if (!body) return undefined;
      const reply = this.#command(body, String(body.$db ?? 'admin'), state, connectionId, 'OP_MSG');
      // moreToCome (bit 1): the client expects no reply.
      return flags & 2 ? undefined : opMsg(requestId, reply);
    }
    return undefined;
  }

  #command(command: Doc, db: string, state: ConnectionState, connectionId: number, opcode: RecordedCommand['opcode']): Doc {
    const name = Object.keys(command)[0];
    const as = state.authenticated ? `${state.authenticated.user}@${state.authenticated.db}` : undefined;
    this.commands.push({ name, db, ...(as ? { as } : {}), opcode });
    switch (name) {
      case 'hello':
      case 'isMaster':
      case 'ismaster':
        return this.#hello(command, state, connectionId);
      case 'saslStart':
        return this.#saslStart(command, db, state);
      case 'saslContinue':
        return this.#saslContinue(command, state);
      case 'ping':
        return { ok: 1 };
      case 'endSessions':
        return { ok: 1 };
      case 'connectionStatus':
        return this.#connectionStatus(command, state);
      case 'listDatabases':
        return this.#listDatabases(command, state);
      default:
        return error(59, 'CommandNotFound', `no such command: '${name}'`);
    }
  }

  #hello(command: Doc, state: ConnectionState, connectionId: number): Doc {
    const reply: Doc = {
      helloOk: true,
      isWritablePrimary: true,
      ismaster: true,
      maxBsonObjectSize: 16777216,
      maxMessageSizeBytes: 48000000,
      maxWriteBatchSize: 100000,
      localTime: new Date(),
      logicalSessionTimeoutMinutes: 30,
      connectionId,
      minWireVersion: 0,
      maxWireVersion: 21,
      readOnly: false,
      ok: 1,
    };
    if (typeof command.saslSupportedMechs === 'string') {
      reply.saslSupportedMechs = this.#credentials.has(command.saslSupportedMechs) ? ['SCRAM-SHA-256'] : [];
    }
    const speculative = command.speculativeAuthenticate as Doc | undefined;
    if (speculative?.saslStart) {
      const started = this.#saslStart(speculative, String(speculative.db ?? 'admin'), state);
      if (started.ok === 1) {
        const { ok: _ok, ...rest } = started;
        reply.speculativeAuthenticate = rest;
      }
    }
    return reply;
  }

  #saslStart(command: Doc, db: string, state: ConnectionState): Doc {
    if (command.mechanism !== 'SCRAM-SHA-256')
      return error(334, 'MechanismUnavailable', `Received authentication for mechanism ${String(command.mechanism)} which is not enabled`);
    const payload = Buffer.from((command.payload as { buffer: Uint8Array }).buffer).toString('utf8');
    // client-first-message: gs2 header "n,," then "n=<user>,r=<nonce>".
    const match = /^n,,(n=([^,]*),r=([^,]+))$/.exec(payload);
    if (!match) return error(17, 'ProtocolError', 'Invalid SCRAM client-first-message');
    const user = match[2].replace(/=2C/g, ',').replace(/=3D/g, '=');
    const credential = this.#credentials.get(`${db}.${user}`);
    // An unknown user gets a made-up salt, as a real server does, and fails at the proof.
    const salt = credential?.salt ?? sha256(Buffer.from(`${db}.${user}`)).subarray(0, 28);
    const nonce = match[3] + randomBytes(24).toString('base64');
    const serverFirst = `r=${nonce},s=${salt.toString('base64')},i=${credential?.iterations ?? ITERATIONS}`;
    const conversation: Conversation = { id: this.#nextConversation++, ...(credential ? { credential } : {}), clientFirstBare: match[1], serverFirst, nonce };
    state.conversation = conversation;
    return { conversationId: conversation.id, done: false, payload: new BSON.Binary(Buffer.from(serverFirst)), ok: 1 };
  }

  #saslContinue(command: Doc, state: ConnectionState): Doc {
    const conversation = state.conversation;
    if (!conversation || command.conversationId !== conversation.id) return error(17, 'ProtocolError', 'No SASL session state found');
    const payload = Buffer.from((command.payload as { buffer: Uint8Array }).buffer).toString('utf8');
    if (conversation.proved) {
      // The empty final exchange of clients that do not ask to skip it.
      state.conversation = undefined;
      return { conversationId: conversation.id, done: true, payload: new BSON.Binary(Buffer.alloc(0)), ok: 1 };
    }
    const match = /^(c=biws,r=([^,]+)),p=([A-Za-z0-9+/=]+)$/.exec(payload);
    const credential = conversation.credential;
    if (!match || match[2] !== conversation.nonce || !credential) return this.#authFailed(state);
    const authMessage = `${conversation.clientFirstBare},${conversation.serverFirst},${match[1]}`;
    const proof = Buffer.from(match[3], 'base64');
    const signature = hmac(credential.storedKey, authMessage);
    if (proof.length !== signature.length) return this.#authFailed(state);
    const clientKey = Buffer.from(proof.map((byte, i) => byte ^ signature[i]));
    if (!timingSafeEqual(sha256(clientKey), credential.storedKey)) return this.#authFailed(state);
    state.authenticated = credential;
    conversation.proved = true;
    const serverFinal = `v=${hmac(credential.serverKey, authMessage).toString('base64')}`;
    return { conversationId: conversation.id, done: true, payload: new BSON.Binary(Buffer.from(serverFinal)), ok: 1 };
  }

  #authFailed(state: ConnectionState): Doc {
    state.conversation = undefined;
    return error(18, 'AuthenticationFailed', 'Authentication failed.');
  }

  #connectionStatus(command: Doc, state: ConnectionState): Doc {
    const who = state.authenticated;
    const authInfo: Doc = {
      authenticatedUsers: who ? [{ user: who.user, db: who.db }] : [],
      authenticatedUserRoles: who ? who.roles.map((r) => ({ role: r.role, db: r.db })) : [],
    };
    if (command.showPrivileges) authInfo.authenticatedUserPrivileges = who ? privilegesOf(who.roles, this.#roles) : [];
    return { authInfo, ok: 1 };
  }

  #listDatabases(command: Doc, state: ConnectionState): Doc {
    const who = state.authenticated;
    if (!who) return error(13, 'Unauthorized', 'command listDatabases requires authentication');
    const privileges = privilegesOf(who.roles, this.#roles);
    const everything = privileges.some((p) => p.resource.anyResource || p.resource.db === '' || (p.resource.cluster && p.actions.includes('listDatabases')));
    // authorizedDatabases: only the databases the user holds a privilege on, unless it may list them all.
    const visible = this.#databases.filter((d) => everything || privileges.some((p) => p.resource.db === d.name));
    const databases = command.nameOnly ? visible.map((d) => ({ name: d.name })) : visible;
    return { databases, ...(command.nameOnly ? {} : { totalSize: visible.reduce((n, d) => n + d.sizeOnDisk, 0) }), ok: 1 };
  }
}

let nextRequestId = 1;

/** OP_REPLY: responseFlags, cursorID (int64), startingFrom, numberReturned, then the documents. */
function opReply(responseTo: number, doc: Doc): Buffer {
  const body = BSON.serialize(doc);
  const header = Buffer.alloc(36);
  header.writeInt32LE(36 + body.length, 0);
  header.writeInt32LE(nextRequestId++, 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(1, 12);
  header.writeInt32LE(0, 16);
  header.writeBigInt64LE(0n, 20);
  header.writeInt32LE(0, 28);
  header.writeInt32LE(1, 32);
  return Buffer.concat([header, body]);
}

/** OP_MSG with one kind-0 section, no checksum. */
function opMsg(responseTo: number, doc: Doc): Buffer {
  const body = BSON.serialize(doc);
  const header = Buffer.alloc(21);
  header.writeInt32LE(21 + body.length, 0);
  header.writeInt32LE(nextRequestId++, 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(2013, 12);
  header.writeUInt32LE(0, 16);
  header.writeUInt8(0, 20);
  return Buffer.concat([header, body]);
}
