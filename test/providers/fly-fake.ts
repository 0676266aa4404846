// Builds Fly.io macaroon tokens for tests, in the wire format of github.com/superfly/macaroon:
// a MessagePack array [nonce [kid, rnd, proof], location, [type, body, …], tail] (macaroon.go,
// nonce.go, caveat_set.go), compact integers, structs as arrays; base64 behind "fm2_"; the
// bundle behind "FlyV1 " (format.go). The tail is random bytes: only Fly.io could sign one, and
// blastradius never checks signatures (the API does).
import { randomBytes } from 'node:crypto';

type Value = null | boolean | number | string | Uint8Array | Value[] | { map: [Value, Value][] };

export function encodeMsgpack(value: Value): Buffer {
  const out: number[] = [];
  const push = (...bytes: number[]) => out.push(...bytes);
  const u16 = (n: number) => push((n >> 8) & 0xff, n & 0xff);
  const u32 = (n: number) => push((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  const write = (v: Value): void => {
    if (v === null) push(0xc0);
    else if (v === true) push(0xc3);
    else if (v === false) push(0xc2);
    else if (typeof v === 'number') {
      if (!Number.isInteger(v) || v < 0) throw new Error('only unsigned integers in these tests');
      if (v < 0x80) push(v);
      else if (v < 0x100) push(0xcc, v);
      else if (v < 0x10000) push(0xcd), u16(v);
      else if (v < 0x100000000) push(0xce), u32(v);
      else push(0xcf), u32(Math.floor(v / 0x100000000)), u32(v >>> 0);
    } else if (typeof v === 'string') {
      const bytes = Buffer.from(v, 'utf8');
      if (bytes.length < 32) push(0xa0 | bytes.length);
      else if (bytes.length < 0x100) push(0xd9, bytes.length);
      else push(0xda), u16(bytes.length);
      push(...bytes);
    } else if (v instanceof Uint8Array) {
      if (v.length < 0x100) push(0xc4, v.length);
      else push(0xc5), u16(v.length);
      push(...v);
    } else if (Array.isArray(v)) {
      if (v.length < 16) push(0x90 | v.length);
      else push(0xdc), u16(v.length);
      v.forEach(write);
    } else {
      if (v.map.length < 16) push(0x80 | v.map.length);
      else push(0xde), u16(v.map.length);
      for (const [k, val] of v.map) write(k), write(val);
    }
  };
  write(value);
  return Buffer.from(out);
}

// Caveat type numbers (caveats.go) and action bits r=1 w=2 c=4 d=8 C=16 (resset/action.go).
export const ALL = 0x1f;
export const READ = 1;
export type TestCaveat = [number, Value];
export const org = (id: number, mask: number): TestCaveat => [0, [id, mask]];
export const apps = (set: Record<number, number>): TestCaveat => [3, [{ map: Object.entries(set).map(([k, m]) => [Number(k), m] as [Value, Value]) }]];
export const validity = (notBefore: number, notAfter: number): TestCaveat => [4, [notBefore, notAfter]];
export const featureSet = (set: Record<string, number>): TestCaveat => [5, [{ map: Object.entries(set) }]];
export const mutations = (names: string[]): TestCaveat => [6, [names]];
export const thirdParty = (location: string): TestCaveat => [11, [location, randomBytes(48), randomBytes(64)]];
export const ifPresent = (ifs: TestCaveat[], otherwise: number): TestCaveat => [13, [ifs.flat() as Value[], otherwise]];
export const action = (mask: number): TestCaveat => [26, mask];
export const unregistered = (type: number): TestCaveat => [type, []];

export const AUTH_LOCATION = 'https://api.fly.io/aaa/v1';

export function macaroon(location: string, caveats: TestCaveat[], kid = randomBytes(8)): string {
  const nonce: Value = [kid, randomBytes(16), false];
  const bytes = encodeMsgpack([nonce, location, caveats.flat() as Value[], randomBytes(32)]);
  return `fm2_${bytes.toString('base64')}`;
}

/** A permission token (api.fly.io/v1) with its caveats and a 3P caveat to Fly.io's auth service, plus the discharge token that answers it. */
export function flyToken(caveats: TestCaveat[], options: { discharge?: boolean; scheme?: boolean } = {}): string {
  const permission = macaroon('https://api.fly.io/v1', [...caveats, thirdParty(AUTH_LOCATION)]);
  const pieces = options.discharge === false ? [permission] : [permission, macaroon(AUTH_LOCATION, [validity(1_700_000_000, 4_000_000_000)])];
  return `${options.scheme === false ? '' : 'FlyV1 '}${pieces.join(',')}`;
}
