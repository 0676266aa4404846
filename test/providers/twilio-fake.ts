import type { FakeResponse, RecordedRequest } from '../helpers/fake-server.js';
import { fixture } from '../helpers/provider.js';

// A fake Twilio API following the access rules in fixtures/providers/twilio/README.md.
export interface TwilioCredential {
  secret: string;
  account: string;
  type: 'auth-token' | 'main' | 'standard' | 'restricted';
  /** Restricted keys: the endpoint paths their permissions allow. */
  allows?: string[];
}

const json = (name: string, status = 200): FakeResponse => ({ status, headers: { 'content-type': 'application/json' }, body: fixture('twilio', name) });

export function twilioFake(credentials: Record<string, TwilioCredential>): (request: RecordedRequest) => FakeResponse {
  return (request) => {
    const [user, secret] = Buffer.from(String(request.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8').split(':');
    const credential = credentials[user];
    if (!credential || credential.secret !== secret) return json('error-401.json', 401);
    const full = credential.type === 'auth-token' || credential.type === 'main';
    const path = request.path;
    // /Accounts and the Keys resources: Main keys and the auth token only (a Standard key gets 20003).
    if (/^\/2010-04-01\/Accounts(\.json|\/AC[0-9a-f]{32}\.json|\/AC[0-9a-f]{32}\/Keys)/.test(path) || path.startsWith('/v1/Keys')) {
      if (!full) return json('error-401.json', 401);
      if (path === '/2010-04-01/Accounts.json') return json('accounts.json');
      if (path === `/2010-04-01/Accounts/${credential.account}.json`) return json('account.json');
      return json('error-401.json', 401);
    }
    const ownAccount = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\//.exec(path)?.[1];
    if (ownAccount && ownAccount !== credential.account) return json('error-401.json', 401);
    if (credential.type === 'restricted' && !credential.allows?.includes(path.replace(credential.account, '{AccountSid}'))) return json('error-70051.json', 403);
    if (path === `/2010-04-01/Accounts/${credential.account}/IncomingPhoneNumbers.json`) return json('incoming-phone-numbers.json');
    if (path === '/v1/Services') return json('messaging-services.json');
    if (path === '/v2/Flows') return json('studio-flows.json');
    return { status: 404, body: { code: 20404, message: 'The requested resource was not found', status: 404 } };
  };
}
