import { describe, expect, it } from 'vitest';
import { ACTION, actionString, evaluate } from '../../src/providers/fly/caveats.js';
import { tokenKind } from '../../src/providers/fly/identity.js';
import { LOCATION_PERMISSION, parseFlyToken, type Macaroon } from '../../src/providers/fly/macaroon.js';
import { decodeMsgpack, MsgpackError } from '../../src/providers/fly/msgpack.js';
import { ALL, READ, action, apps, encodeMsgpack, featureSet, flyToken, ifPresent, macaroon, mutations, org, unregistered, validity } from './fly-fake.js';

const ACME = '1234567';
const permissionOf = (token: string): Macaroon => parseFlyToken(token).permission[0];

describe('MessagePack decoding', () => {
  it('reads the header of a Fly.io permission token as macaroon format.go writes it', () => {
    // [nonce [kid bin8, rnd bin16, false], "https://api.fly.io/v1", [0, [org id, 31], …]: the layout macaroon.go and nonce.go write.
    const head = Buffer.from(
      '9493c4080000000000000001c410' + '00'.repeat(16) + 'c2b5' + Buffer.from(LOCATION_PERMISSION).toString('hex') + '9200' + '92ce000f42411f',
      'hex',
    );
    const value = decodeMsgpack(Buffer.concat([head, Buffer.from('c400', 'hex')])) as unknown[];
    expect(value[1]).toBe(LOCATION_PERMISSION);
    expect(value[2]).toEqual([0, [1000001, 31]]);
  });

  it('keeps integers past 2^53 exact, and refuses truncated, trailing or deeply nested input', () => {
    expect(decodeMsgpack(Buffer.from('cf0020000000000001', 'hex'))).toBe(2n ** 53n + 1n);
    expect(decodeMsgpack(Buffer.from('cd0100', 'hex'))).toBe(256);
    expect(() => decodeMsgpack(Buffer.from('da00ff41', 'hex'))).toThrow(MsgpackError);
    expect(() => decodeMsgpack(Buffer.from('c0c0', 'hex'))).toThrow(/trailing/);
    expect(() => decodeMsgpack(Buffer.from('91'.repeat(40) + 'c0', 'hex'))).toThrow(/deeply/);
    expect(() => decodeMsgpack(Buffer.from('dd7fffffff', 'hex'))).toThrow(/truncated/);
  });
});

describe('Fly.io token parsing', () => {
  it('splits the FlyV1 bundle into the permission token and its discharge', () => {
    const bundle = parseFlyToken(flyToken([org(1234567, ALL)]));
    expect(bundle.kind).toBe('macaroon');
    expect(bundle.header).toMatch(/^FlyV1 fm2_[^,]+,fm2_/);
    expect(bundle.permission).toHaveLength(1);
    expect(bundle.permission[0].caveats.map((c) => c.type)).toEqual(['Organization', 'ThirdParty']);
    expect(bundle.discharges.map((d) => d.location)).toEqual(['https://api.fly.io/aaa/v1']);
    expect(bundle.pieces).toHaveLength(3);
  });

  it('an fo1_ token is a Bearer; a piece that is not a macaroon is counted, not guessed', () => {
    expect(parseFlyToken('fo1_klshlvxQ6gXchD6sKl3IvX4IRKQ23K_q_YAPe7Mie9c')).toMatchObject({
      kind: 'oauth',
      header: 'Bearer fo1_klshlvxQ6gXchD6sKl3IvX4IRKQ23K_q_YAPe7Mie9c',
    });
    const bundle = parseFlyToken(`fm2_${Buffer.from('not msgpack at all').toString('base64')}`);
    expect(bundle).toMatchObject({ kind: 'macaroon', undecoded: 1, permission: [] });
  });

  it('names the token kind from its caveats', () => {
    expect(tokenKind(parseFlyToken(flyToken([org(1234567, ALL)])))).toBe('org-scoped token (org 1234567: rwcdC)');
    expect(tokenKind(parseFlyToken(flyToken([org(1234567, ALL), org(1234567, READ)])))).toBe('read-only org token (org 1234567)');
    expect(tokenKind(parseFlyToken(flyToken([org(1234567, ALL), ifPresent([apps({ 2002: ALL })], READ)])))).toMatch(/^app-scoped token \(apps 2002\)/);
    expect(tokenKind(parseFlyToken(flyToken([org(1234567, ALL), mutations(['addCertificate'])])))).toBe('macaroon with custom caveats');
  });
});

