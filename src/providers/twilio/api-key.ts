// API keys (SK…): https://www.twilio.com/docs/iam/api-keys/keys-in-console — Main keys have full
// access; Standard keys every resource except Accounts (/Accounts) and Keys; Restricted keys only the
// permissions they were given (https://www.twilio.com/docs/iam/api-keys/restricted-api-keys).
// Answers read here:
//   401 + code 20003 "Authenticate": credentials rejected (wrong secret, deleted key, wrong account),
//     or a Standard key at an endpoint that needs a Main key (/Accounts):
//     https://www.twilio.com/docs/api/errors/20003
//   403, or code 70051 "Authorization Failed": a Restricted key without the permission for the
//     endpoint (https://www.twilio.com/docs/api/errors/403, https://www.twilio.com/docs/api/errors/70051).
import type { Grant, Identity, Unknown, VerificationResult } from '../../core/types.js';
import { noAnswer } from '../outcome.js';
import { restApi } from '../rest.js';
import { invalid, live, unknownError } from '../result.js';
import type { ProviderContext } from '../types.js';

/** Reads a Standard key may make (none is /Accounts or /Keys), in three products a Restricted key's permissions can name separately. */
const PROBES: {
  name: string;
  host: 'api' | 'messaging' | 'studio';
  path: (account: string) => string;
  needsAccount: boolean;
  resource: string;
  list: string;
}[] = [
  // https://www.twilio.com/docs/phone-numbers/api/incomingphonenumber-resource
  {
    name: 'IncomingPhoneNumbers',
    host: 'api',
    path: (ac) => `/2010-04-01/Accounts/${ac}/IncomingPhoneNumbers.json?PageSize=1`,
    needsAccount: true,
    resource: 'incoming-phone-numbers',
    list: 'incoming_phone_numbers',
  },
  // https://www.twilio.com/docs/messaging/api/service-resource
  {
    name: 'Messaging Services',
    host: 'messaging',
    path: () => '/v1/Services?PageSize=1',
    needsAccount: false,
    resource: 'messaging-services',
    list: 'services',
  },
  // https://www.twilio.com/docs/studio/rest-api/v2/flow
  { name: 'Studio Flows', host: 'studio', path: () => '/v2/Flows?PageSize=1', needsAccount: false, resource: 'studio-flows', list: 'flows' },
];

type ProbeAnswer = { probe: (typeof PROBES)[number]; outcome: 'read' | 'invalid' | 'refused' | 'failed'; detail: string; accountSid?: string };

export interface KeyContext {
  keySid: string;
  secret: string;
  /** An account SID found next to the key (TWILIO_ACCOUNT_SID): 2010-04-01 URLs need it. */
  accountSid?: string;
  /** Base URL per Twilio host; one override serves every host. */
  hostUrl: (host: 'api' | 'messaging' | 'studio') => string;
  endpoint: Partial<Identity>;
}

