import { describe, expect, it } from 'vitest';
import { twilioFake, type TwilioCredential } from '../../src/providers/twilio/fake.js';
import { providerCases } from '../helpers/provider-cases.js';
import { useFake, verifyWith } from '../helpers/provider-harness.js';
import { makeToken } from '../helpers/provider.js';

const ACCOUNT_SID = 'ACc9b3339584786e24d0e9125372557292';
const AUTH_TOKEN = '4e7b9a1c2d3f5e6a8b9c0d1e2f3a4b5c';
const KEY_SID = 'SK266e6918bb25c3852470ec06a006eb8b';
const KEY_SECRET = 'Vq8LmN2pXr7TzK4wYb9cHd3fJg6sRt1e';
// account.json carries the account's auth token, as the API does: it must never be copied.
const ACCOUNT_AUTH_TOKEN_IN_BODY = '0f9e8d7c6b5a49382716f5e4d3c2b1a0';
const RESTRICTED_SID = 'SK7d1e5c3b9a2f4e6d8c0b1a3f5e7d9c2b';
const RESTRICTED_SECRET = 'Rt5wQ9pLm3xK7vN2bH8cJ4fG6dS1aZ0y';

const KEYS: Record<string, TwilioCredential> = {
  [ACCOUNT_SID]: { secret: AUTH_TOKEN, account: ACCOUNT_SID, type: 'auth-token' },
  [KEY_SID]: { secret: KEY_SECRET, account: ACCOUNT_SID, type: 'standard' },
  // A Restricted key allowed to read the account's phone numbers only.
  [RESTRICTED_SID]: {
    secret: RESTRICTED_SECRET,
    account: ACCOUNT_SID,
    type: 'restricted',
    allows: ['/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json'],
  },
};

const fake = useFake(() => twilioFake(KEYS));
const authToken = () => makeToken('twilio.auth-token', `${ACCOUNT_SID}:${AUTH_TOKEN}`);
const apiKey = (sid: string, secret: string, accountSid?: string) => makeToken('twilio.api-key', `${sid}:${secret}`, accountSid ? { accountSid } : {});
const verify = (token: ReturnType<typeof makeToken>, overrides = {}) => verifyWith(fake, token, overrides, [ACCOUNT_AUTH_TOKEN_IN_BODY]);

