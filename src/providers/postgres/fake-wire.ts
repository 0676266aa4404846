// PostgreSQL frontend/backend protocol v3 framing, the subset the demo fake speaks.
// Message formats: https://www.postgresql.org/docs/current/protocol-message-formats.html

/** One message: `type` is '' for the untyped start-up packets (StartupMessage, SSLRequest…). */
export interface WireMessage {
  type: string;
  body: Buffer;
}

/** Refuse absurd lengths instead of buffering them: nothing the provider sends comes close. */
const MAX_MESSAGE = 16 * 1024 * 1024;

/** Splits a byte stream into messages; `untyped` is true while start-up packets (no type byte) are expected. */
export class MessageReader {
  untyped: boolean;
  #pending = Buffer.alloc(0);

  constructor(untyped: boolean) {
    this.untyped = untyped;
  }

  /** Appends a chunk and returns the next complete message, then call again with an empty buffer for more. */
  next(chunk?: Buffer): WireMessage | undefined {
    if (chunk?.length) this.#pending = Buffer.concat([this.#pending, chunk]);
    const header = this.untyped ? 4 : 5;
    if (this.#pending.length < header) return undefined;
    const length = this.#pending.readInt32BE(header - 4);
    if (length < 4 || length > MAX_MESSAGE) throw new Error(`invalid message length ${length}`);
    const total = length + header - 4;
    if (this.#pending.length < total) return undefined;
    const type = this.untyped ? '' : String.fromCharCode(this.#pending[0]);
    const body = this.#pending.subarray(header, total);
    this.#pending = this.#pending.subarray(total);
    return { type, body };
  }
}

/** Sequential reads from a message body. */
export class BodyReader {
  #offset = 0;
  constructor(private readonly body: Buffer) {}

  int16(): number {
    const value = this.body.readInt16BE(this.#offset);
    this.#offset += 2;
    return value;
  }

  int32(): number {
    const value = this.body.readInt32BE(this.#offset);
    this.#offset += 4;
    return value;
  }

  byte(): string {
    return String.fromCharCode(this.body[this.#offset++]);
  }

  cstring(): string {
    const end = this.body.indexOf(0, this.#offset);
    if (end < 0) throw new Error('unterminated string');
    const value = this.body.toString('utf8', this.#offset, end);
    this.#offset = end + 1;
    return value;
  }

  bytes(length: number): Buffer {
    const value = this.body.subarray(this.#offset, this.#offset + length);
    this.#offset += length;
    return value;
  }
}

/** Start-up packet codes (in place of a protocol version). */
export const SSL_REQUEST = 80877103;
export const GSSENC_REQUEST = 80877104;
export const CANCEL_REQUEST = 80877102;
export const PROTOCOL_3_0 = 196608;

function message(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

const int16 = (value: number) => {
  const buffer = Buffer.alloc(2);
  buffer.writeInt16BE(value);
  return buffer;
};
const int32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
};
const cstring = (value: string) => Buffer.from(`${value}\0`, 'utf8');

/** Type OIDs by name (pg_type), with their fixed lengths where they have one. */
export const TYPES: Record<string, { oid: number; length: number }> = {
  bool: { oid: 16, length: 1 },
  name: { oid: 19, length: 64 },
  int8: { oid: 20, length: 8 },
  int2: { oid: 21, length: 2 },
  int4: { oid: 23, length: 4 },
  text: { oid: 25, length: -1 },
  oid: { oid: 26, length: 4 },
  float8: { oid: 701, length: 8 },
  _name: { oid: 1003, length: -1 },
  _text: { oid: 1009, length: -1 },
  varchar: { oid: 1043, length: -1 },
  timestamptz: { oid: 1184, length: 8 },
  numeric: { oid: 1700, length: -1 },
};

export interface Column {
  name: string;
  /** A key of TYPES. */
  type: string;
}

/** What a server sends: ErrorResponse fields. */
export interface ServerError {
  severity: 'ERROR' | 'FATAL';
  code: string;
  message: string;
  detail?: string;
}

export const backend = {
  authentication: (code: number) => message('R', int32(code)),
  parameterStatus: (name: string, value: string) => message('S', cstring(name), cstring(value)),
  backendKeyData: (pid: number, secret: number) => message('K', int32(pid), int32(secret)),
  readyForQuery: (status: 'I' | 'T' | 'E') => message('Z', Buffer.from(status, 'latin1')),
  rowDescription: (columns: readonly Column[]) =>
    message(
      'T',
      int16(columns.length),
      ...columns.flatMap((c) => [cstring(c.name), int32(0), int16(0), int32(TYPES[c.type].oid), int16(TYPES[c.type].length), int32(-1), int16(0)]),
    ),
  dataRow: (values: readonly (string | null)[]) =>
    message(
      'D',
      int16(values.length),
      ...values.flatMap((v) => {
        if (v === null) return [int32(-1)];
        const bytes = Buffer.from(v, 'utf8');
        return [int32(bytes.length), bytes];
      }),
    ),
  commandComplete: (tag: string) => message('C', cstring(tag)),
  error: (e: ServerError) =>
    message(
      'E',
      ...[['S', e.severity], ['V', e.severity], ['C', e.code], ['M', e.message], ...(e.detail ? [['D', e.detail]] : [])].map(([k, v]) => cstring(`${k}${v}`)),
      Buffer.from([0]),
    ),
  parseComplete: () => message('1'),
  bindComplete: () => message('2'),
  closeComplete: () => message('3'),
  noData: () => message('n'),
  portalSuspended: () => message('s'),
  emptyQuery: () => message('I'),
  parameterDescription: (types: readonly number[]) => message('t', int16(types.length), ...types.map(int32)),
};
