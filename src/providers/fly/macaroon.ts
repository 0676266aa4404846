// Fly.io macaroon tokens, decoded offline. Format: github.com/superfly/macaroon (format.go: the
// `FlyV1` scheme, comma-separated `fm2_`/`fm1r_`/`fm1a_` + base64 tokens, `fo1_` OAuth tokens;
// macaroon.go: a MessagePack array [nonce, location, caveats, tail]; caveat_set.go: caveats as a
// flat array of [type, body] pairs; caveats.go and flyio/caveats.go: the numbered caveat types and
// their bodies, structs encoded as arrays). Caveat semantics: flyio/caveats.md in the same repository.
import { decodeMsgpack, isMap, type MsgMap, type MsgValue } from './msgpack.js';

/** Where Fly.io checks permission tokens, and where its discharge (authentication) tokens come from. */
export const LOCATION_PERMISSION = 'https://api.fly.io/v1';

/** A caveat as blastradius reads it: the types whose meaning is documented, and the rest by name. */
export type Caveat =
  | { type: 'Organization'; id: string; mask: number }
  | { type: 'Apps'; apps: ReadonlyMap<string, number> }
  | { type: 'Volumes'; volumes: ReadonlyMap<string, number> }
  | { type: 'Action'; mask: number }
  | { type: 'IfPresent'; ifs: Caveat[]; otherwise: number }
  | { type: 'ValidityWindow'; notBefore: number; notAfter: number }
  | { type: 'Mutations'; mutations: string[] }
  | { type: 'ThirdParty'; location: string }
  /** Restricts accesses that name a machine, feature, cluster, command or storage object (none of the accesses blastradius asks about names one). */
  | { type: 'Scoped'; name: string }
  /** Checked on discharge tokens or attestations: no bearing on what the permission token allows. */
  | { type: 'Discharge'; name: string }
  /** A restriction whose effect blastradius does not model: it can only narrow the token. */
  | { type: 'Unmodelled'; name: string };

export interface Macaroon {
  location: string;
  caveats: Caveat[];
}

/** The tokens of one Fly.io credential string, as the API receives them. */
export interface FlyTokenBundle {
  /** `macaroon`: FlyV1 tokens; `oauth`: an `fo1_` user token (a Bearer). */
  kind: 'macaroon' | 'oauth';
  /** The Authorization header value. */
  header: string;
  /** Every secret piece (the whole string and each token), for scrubbing. */
  pieces: string[];
  permission: Macaroon[];
  discharges: Macaroon[];
  /** Pieces that did not decode (never sent anywhere else; the API decides about them). */
  undecoded: number;
}

const SCOPED: Record<number, string> = {
  5: 'FeatureSet',
  7: 'Machines',
  14: 'MachineFeatureSet',
  16: 'Clusters',
  27: 'Commands',
  28: 'AppFeatureSet',
  29: 'StorageObjects',
};
const DISCHARGE: Record<number, string> = {
  8: 'ConfineUser',
  9: 'ConfineOrganization',
  12: 'BindToParentToken',
  19: 'ConfineGoogleHD',
  20: 'ConfineGitHubOrg',
  21: 'MaxValidity',
  23: 'FlyioUserID',
  24: 'GitHubUserID',
  25: 'GoogleUserID',
};
const UNMODELLED: Record<number, string> = { 10: 'IsUser', 15: 'FromMachineSource', 22: 'IsMember', 30: 'AllowedRoles', 31: 'FlySrc' };