/** A key that /Accounts refused (not a Main key, or not valid): the probes decide which. */
export async function verifyNonMainKey(key: KeyContext, accountsAnswer: string, ctx: ProviderContext): Promise<VerificationResult> {
  const asked = PROBES.filter((p) => !p.needsAccount || key.accountSid);
  const answers: ProbeAnswer[] = [];
  for (const probe of asked) answers.push(await ask(probe, key, ctx));
  const read = answers.filter((a) => a.outcome === 'read');
  const refused = answers.filter((a) => a.outcome === 'refused');
  const summary = [`/Accounts: ${accountsAnswer}`, ...answers.map((a) => `${a.probe.name}: ${a.detail}`)].join('; ');
  if (read.length === 0) {
    if (answers.every((a) => a.outcome === 'invalid')) {
      return invalid(`Twilio rejected the key (20003 Authenticate) at /Accounts and at endpoints every Standard key may call (${summary})`);
    }
    return unknownError(
      refused.length > 0
        ? `Twilio refused every read asked (${summary}): a Restricted key without these permissions, or a suspended key (Twilio's 70051 covers both)`
        : `Twilio did not say whether the key is valid (${summary})`,
    );
  }
  const account = key.accountSid ?? read.find((a) => a.accountSid)?.accountSid;
  const base = `twilio:${account ?? '*'}`;
  const restricted = refused.length > 0;
  const grants: Grant[] = read.map((a) => ({
    action: 'read',
    resource: `${base}/${a.probe.resource}/*`,
    evidence: `GET ${a.probe.name} answered 200`,
    operation: `GET ${a.probe.path(account ?? '{AccountSid}').split('?')[0]}`,
  }));
  const notes = answers.filter((a) => a.outcome !== 'read').map((a) => `${a.probe.name}: ${a.detail}`);
  if (!key.accountSid) notes.push('no account SID next to the key: the 2010-04-01 API (calls, messages, recordings, numbers) was not asked');
  const unknowns: Unknown[] = [
    restricted
      ? {
          what: 'what else this Restricted key may do (its permissions)',
          reason: `Twilio refused ${refused.map((a) => a.probe.name).join(', ')} with 403/70051 while answering ${read.map((a) => a.probe.name).join(', ')}: a Restricted key, whose permission list the API shows only to a Main key or the account's auth token`,
          upTo: 'destroy',
          resources: [`${base}/*`],
          settle: "the key's permissions in the Twilio Console (Account → API keys & tokens)",
        }
      : {
          what: 'whether this is a Standard key (every API resource but Accounts and Keys: it could DELETE recordings, messages, calls) or a Restricted key allowed these reads',
          reason:
            "Twilio answered every read asked and refused /Accounts, which only Main keys may call; a key's type is readable only with a Main key or the account's auth token",
          upTo: 'destroy',
          resources: [`${base}/*`],
          settle: "the key's type in the Twilio Console (Account → API keys & tokens)",
        },
  ];
  if (!account)
    unknowns.push({
      what: 'which account this key belongs to',
      reason: 'no account SID next to the key and none in the answers',
      upTo: 'none',
      settle: 'set TWILIO_ACCOUNT_SID next to the key, or read it in the Twilio Console',
    });
  return live({
    identity: { principal: key.keySid, type: restricted ? 'api-key (Restricted)' : 'api-key (Standard or Restricted)', account, ...key.endpoint },
    grants,
    resources: account ? [{ id: `twilio:${account}`, type: 'account', name: account, provider: 'twilio' }] : [],
    unknowns,
    notes,
  });
}

async function ask(probe: (typeof PROBES)[number], key: KeyContext, ctx: ProviderContext): Promise<ProbeAnswer> {
  const authorization = `Basic ${Buffer.from(`${key.keySid}:${key.secret}`).toString('base64')}`;
  const api = restApi({ baseUrl: key.hostUrl(probe.host), headers: { authorization, accept: 'application/json' }, secrets: [key.secret] }, ctx);
  const answer = await api.get<Record<string, unknown>>(probe.path(key.accountSid ?? ''));
  // No answer includes a 200 whose body is not JSON (a captive portal, a proxy page): it proves no read.
  if (!answer.ok && noAnswer(answer)) return { probe, outcome: 'failed', detail: answer.reason };
  const body = objectOf(answer.ok ? answer.data : answer.body);
  const code = typeof body?.code === 'number' ? body.code : undefined;
  const status = answer.status;
  if (status === 200) {
    const items = Array.isArray(body?.[probe.list]) ? (body[probe.list] as { account_sid?: unknown }[]) : [];
    const accountSid = items.map((i) => i.account_sid).find((sid): sid is string => typeof sid === 'string' && /^AC[0-9a-f]{32}$/.test(sid));
    return { probe, outcome: 'read', detail: 'HTTP 200', accountSid };
  }
  const detail = `HTTP ${status}${code !== undefined ? ` (code ${code})` : ''}`;
  if (status === 403 || code === 70051) return { probe, outcome: 'refused', detail };
  if (status === 401) return { probe, outcome: 'invalid', detail };
  return { probe, outcome: 'failed', detail };
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}