// The semantics of github.com/superfly/macaroon flyio/caveats.md, one rule per case.
describe('caveat evaluation', () => {
  const del = (app?: string) => ({ org: ACME, app, action: ACTION.delete });

  it('Organization: its org and a subset of its mask', () => {
    const token = permissionOf(flyToken([org(1234567, ALL)]));
    expect(evaluate([token], del('1')).result).toBe('allow');
    expect(evaluate([token], { org: '999', app: '1', action: ACTION.read }).result).toBe('deny');
    expect(evaluate([permissionOf(flyToken([org(1234567, READ | 2)]))], del('1')).result).toBe('deny');
  });

  it('every caveat must allow: a second Organization caveat of mask r makes the token read-only', () => {
    const token = permissionOf(flyToken([org(1234567, ALL), org(1234567, READ)]));
    expect(evaluate([token], del('1'))).toMatchObject({ result: 'deny', because: expect.stringContaining('only "r"') });
    expect(evaluate([token], { org: ACME, app: '1', action: ACTION.read }).result).toBe('allow');
  });

  it('Apps: only listed apps (0 = every app); an access naming no app fails it outside IfPresent', () => {
    const token = permissionOf(flyToken([org(1234567, ALL), apps({ 2002: ALL })]));
    expect(evaluate([token], del('2002')).result).toBe('allow');
    expect(evaluate([token], del('2001')).result).toBe('deny');
    expect(evaluate([token], del(undefined)).result).toBe('deny');
    expect(evaluate([permissionOf(flyToken([org(1234567, ALL), apps({ 0: READ })]))], { org: ACME, app: '7', action: ACTION.read }).result).toBe('allow');
  });

  it('IfPresent: its caveats when one is relevant, its else mask when none is', () => {
    const token = permissionOf(flyToken([org(1234567, ALL), ifPresent([apps({ 2002: ALL }), featureSet({ wg: ALL })], READ)]));
    expect(evaluate([token], del('2002')).result).toBe('allow');
    expect(evaluate([token], del('2001')).result).toBe('deny');
    expect(evaluate([token], { org: ACME, action: ACTION.read }).result).toBe('allow');
    expect(evaluate([token], { org: ACME, action: ACTION.delete }).result).toBe('deny');
    // An app whose id is not known: the Apps caveat cannot be decided.
    expect(evaluate([token], del('?')).result).toBe('unknown');
  });

  it('Action caveat, validity window, and any token of the bundle allowing', () => {
    expect(evaluate([permissionOf(flyToken([org(1234567, ALL), action(READ)]))], del('1')).result).toBe('deny');
    const expired = permissionOf(flyToken([org(1234567, ALL), validity(1_600_000_000, 1_600_000_100)]));
    expect(evaluate([expired], del('1')).because).toMatch(/ValidityWindow/);
    const readOnly = permissionOf(flyToken([org(1234567, READ)]));
    const full = permissionOf(flyToken([org(1234567, ALL)]));
    expect(evaluate([readOnly, full], del('1')).result).toBe('allow');
  });

  it('Mutations: denies what is not a listed mutation; a listed delete mutation stays unknown', () => {
    const token = permissionOf(flyToken([org(1234567, ALL), mutations(['deleteApp'])]));
    expect(evaluate([token], del('1')).result).toBe('deny');
    expect(evaluate([token], { ...del('1'), mutation: 'deleteApp' }).result).toBe('unknown');
    expect(evaluate([token], { ...del('1'), mutation: 'addCertificate' }).result).toBe('deny');
  });

  it('a caveat type it does not model makes the answer unknown unless another caveat denies', () => {
    expect(evaluate([permissionOf(flyToken([org(1234567, ALL), unregistered(31)]))], del('1'))).toMatchObject({
      result: 'unknown',
      because: expect.stringContaining('FlySrc'),
    });
    expect(evaluate([permissionOf(flyToken([org(1234567, READ), unregistered(99)]))], del('1')).result).toBe('deny');
  });

  it('action masks print as flyctl prints them', () => {
    expect(actionString(0x1f)).toBe('rwcdC');
    expect(actionString(0xffff)).toBe('rwcdC');
    expect(actionString(1 | 8)).toBe('rd');
  });

  it('a bare macaroon from the test kit round-trips through the encoder', () => {
    const token = macaroon('https://example.test', [org(1, READ)]);
    const bytes = Buffer.from(token.slice(4), 'base64');
    expect((decodeMsgpack(bytes) as unknown[])[1]).toBe('https://example.test');
    expect(encodeMsgpack([1, 'a'])).toEqual(Buffer.from('9201a161', 'hex'));
  });
});
