import { createHash, randomBytes } from 'node:crypto';
import type { FakeResponse, RecordedRequest } from '../../src/providers/fake-server.js';
import { fixtureJson } from '../helpers/provider.js';

// A fake Atlas Administration API that speaks HTTP Digest the way Atlas documents it
// (https://www.mongodb.com/docs/atlas/api/api-authentication/): an unauthenticated request gets
// `401` with `WWW-Authenticate: Digest realm="MMS Public API", … nonce, algorithm=MD5, qop`, and an
// answered request is checked here with an independent RFC 7616 computation (not the provider's
// code). Answers are the recorded shapes in fixtures/providers/atlas/ (see its README).

export interface AtlasKey {
  privateKey: string;
  /** Recorded answers by request path (without query), for this key. */
  routes: Record<string, string | (() => FakeResponse)>;
}

export interface AtlasFakeOptions {
  /** Spell the qop parameter as the Atlas docs show it (`op="auth"`) instead of `qop="auth"`. */
  documentedOp?: boolean;
  /** Answer the first Digest answer with `stale=true` once (an expired nonce). */
  staleOnce?: boolean;
}

const REALM = 'MMS Public API';
export const wire = (name: string): FakeResponse => fixtureJson<FakeResponse>('atlas', name);

export function atlasFake(
  keys: Record<string, AtlasKey>,
  options: AtlasFakeOptions = {},
): { handler: (r: RecordedRequest) => FakeResponse; answered: () => number } {
  const nonces = new Set<string>();
  let staleSent = false;
  let answered = 0;
  const challenge = (stale: boolean): FakeResponse => {
    const nonce = randomBytes(12).toString('hex');
    nonces.add(nonce);
    const qop = options.documentedOp ? 'op="auth"' : 'qop="auth"';
    return {
      ...wire('unauthorized.json'),
      headers: {
        'content-type': 'application/json;charset=ISO-8859-1',
        'www-authenticate': `Digest realm="${REALM}", domain="", nonce="${nonce}", algorithm=MD5, ${qop}, stale=${stale}`,
      },
    };
  };
  const handler = (request: RecordedRequest): FakeResponse => {
    if (request.method !== 'GET') return { status: 405, body: { error: 405, errorCode: 'METHOD_NOT_ALLOWED', reason: 'Method Not Allowed' } };
    const auth = parseAuthorization(String(request.headers.authorization ?? ''));
    if (!auth) return challenge(false);
    answered++;
    if (!nonces.has(auth.nonce)) return challenge(true);
    if (options.staleOnce && !staleSent) {
      staleSent = true;
      nonces.delete(auth.nonce);
      return challenge(true);
    }
    const key = keys[auth.username];
    const uri = `${request.path}${request.query.toString() ? `?${request.query.toString()}` : ''}`;
    if (!key || auth.uri !== uri || auth.response !== expected(auth, key.privateKey)) return challenge(false);
    if (!String(request.headers.accept ?? '').startsWith('application/vnd.atlas.'))
      return { status: 406, body: { error: 406, errorCode: 'INVALID_VERSION_DATE', reason: 'Not Acceptable' } };
    const route = key.routes[request.path];
    if (route === undefined) return wire('not-found.json');
    return typeof route === 'string' ? wire(route) : route();
  };
  return { handler, answered: () => answered };
}

interface Authorization {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  qop?: string;
  nc?: string;
  cnonce?: string;
}

function parseAuthorization(header: string): Authorization | undefined {
  if (!header.startsWith('Digest ')) return undefined;
  const params = Object.fromEntries([...header.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^\s,]+))/g)].map((m) => [m[1], m[2] ?? m[3]]));
  if (!params.username || !params.nonce || !params.response || !params.uri) return undefined;
  return params as unknown as Authorization;
}

/** RFC 7616 (MD5, qop=auth) computed here, independently of the provider. */
function expected(auth: Authorization, password: string): string {
  const md5 = (s: string) => createHash('md5').update(s).digest('hex');
  const ha1 = md5(`${auth.username}:${REALM}:${password}`);
  const ha2 = md5(`GET:${auth.uri}`);
  return auth.qop === 'auth' ? md5(`${ha1}:${auth.nonce}:${auth.nc}:${auth.cnonce}:auth:${ha2}`) : md5(`${ha1}:${auth.nonce}:${ha2}`);
}