/** Splits a credential string (with or without its scheme) into the tokens Fly.io expects. */
export function parseFlyToken(value: string): FlyTokenBundle {
  const bare = value.trim().replace(/^(?:flyv1|bearer)\s+/i, '');
  const pieces = bare
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (pieces.length > 0 && pieces.every((p) => p.startsWith('fo1_'))) {
    return { kind: 'oauth', header: `Bearer ${pieces.join(',')}`, pieces: [value, ...pieces], permission: [], discharges: [], undecoded: 0 };
  }
  const bundle: FlyTokenBundle = {
    kind: 'macaroon',
    header: `FlyV1 ${pieces.join(',')}`,
    pieces: [value, ...pieces],
    permission: [],
    discharges: [],
    undecoded: 0,
  };
  for (const piece of pieces) {
    if (piece.startsWith('fo1_')) continue; // a user token riding along: the API reads it, it has no caveats
    const macaroon = decodePiece(piece);
    if (!macaroon) bundle.undecoded++;
    else if (macaroon.location === LOCATION_PERMISSION) bundle.permission.push(macaroon);
    else bundle.discharges.push(macaroon);
  }
  return bundle;
}

function decodePiece(piece: string): Macaroon | undefined {
  const match = /^(fm2|fm1r|fm1a)_([A-Za-z0-9+/]+={0,2})$/.exec(piece);
  if (!match) return undefined;
  try {
    return decodeMacaroon(Buffer.from(match[2], 'base64'));
  } catch {
    return undefined;
  }
}

/** [nonce, location, caveats, tail]: the caveats are readable without the key (only their signature needs it). */
export function decodeMacaroon(bytes: Uint8Array): Macaroon {
  const value = decodeMsgpack(bytes);
  if (!Array.isArray(value) || value.length !== 4 || typeof value[1] !== 'string' || !Array.isArray(value[2])) throw new Error('not a Fly.io macaroon');
  return { location: value[1], caveats: decodeCaveats(value[2]) };
}

function decodeCaveats(flat: MsgValue[]): Caveat[] {
  if (flat.length % 2 !== 0) throw new Error('bad caveat set');
  const out: Caveat[] = [];
  for (let i = 0; i < flat.length; i += 2) out.push(decodeCaveat(flat[i], flat[i + 1]));
  return out;
}

function decodeCaveat(type: MsgValue, body: MsgValue): Caveat {
  const code = typeof type === 'number' ? type : -1;
  const fields = Array.isArray(body) ? body : [];
  switch (code) {
    case 0:
      return { type: 'Organization', id: idOf(fields[0]), mask: int(fields[1]) };
    case 2:
      return { type: 'Volumes', volumes: resourceSet(fields[0]) };
    case 3:
      return { type: 'Apps', apps: resourceSet(fields[0]) };
    case 4:
      return { type: 'ValidityWindow', notBefore: int(fields[0]), notAfter: int(fields[1]) };
    case 6:
      return { type: 'Mutations', mutations: (Array.isArray(fields[0]) ? fields[0] : []).filter((m): m is string => typeof m === 'string') };
    case 11:
      return { type: 'ThirdParty', location: typeof fields[0] === 'string' ? fields[0] : '' };
    case 13:
      return { type: 'IfPresent', ifs: Array.isArray(fields[0]) ? decodeCaveats(fields[0]) : [], otherwise: int(fields[1]) };
    case 26:
      return { type: 'Action', mask: int(body) };
  }
  if (SCOPED[code]) return { type: 'Scoped', name: SCOPED[code] };
  if (DISCHARGE[code]) return { type: 'Discharge', name: DISCHARGE[code] };
  return { type: 'Unmodelled', name: UNMODELLED[code] ?? `caveat type ${String(type)}` };
}

// ResourceSet: a map from id (integer app ids, string volume ids) to an action mask; key 0 or "" is every resource.
function resourceSet(value: MsgValue | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (value !== undefined && isMap(value)) for (const [key, mask] of (value as MsgMap).entries) out.set(idOf(key), int(mask));
  return out;
}

function idOf(value: MsgValue | undefined): string {
  return typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string' ? String(value) : '';
}

function int(value: MsgValue | undefined): number {
  return typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : 0;
}

/** The latest moment any permission token may be used (the earliest ValidityWindow end), if one says. */
export function expiresAt(macaroon: Macaroon): number | undefined {
  const ends = macaroon.caveats.flatMap((c) => (c.type === 'ValidityWindow' ? [c.notAfter] : []));
  return ends.length ? Math.min(...ends) : undefined;
}
