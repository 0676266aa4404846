// A MessagePack decoder for the parts of the format Fly.io macaroons use (https://github.com/msgpack/msgpack/blob/master/spec.md):
// nil, booleans, integers (uint64 kept exact as a bigint when it passes 2^53), floats, strings,
// binary, arrays and maps. Extension types never occur in a macaroon and are refused.
// Fly.io encodes its tokens with vmihailenco/msgpack (github.com/superfly/macaroon, macaroon.go).

export type MsgValue = null | boolean | number | bigint | string | Uint8Array | MsgValue[] | MsgMap;
/** A map keeps its entries in wire order; keys may be integers (app ids) or strings (volume ids). */
export type MsgMap = { readonly kind: 'map'; readonly entries: readonly [MsgValue, MsgValue][] };

const MAX_DEPTH = 32;

export class MsgpackError extends Error {}

/** Decodes exactly one value spanning the whole buffer. */
export function decodeMsgpack(bytes: Uint8Array): MsgValue {
  const reader = new Reader(bytes);
  const value = reader.value(0);
  if (reader.offset !== bytes.length) throw new MsgpackError(`${bytes.length - reader.offset} trailing bytes`);
  return value;
}

export function isMap(value: MsgValue): value is MsgMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

class Reader {
  offset = 0;
  readonly #view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  value(depth: number): MsgValue {
    if (depth > MAX_DEPTH) throw new MsgpackError('nested too deeply');
    const type = this.u8();
    if (type <= 0x7f) return type;
    if (type >= 0xe0) return type - 0x100;
    if (type >= 0x80 && type <= 0x8f) return this.map(type & 0x0f, depth);
    if (type >= 0x90 && type <= 0x9f) return this.array(type & 0x0f, depth);
    if (type >= 0xa0 && type <= 0xbf) return this.str(type & 0x1f);
    switch (type) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xc4:
        return this.bin(this.u8());
      case 0xc5:
        return this.bin(this.u16());
      case 0xc6:
        return this.bin(this.u32());
      case 0xca:
        return this.#at(4, (o) => this.#view.getFloat32(o));
      case 0xcb:
        return this.#at(8, (o) => this.#view.getFloat64(o));
      case 0xcc:
        return this.u8();
      case 0xcd:
        return this.u16();
      case 0xce:
        return this.u32();
      case 0xcf:
        return exact(this.#at(8, (o) => this.#view.getBigUint64(o)));
      case 0xd0:
        return this.#at(1, (o) => this.#view.getInt8(o));
      case 0xd1:
        return this.#at(2, (o) => this.#view.getInt16(o));
      case 0xd2:
        return this.#at(4, (o) => this.#view.getInt32(o));
      case 0xd3:
        return exact(this.#at(8, (o) => this.#view.getBigInt64(o)));
      case 0xd9:
        return this.str(this.u8());
      case 0xda:
        return this.str(this.u16());
      case 0xdb:
        return this.str(this.u32());
      case 0xdc:
        return this.array(this.u16(), depth);
      case 0xdd:
        return this.array(this.u32(), depth);
      case 0xde:
        return this.map(this.u16(), depth);
      case 0xdf:
        return this.map(this.u32(), depth);
      default:
        throw new MsgpackError(`unsupported type byte 0x${type.toString(16)} at ${this.offset - 1}`);
    }
  }

  private array(length: number, depth: number): MsgValue[] {
    this.#need(length); // every element takes at least one byte
    const out: MsgValue[] = [];
    for (let i = 0; i < length; i++) out.push(this.value(depth + 1));
    return out;
  }

  private map(length: number, depth: number): MsgMap {
    this.#need(length * 2);
    const entries: [MsgValue, MsgValue][] = [];
    for (let i = 0; i < length; i++) entries.push([this.value(depth + 1), this.value(depth + 1)]);
    return { kind: 'map', entries };
  }

  private str(length: number): string {
    return new TextDecoder('utf-8', { fatal: true }).decode(this.bin(length));
  }

  private bin(length: number): Uint8Array {
    this.#need(length);
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  private u8(): number {
    return this.#at(1, (o) => this.#view.getUint8(o));
  }

  private u16(): number {
    return this.#at(2, (o) => this.#view.getUint16(o));
  }

  private u32(): number {
    return this.#at(4, (o) => this.#view.getUint32(o));
  }

  #at<T>(size: number, read: (offset: number) => T): T {
    this.#need(size);
    const value = read(this.offset);
    this.offset += size;
    return value;
  }

  #need(size: number): void {
    if (this.offset + size > this.bytes.length) throw new MsgpackError('truncated');
  }
}

function exact(value: bigint): number | bigint {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
}