describe('twilio provider', () => {
  it('account SID + auth token: live, full authority, the auth token in the body is never copied', async () => {
    const { result, requests } = await verify(authToken());
    expect(result).toMatchObject({
      status: 'live',
      identity: { principal: ACCOUNT_SID, displayName: 'Acme Shop', type: 'account-auth-token', endpoint: fake.url },
    });
    expect(result.grants.map((g) => [g.action, g.resource])).toEqual([
      ['admin', `twilio:${ACCOUNT_SID}`],
      ['destroy', `twilio:${ACCOUNT_SID}/*`],
    ]);
    // One GET of its own Account resource, with HTTP Basic.
    expect(requests.map((r) => r.path)).toEqual([`/2010-04-01/Accounts/${ACCOUNT_SID}.json`]);
    expect(requests[0].headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
  });

  it("Main API key: /Accounts answers only Main keys, so it has the account's full authority", async () => {
    fake.serve(twilioFake({ [KEY_SID]: { ...KEYS[KEY_SID], type: 'main' } }));
    const { result } = await verify(apiKey(KEY_SID, KEY_SECRET));
    expect(result).toMatchObject({ status: 'live', identity: { principal: KEY_SID, account: ACCOUNT_SID, type: 'api-key (Main)' } });
    expect(result.grants.map((g) => [g.action, g.resource])).toEqual([
      ['admin', `twilio:${ACCOUNT_SID}`],
      ['destroy', `twilio:${ACCOUNT_SID}/*`],
    ]);
    expect(result.unknowns).toEqual([]);
  });

  it('live Standard key: /Accounts says 401 by design; the reads every Standard key may make answer, so it is live', async () => {
    const { result, requests } = await verify(apiKey(KEY_SID, KEY_SECRET, ACCOUNT_SID));
    expect(result).toMatchObject({ status: 'live', identity: { principal: KEY_SID, account: ACCOUNT_SID, type: 'api-key (Standard or Restricted)' } });
    expect(result.grants.map((g) => `${g.action} ${g.resource}`)).toEqual([
      `read twilio:${ACCOUNT_SID}/incoming-phone-numbers/*`,
      `read twilio:${ACCOUNT_SID}/messaging-services/*`,
      `read twilio:${ACCOUNT_SID}/studio-flows/*`,
    ]);
    // A Standard key could DELETE recordings, messages and calls; a Restricted key allowed these reads might not.
    expect(result.unknowns).toEqual([
      expect.objectContaining({ what: expect.stringContaining('whether this is a Standard key'), upTo: 'destroy', resources: [`twilio:${ACCOUNT_SID}/*`] }),
    ]);
    expect(requests.map((r) => r.path)).toEqual([
      '/2010-04-01/Accounts.json',
      `/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers.json`,
      '/v1/Services',
      '/v2/Flows',
    ]);
  });

  it('live Restricted key: refused (403/70051) where its permissions stop, answered where they allow: live, Restricted, the rest an unknown', async () => {
    const { result } = await verify(apiKey(RESTRICTED_SID, RESTRICTED_SECRET, ACCOUNT_SID));
    expect(result).toMatchObject({ status: 'live', identity: { principal: RESTRICTED_SID, type: 'api-key (Restricted)', account: ACCOUNT_SID } });
    expect(result.grants.map((g) => `${g.action} ${g.resource}`)).toEqual([`read twilio:${ACCOUNT_SID}/incoming-phone-numbers/*`]);
    expect(result.unknowns).toEqual([
      expect.objectContaining({
        what: 'what else this Restricted key may do (its permissions)',
        upTo: 'destroy',
        resources: [`twilio:${ACCOUNT_SID}/*`],
        settle: expect.stringContaining('Twilio Console'),
      }),
    ]);
    expect(result.notes).toEqual(['Messaging Services: HTTP 403 (code 70051)', 'Studio Flows: HTTP 403 (code 70051)']);
  });

  it('a key without an account SID next to it: the account-free reads decide, and the account comes from their answers', async () => {
    const { result, requests } = await verify(apiKey(KEY_SID, KEY_SECRET));
    expect(result).toMatchObject({ status: 'live', identity: { account: ACCOUNT_SID } });
    expect(requests.map((r) => r.path)).toEqual(['/2010-04-01/Accounts.json', '/v1/Services', '/v2/Flows']);
    expect(result.notes).toContain('no account SID next to the key: the 2010-04-01 API (calls, messages, recordings, numbers) was not asked');
  });

  it('revoked API key: 20003 at /Accounts and at every read a Standard key may make — invalid', async () => {
    fake.serve(twilioFake({ ...KEYS, [KEY_SID]: { ...KEYS[KEY_SID], secret: 'rotated-away-rotated-away-rotate' } }));
    const { result } = await verify(apiKey(KEY_SID, KEY_SECRET, ACCOUNT_SID));
    expect(result.status).toBe('invalid');
    expect(result.detail).toMatch(
      /20003 Authenticate.*\/Accounts: HTTP 401 \(code 20003\); IncomingPhoneNumbers: HTTP 401 \(code 20003\); Messaging Services: HTTP 401 \(code 20003\); Studio Flows: HTTP 401 \(code 20003\)/,
    );
  });

  it('a key refused everywhere with 403/70051: not invalid (Twilio gives that answer to a Restricted key without these permissions), but unknown', async () => {
    fake.serve(twilioFake({ ...KEYS, [RESTRICTED_SID]: { ...KEYS[RESTRICTED_SID], allows: ['/2010-04-01/Accounts/{AccountSid}/Calls.json'] } }));
    const { result } = await verify(apiKey(RESTRICTED_SID, RESTRICTED_SECRET, ACCOUNT_SID));
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/a Restricted key without these permissions, or a suspended key/);
  });

  it('a 200 page that is not JSON (a captive portal or proxy) proves no read: never live from it, never invalid', async () => {
    // /Accounts answers a Standard key's documented 401 (so the key's reads are probed); every probe gets the portal's page.
    const standard401 = { status: 401, body: { code: 20003, message: 'Authenticate', status: 401 } };
    const portal = { status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body>Sign in to the guest Wi-Fi</body></html>' };
    fake.serve((request) => (request.path.startsWith('/2010-04-01/Accounts.json') ? standard401 : portal));
    const { result, requests } = await verify(apiKey(KEY_SID, KEYS[KEY_SID].secret, ACCOUNT_SID));
    expect(requests.length).toBeGreaterThan(1);
    expect(result.status).not.toBe('live');
    expect(result.status).not.toBe('invalid');
    expect(result.grants).toEqual([]);
  });

  it('revoked credentials: invalid', async () => {
    fake.serve(twilioFake({}));
    const { result } = await verify(authToken());
    expect(result.status).toBe('invalid');
  });

  providerCases(fake, authToken, {
    serverError: { answer: { status: 503, body: 'unavailable' }, detail: /HTTP 503/ },
    rateLimited: { status: 429, headers: { 'retry-after': '1' }, body: { code: 20429, message: 'Too Many Requests', status: 429 } },
  });
});
