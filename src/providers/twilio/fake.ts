// An offline Twilio REST API following the access rules in fixtures/providers/twilio/README.md
// (which cites the doc page of each rule and answer).
import { bodyAnswer, header, type FakeResponse, type ProviderFake, type RecordedRequest } from '../fake-kit.js';

export interface TwilioCredential {
  secret: string;
  account: string;
  type: 'auth-token' | 'main' | 'standard' | 'restricted';
  /** Restricted keys: the endpoint paths their permissions allow. */
  allows?: string[];
}

export const twilioAnswer = (name: string, status = 200): FakeResponse => bodyAnswer('twilio', name, status);

/** Twilio for the credentials given (keyed by account SID or API key SID), each sent as HTTP Basic. */
export function twilioFake(credentials: Record<string, TwilioCredential>): ProviderFake {
  return { id: 'twilio', handler: (request) => answer(credentials, request) };
}

function answer(credentials: Record<string, TwilioCredential>, request: RecordedRequest): FakeResponse {
  const [user, secret] = Buffer.from((header(request, 'authorization') ?? '').replace(/^Basic /, ''), 'base64')
    .toString('utf8')
    .split(':');
  const credential = credentials[user];
  if (!credential || credential.secret !== secret) return twilioAnswer('error-401.json', 401);
  const full = credential.type === 'auth-token' || credential.type === 'main';
  const path = request.path;
  // /Accounts and the Keys resources: Main keys and the auth token only (a Standard key gets 20003).
  if (/^\/2010-04-01\/Accounts(\.json|\/AC[0-9a-f]{32}\.json|\/AC[0-9a-f]{32}\/Keys)/.test(path) || path.startsWith('/v1/Keys')) {
    if (!full) return twilioAnswer('error-401.json', 401);
    if (path === '/2010-04-01/Accounts.json') return twilioAnswer('accounts.json');
    if (path === `/2010-04-01/Accounts/${credential.account}.json`) return twilioAnswer('account.json');
    return twilioAnswer('error-401.json', 401);
  }
  const ownAccount = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\//.exec(path)?.[1];
  if (ownAccount && ownAccount !== credential.account) return twilioAnswer('error-401.json', 401);
  if (credential.type === 'restricted' && !credential.allows?.includes(path.replace(credential.account, '{AccountSid}')))
    return twilioAnswer('error-70051.json', 403);
  if (path === `/2010-04-01/Accounts/${credential.account}/IncomingPhoneNumbers.json`) return twilioAnswer('incoming-phone-numbers.json');
  if (path === '/v1/Services') return twilioAnswer('messaging-services.json');
  if (path === '/v2/Flows') return twilioAnswer('studio-flows.json');
  return { status: 404, body: { code: 20404, message: 'The requested resource was not found', status: 404 } };
}
