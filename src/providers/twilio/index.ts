// Twilio REST API, Accounts resource: https://www.twilio.com/docs/iam/api/account
// API keys (Main, Standard, Restricted): https://www.twilio.com/docs/iam/api-keys/keys-in-console
import type { Grant, Identity, VerificationResult } from '../../core/types.js';
import { apiBaseUrl } from '../http.js';
import { restApi } from '../rest.js';
import { invalid, live, unknownError } from '../result.js';
import type { Provider } from '../types.js';
import { verifyNonMainKey } from './api-key.js';
import manifest from './manifest.js';

interface Account {
  sid: string;
  friendly_name?: string;
  status?: string;
  type?: string;
  owner_account_sid?: string;
}

/**
 * Account SID + auth token: full authority over the account. API key SID + secret: /Accounts
 * answers only Main keys (full access); a Standard or Restricted key gets 401 there by design, so
 * reads a Standard key may make decide between a working key and a rejected one. Only GET.
 * Twilio returns the account's auth token in the Accounts bodies: it is never copied into a result.
 */
const twilio: Provider = {
  ...manifest,
  async verify(token, ctx) {
    const [sid, secret] = token.secret.reveal().split(':');
    const base = apiBaseUrl('twilio', ctx, 'https://api.twilio.com');
    const endpoint = base.overridden ? { endpoint: base.url } : {};
    const path = sid.startsWith('AC') ? `/2010-04-01/Accounts/${sid}.json` : '/2010-04-01/Accounts.json?PageSize=50';
    const api = restApi(
      {
        baseUrl: base.url,
        headers: { authorization: `Basic ${Buffer.from(`${sid}:${secret}`).toString('base64')}`, accept: 'application/json' },
        secrets: [secret, token.secret.reveal()],
        label: 'Twilio',
      },
      ctx,
    );
    try {
      const answer = await api.get<Account & { accounts?: Account[] }>(path);
      if (!answer.ok && answer.status === 401 && !sid.startsWith('AC')) {
        const accountSid = token.extras?.accountSid?.reveal();
        return await verifyNonMainKey({ keySid: sid, secret, accountSid, hostUrl: hostUrl(base), endpoint }, `HTTP 401${codeOf(answer.body)}`, ctx);
      }
      if (!answer.ok && answer.status === 401) return invalid(`Twilio rejected the credentials (HTTP 401)${base.overridden ? ` at ${base.url}` : ''}`);
      if (!answer.ok) return unknownError(answer.reason);
      const body = answer.data;
      return sid.startsWith('AC') ? accountTokenResult(sid, body, endpoint) : mainKeyResult(sid, body.accounts ?? [], endpoint);
    } catch (error) {
      // Only a bug gets here: the client reports every failed call as an outcome.
      return unknownError(`Twilio: ${(error as Error).message}`);
    }
  },
};

/** Twilio serves each product from its own host; one override (tests, a proxy) serves them all. */
function hostUrl(base: { url: string; overridden: boolean }): (host: 'api' | 'messaging' | 'studio') => string {
  return (host) => (base.overridden ? base.url : `https://${host}.twilio.com`);
}

// Errors: {"code": 20003, "message": "Authenticate", …} (https://www.twilio.com/docs/api/errors/20003)
function codeOf(body: unknown): string {
  const code = (body as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'number' ? ` (code ${code})` : '';
}

function accountTokenResult(sid: string, account: Account, endpoint: Partial<Identity>): VerificationResult {
  if (typeof account.sid !== 'string') return unknownError('Twilio answered HTTP 200 without an account');
  const resource = `twilio:${sid}`;
  const grants: Grant[] = [
    { action: 'admin', resource, evidence: 'account auth token: full authority over the account (keys, subaccounts, numbers)' },
    { action: 'destroy', resource: `${resource}/*`, operation: 'DELETE recordings, messages, calls', evidence: 'account auth token' },
  ];
  return live({
    identity: { principal: sid, type: 'account-auth-token', displayName: account.friendly_name, account: account.owner_account_sid ?? sid, ...endpoint },
    grants,
    resources: [
      { id: resource, type: 'account', name: account.friendly_name ?? sid, provider: 'twilio', attributes: { status: account.status, type: account.type } },
    ],
    notes: account.status && account.status !== 'active' ? [`the account is ${account.status}`] : [],
  });
}

/** /Accounts answered: only a Main key may call it, and a Main key has the account's full access. */
function mainKeyResult(keySid: string, accounts: Account[], endpoint: Partial<Identity>): VerificationResult {
  const visible = accounts.filter((a) => typeof a.sid === 'string');
  if (visible.length === 0) return unknownError('Twilio accepted the API key but listed no account');
  const evidence = 'Main API key: /Accounts answered, which only Main keys may call; full access, like the auth token';
  const grants: Grant[] = visible.flatMap((a) => [
    { action: 'admin' as const, resource: `twilio:${a.sid}`, evidence },
    { action: 'destroy' as const, resource: `twilio:${a.sid}/*`, operation: 'DELETE recordings, messages, calls', evidence },
  ]);
  return live({
    identity: { principal: keySid, type: 'api-key (Main)', account: visible[0].sid, displayName: visible[0].friendly_name, ...endpoint },
    grants,
    resources: visible.map((a) => ({
      id: `twilio:${a.sid}`,
      type: 'account',
      name: a.friendly_name ?? a.sid,
      provider: 'twilio',
      attributes: { status: a.status, type: a.type },
    })),
  });
}

export default twilio;
