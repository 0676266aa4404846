// HTTP Digest authentication (RFC 7616) for Atlas programmatic API keys: the public key is the
// username, the private key the password, and the password never travels — only a hash over the
// server's nonce. https://www.mongodb.com/docs/atlas/api/api-authentication/
// Atlas documents its challenge as
//   WWW-Authenticate: Digest realm="MMS Public API", domain="", nonce="{nonce}", algorithm=MD5, op="auth", stale=false
// (e.g. https://www.mongodb.com/docs/atlas/reference/api/apiKeys-orgs-get-all/): `op` is read as `qop`.
import { createHash, randomBytes } from 'node:crypto';

export interface DigestChallenge {
  realm: string;
  nonce: string;
  /** `auth` when the server asked for quality of protection; absent: the RFC 2069 form. */
  qop?: 'auth';
  algorithm: 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';
  opaque?: string;
  /** The nonce expired: answer the new one, the credentials were not judged. */
  stale: boolean;
}

/** Reads a `WWW-Authenticate: Digest …` header; undefined when it is not a Digest challenge we can answer. */
export function parseDigestChallenge(header: string | null): DigestChallenge | undefined {
  if (!header || !/^\s*digest\s/i.test(header)) return undefined;
  const params = new Map<string, string>();
  for (const match of header.replace(/^\s*digest\s+/i, '').matchAll(/([a-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/gi)) {
    params.set(match[1].toLowerCase(), (match[2] ?? match[3] ?? '').replace(/\\(.)/g, '$1'));
  }
  const realm = params.get('realm');
  const nonce = params.get('nonce');
  if (realm === undefined || !nonce) return undefined;
  const algorithm = (params.get('algorithm') ?? 'MD5').toUpperCase();
  const known = { MD5: 'MD5', 'MD5-SESS': 'MD5-sess', 'SHA-256': 'SHA-256', 'SHA-256-SESS': 'SHA-256-sess' } as const;
  if (!(algorithm in known)) return undefined;
  const qopList = (params.get('qop') ?? params.get('op') ?? '').split(',').map((q) => q.trim().toLowerCase());
  if (qopList.some((q) => q !== '') && !qopList.includes('auth')) return undefined;
  return {
    realm,
    nonce,
    qop: qopList.includes('auth') ? 'auth' : undefined,
    algorithm: known[algorithm as keyof typeof known],
    opaque: params.get('opaque'),
    stale: (params.get('stale') ?? '').toLowerCase() === 'true',
  };
}

export interface DigestAnswer {
  challenge: DigestChallenge;
  username: string;
  password: string;
  method: string;
  /** Path and query exactly as sent in the request line. */
  uri: string;
  /** Request counter for this nonce (1, 2, …). */
  nc: number;
  cnonce?: string;
}

/** The `Authorization: Digest …` value answering a challenge. */
export function digestAuthorization(answer: DigestAnswer): string {
  const { challenge } = answer;
  const cnonce = answer.cnonce ?? randomBytes(8).toString('hex');
  const nc = answer.nc.toString(16).padStart(8, '0');
  const response = digestResponse({ ...answer, cnonce, ncHex: nc });
  const quote = (value: string) => `"${value.replace(/(["\\])/g, '\\$1')}"`;
  const parts = [
    `username=${quote(answer.username)}`,
    `realm=${quote(challenge.realm)}`,
    `nonce=${quote(challenge.nonce)}`,
    `uri=${quote(answer.uri)}`,
    `algorithm=${challenge.algorithm}`,
    `response=${quote(response)}`,
  ];
  if (challenge.qop) parts.push(`qop=${challenge.qop}`, `nc=${nc}`, `cnonce=${quote(cnonce)}`);
  if (challenge.opaque !== undefined) parts.push(`opaque=${quote(challenge.opaque)}`);
  return `Digest ${parts.join(', ')}`;
}

/** The `response` hash; the fake server computes the same to check an answer. */
export function digestResponse(input: Omit<DigestAnswer, 'nc' | 'cnonce'> & { cnonce: string; ncHex: string }): string {
  const { challenge } = input;
  const hash = (text: string) =>
    createHash(challenge.algorithm.startsWith('SHA-256') ? 'sha256' : 'md5')
      .update(text, 'utf8')
      .digest('hex');
  let ha1 = hash(`${input.username}:${challenge.realm}:${input.password}`);
  if (challenge.algorithm.endsWith('-sess')) ha1 = hash(`${ha1}:${challenge.nonce}:${input.cnonce}`);
  const ha2 = hash(`${input.method}:${input.uri}`);
  return challenge.qop ? hash(`${ha1}:${challenge.nonce}:${input.ncHex}:${input.cnonce}:${challenge.qop}:${ha2}`) : hash(`${ha1}:${challenge.nonce}:${ha2}`);
}
