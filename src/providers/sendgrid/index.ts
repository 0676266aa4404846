// SendGrid v3 API, key scopes: https://www.twilio.com/docs/sendgrid/api-reference/api-key-permissions/retrieve-a-list-of-scopes-for-which-this-user-has-access
import type { Identity, Resource, Token, VerificationResult } from '../../core/types.js';
import { apiBaseUrl } from '../http.js';
import type { Outcome } from '../outcome.js';
import { bearerHeaders, restApi, type RestApi } from '../rest.js';
import { invalid, live, unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { scopeGrants } from './scopes.js';
import manifest from './manifest.js';

const GLOBAL_API = 'https://api.sendgrid.com';
const EU_API = 'https://api.eu.sendgrid.com';

interface ScopesResponse {
  scopes?: string[];
}

// Errors: {"errors": [{"field", "message"}]} (https://www.twilio.com/docs/sendgrid/api-reference/how-to-use-the-sendgrid-v3-api/responses)
interface ErrorBody {
  errors?: { message?: string; field?: string | null }[];
}

interface UsernameResponse {
  username?: string;
  user_id?: number;
}

async function verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
  const secret = token.secret.reveal();
  const global = apiBaseUrl('sendgrid', ctx, GLOBAL_API);
  const eu = apiBaseUrl('sendgrid-eu', ctx, EU_API);
  let client = sendgridApi(global.url, secret, ctx);
  let region: 'global' | 'eu' = 'global';
  let answer: Outcome<ScopesResponse> = await client.get<ScopesResponse>('/v3/scopes');

  // Keys of EU regional subusers are only accepted by the EU host: ask it before calling a key invalid.
  // A redirected global endpoint (proxy, test) never falls back to the real EU host unless that is redirected too.
  if (isRejection(answer) && (!global.overridden || eu.overridden)) {
    const euClient = sendgridApi(eu.url, secret, ctx);
    const euAnswer = await euClient.get<ScopesResponse>('/v3/scopes');
    if (!isRejection(euAnswer)) {
      client = euClient;
      region = 'eu';
      answer = euAnswer;
    }
  }
  if (!answer.ok) {
    if (isRejection(answer)) return invalid(`SendGrid rejected the key: ${answer.reason}`);
    if (answer.status === 403) {
      return unknownError(`${answer.reason}: SendGrid recognised the key but refused to list its scopes (suspended account or IP Access Management?)`);
    }
    return unknownError(answer.reason);
  }
  const scopes = answer.data.scopes;
  if (!Array.isArray(scopes)) return unknownError('GET /v3/scopes: HTTP 200 without a scopes list');

  const notes: string[] = [`key holds ${scopes.length} scope(s)${region === 'eu' ? '; it belongs to an EU regional subuser (api.eu.sendgrid.com)' : ''}`];
  let username: string | undefined;
  if (scopes.includes('user.username.read')) {
    const user = await client.get<UsernameResponse>('/v3/user/username');
    if (user.ok && user.data.username) username = user.data.username;
    else notes.push(`account name unavailable: ${user.ok ? 'no username in the answer' : user.reason}`);
  } else {
    notes.push('account name not readable (scope user.username.read missing): grants name the account as sendgrid:*');
  }

  const account = username ?? '*';
  const principal = username ?? `api-key ${token.redacted}`;
  const overridden = region === 'eu' ? eu.overridden : global.overridden;
  const identity: Identity = {
    principal,
    type: 'api-key',
    ...(username ? { account: username } : {}),
    region,
    ...(overridden ? { endpoint: client.baseUrl } : {}),
  };
  const resources: Resource[] = username ? [{ id: `sendgrid:${username}`, type: 'account', name: username, provider: 'sendgrid' }] : [];
  if (scopes.some((s) => s.startsWith('subusers.'))) notes.push('subuser scopes: the key may also act on behalf of subusers (on-behalf-of header)');
  return live({ identity, grants: scopeGrants(account, scopes, principal), resources, notes });
}

/** The SendGrid v3 API for one key at one host (global or EU). */
function sendgridApi(baseUrl: string, secret: string, ctx: ProviderContext): RestApi {
  const detail = (body: unknown) =>
    ((body as ErrorBody | null)?.errors ?? [])
      .map((e) => e.message)
      .filter(Boolean)
      .join('; ')
      .slice(0, 200) || undefined;
  return restApi({ baseUrl, headers: bearerHeaders(secret), secrets: [secret], detail }, ctx);
}

function isRejection<T>(answer: Outcome<T>): boolean {
  return !answer.ok && answer.kind === 'invalid';
}

const provider: Provider = {
  ...manifest,
  verify,
};

export default provider;
