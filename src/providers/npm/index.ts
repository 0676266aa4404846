// npm registry API: https://github.com/npm/registry/blob/main/docs/REGISTRY-API.md
// Access tokens: https://docs.npmjs.com/about-access-tokens
import type { Identity, Token, VerificationResult } from '../../core/types.js';
import { apiBaseUrl } from '../http.js';
import { bearerHeaders, restApi, type RestApi } from '../rest.js';
import { invalid, live, unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { npmFindings, type PackageReach } from './grants.js';
import type { PackageAccessMap, ProfileResponse, SearchResponse, TokenListPage, TokenRecord, WhoamiResponse } from './model.js';
import { classifyToken, findOwnRecord } from './token-kind.js';
import manifest from './manifest.js';

const DEFAULT_REGISTRY = 'https://registry.npmjs.org';
const MAX_TOKEN_PAGES = 10;

async function verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
  const secret = token.secret.reveal();
  const base = apiBaseUrl('npm', ctx, DEFAULT_REGISTRY);
  const client = restApi({ baseUrl: base.url, headers: bearerHeaders(secret), secrets: [secret] }, ctx);
  const endpoint = base.overridden ? base.url : undefined;

  const whoami = await client.get<WhoamiResponse>('/-/whoami');
  if (!whoami.ok) {
    if (whoami.kind === 'invalid') return invalid('the npm registry rejected the token (HTTP 401)');
    const hint = whoami.status === 403 ? ' (a CIDR-restricted token used from another address is refused with 403)' : '';
    return unknownError(`${whoami.reason}${hint}`);
  }
  const user = whoami.data.username;
  if (!user) return unknownError('GET /-/whoami: HTTP 200 without a username');

  const [tokens, profile, reach] = await Promise.all([listTokens(client), client.get<ProfileResponse>('/-/npm/v1/user'), packageReach(client, user)]);
  const notes: string[] = [];
  if (!tokens.records) notes.push(`token list unavailable: ${tokens.message}`);
  if (!profile.ok) notes.push(`profile unavailable (2FA mode unknown): ${profile.reason}`);
  if (!reach.reach) notes.push(`package list unavailable: ${reach.message}`);

  const powers = classifyToken(tokens.records ? findOwnRecord(tokens.records, secret) : undefined);
  const twoFactorMode = profile.ok ? (profile.data.tfa ? profile.data.tfa.mode : 'disabled') : undefined;
  const findings = npmFindings(user, reach.reach, powers, twoFactorMode);
  const identity: Identity = {
    principal: user,
    type: 'user',
    account: user,
    tokenType: powers.kind,
    ...(profile.ok && profile.data.name ? { displayName: profile.data.name } : {}),
    ...(twoFactorMode ? { twoFactor: twoFactorMode } : {}),
    ...(endpoint ? { endpoint } : {}),
  };
  return live({ identity, grants: findings.grants, resources: findings.resources, unknowns: findings.unknowns, notes: [...notes, ...findings.notes] });
}

async function listTokens(client: RestApi): Promise<{ records?: TokenRecord[]; message?: string }> {
  const records: TokenRecord[] = [];
  let path: string | undefined = '/-/npm/v1/tokens';
  for (let page = 0; path && page < MAX_TOKEN_PAGES; page++) {
    const answer = await client.get<TokenListPage>(path);
    if (!answer.ok) return { message: answer.reason };
    records.push(...(answer.data.objects ?? []));
    path = sameOriginPath(client.baseUrl, answer.data.urls?.next);
  }
  return { records };
}

/** Follows a pagination link only on the registry we were told to use (never to another host). */
function sameOriginPath(baseUrl: string, next: string | undefined): string | undefined {
  if (!next) return undefined;
  try {
    const base = new URL(baseUrl);
    const url = new URL(next, `${baseUrl}/`);
    if (url.origin !== base.origin) return undefined;
    const prefix = base.pathname.replace(/\/+$/, '');
    return url.pathname.startsWith(prefix) ? `${url.pathname.slice(prefix.length)}${url.search}` : undefined;
  } catch {
    return undefined;
  }
}

/** Packages with the user's access level; the maintainer search is the fallback (maintainers can publish). */
async function packageReach(client: RestApi, user: string): Promise<{ reach?: PackageReach; message?: string }> {
  const name = encodeURIComponent(user);
  const access = await client.get<PackageAccessMap>(`/-/user/${name}/package`);
  if (access.ok && access.data && typeof access.data === 'object') {
    const packages = new Map<string, 'read' | 'write'>();
    for (const [pkg, level] of Object.entries(access.data)) packages.set(pkg, /write/.test(String(level)) ? 'write' : 'read');
    return { reach: { packages, source: `GET /-/user/${user}/package` } };
  }
  const search = await client.get<SearchResponse>(`/-/v1/search?text=${encodeURIComponent(`maintainer:${user}`)}&size=250`);
  if (!search.ok) return { message: `${access.ok ? 'unexpected body' : access.reason}; ${search.reason}` };
  const packages = new Map<string, 'read' | 'write'>();
  for (const entry of search.data.objects ?? []) if (entry.package?.name) packages.set(entry.package.name, 'write');
  return { reach: { packages, source: `registry search maintainer:${user}` } };
}

const provider: Provider = {
  ...manifest,
  verify,
};

export default provider;
