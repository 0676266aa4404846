import { afterEach, describe, expect, it } from 'vitest';
import twilio from '../../src/providers/twilio/index.js';
import { FakeServer, closedPortUrl, type FakeResponse } from '../helpers/fake-server.js';
import { fixture, makeToken, testContext } from '../helpers/provider.js';
import { twilioFake, type TwilioCredential } from './twilio-fake.js';

const ACCOUNT_SID = 'ACc9b3339584786e24d0e9125372557292';
const AUTH_TOKEN = '4e7b9a1c2d3f5e6a8b9c0d1e2f3a4b5c';
const KEY_SID = 'SK266e6918bb25c3852470ec06a006eb8b';
const KEY_SECRET = 'Vq8LmN2pXr7TzK4wYb9cHd3fJg6sRt1e';
const ACCOUNT_AUTH_TOKEN_IN_BODY = '0f9e8d7c6b5a49382716f5e4d3c2b1a0';
const RESTRICTED_SID = 'SK7d1e5c3b9a2f4e6d8c0b1a3f5e7d9c2b';
const RESTRICTED_SECRET = 'Rt5wQ9pLm3xK7vN2bH8cJ4fG6dS1aZ0y';

const KEYS: Record<string, TwilioCredential> = {
  [ACCOUNT_SID]: { secret: AUTH_TOKEN, account: ACCOUNT_SID, type: 'auth-token' },
  [KEY_SID]: { secret: KEY_SECRET, account: ACCOUNT_SID, type: 'standard' },
  // A Restricted key allowed to read the account's phone numbers only.
  [RESTRICTED_SID]: { secret: RESTRICTED_SECRET, account: ACCOUNT_SID, type: 'restricted', allows: ['/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json'] },
};

const json = (name: string, status = 200): FakeResponse => ({ status, headers: { 'content-type': 'application/json' }, body: fixture('twilio', name) });

let server: FakeServer | undefined;
afterEach(async () => {
  if (server) {
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    await server.stop();
  }
  server = undefined;
});

async function serve(handler: (path: string) => FakeResponse): Promise<string> {
  server = await new FakeServer((r) => handler(r.path)).start();
  return server.url;
}

/** The fake Twilio API of twilio-fake.ts, knowing these credentials. */
async function serveKeys(keys: Record<string, TwilioCredential> = KEYS): Promise<string> {
  server = await new FakeServer(twilioFake(keys)).start();
  return server.url;
}

function expectClean(result: unknown, logs: string[]): void {
  const text = JSON.stringify(result) + logs.join('\n');
  for (const secret of [AUTH_TOKEN, KEY_SECRET, RESTRICTED_SECRET, ACCOUNT_AUTH_TOKEN_IN_BODY]) expect(text).not.toContain(secret);
}

describe('twilio provider', () => {
  it('account SID + auth token: live, full authority, the auth token in the body is never copied', async () => {
    const url = await serve((path) => (path === `/2010-04-01/Accounts/${ACCOUNT_SID}.json` ? json('account.json') : json('error-401.json', 404)));
    const ctx = testContext({ env: { BLASTRADIUS_TWILIO_API_URL: url } });
    const result = await twilio.verify(makeToken('twilio.auth-token', `${ACCOUNT_SID}:${AUTH_TOKEN}`), ctx);
    expect(result).toMatchObject({ status: 'live', identity: { principal: ACCOUNT_SID, displayName: 'Acme Shop', endpoint: url } });
    expect(result.grants.map((g) => [g.action, g.resource])).toEqual([
      ['admin', `twilio:${ACCOUNT_SID}`],
      ['destroy', `twilio:${ACCOUNT_SID}/*`],
    ]);
    expect(server!.requests[0].headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
    expectClean(result, ctx.logs);
  });

  it('Main API key: /Accounts answers only Main keys, so it has the account\'s full authority', async () => {
    const url = await serve((path) => (path === '/2010-04-01/Accounts.json' ? json('accounts.json') : json('error-401.json', 404)));
    const ctx = testContext({ apiUrls: { twilio: url } });
    const result = await twilio.verify(makeToken('twilio.api-key', `${KEY_SID}:${KEY_SECRET}`), ctx);
    expect(result).toMatchObject({ status: 'live', identity: { principal: KEY_SID, account: ACCOUNT_SID, type: 'api-key (Main)' } });
    expect(result.grants.map((g) => [g.action, g.resource])).toEqual([
      ['admin', `twilio:${ACCOUNT_SID}`],
      ['destroy', `twilio:${ACCOUNT_SID}/*`],
    ]);
    expect(result.unknowns).toEqual([]);
    expectClean(result, ctx.logs);
  });

  it('live Standard key: /Accounts says 401 by design; the reads every Standard key may make answer, so it is live', async () => {
    const url = await serveKeys();
    const ctx = testContext({ env: { BLASTRADIUS_TWILIO_API_URL: url } });
    const result = await twilio.verify(makeToken('twilio.api-key', `${KEY_SID}:${KEY_SECRET}`, { accountSid: ACCOUNT_SID }), ctx);
    expect(result).toMatchObject({ status: 'live', identity: { principal: KEY_SID, account: ACCOUNT_SID, type: 'api-key (Standard or Restricted)' } });
    expect(result.grants.map((g) => `${g.action} ${g.resource}`)).toEqual([
      `read twilio:${ACCOUNT_SID}/incoming-phone-numbers/*`,
      `read twilio:${ACCOUNT_SID}/messaging-services/*`,
      `read twilio:${ACCOUNT_SID}/studio-flows/*`,
    ]);
    // A Standard key could DELETE recordings, messages and calls; a Restricted key allowed these reads might not.
    expect(result.unknowns).toEqual([expect.objectContaining({ what: expect.stringContaining('whether this is a Standard key'), upTo: 'destroy', resources: [`twilio:${ACCOUNT_SID}/*`] })]);
    expect(server!.requests.map((r) => r.path)).toEqual([
      '/2010-04-01/Accounts.json',
      `/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers.json`,
      '/v1/Services',
      '/v2/Flows',
    ]);
    expectClean(result, ctx.logs);
  });

  it('live Restricted key: refused (403/70051) where its permissions stop, answered where they allow: live, Restricted, the rest an unknown', async () => {
    const url = await serveKeys();
    const ctx = testContext({ env: { BLASTRADIUS_TWILIO_API_URL: url } });
    const result = await twilio.verify(makeToken('twilio.api-key', `${RESTRICTED_SID}:${RESTRICTED_SECRET}`, { accountSid: ACCOUNT_SID }), ctx);
    expect(result).toMatchObject({ status: 'live', identity: { principal: RESTRICTED_SID, type: 'api-key (Restricted)', account: ACCOUNT_SID } });
    expect(result.grants.map((g) => `${g.action} ${g.resource}`)).toEqual([`read twilio:${ACCOUNT_SID}/incoming-phone-numbers/*`]);
    expect(result.unknowns).toEqual([
      expect.objectContaining({ what: 'what else this Restricted key may do (its permissions)', upTo: 'destroy', resources: [`twilio:${ACCOUNT_SID}/*`], settle: expect.stringContaining('Twilio Console') }),
    ]);
    expect(result.notes).toEqual(['Messaging Services: HTTP 403 (code 70051)', 'Studio Flows: HTTP 403 (code 70051)']);
    expectClean(result, ctx.logs);
  });

  it('a key without an account SID next to it: the account-free reads decide, and the account comes from their answers', async () => {
    const url = await serveKeys();
    const ctx = testContext({ env: { BLASTRADIUS_TWILIO_API_URL: url } });
    const result = await twilio.verify(makeToken('twilio.api-key', `${KEY_SID}:${KEY_SECRET}`), ctx);
    expect(result).toMatchObject({ status: 'live', identity: { account: ACCOUNT_SID } });
    expect(server!.requests.map((r) => r.path)).toEqual(['/2010-04-01/Accounts.json', '/v1/Services', '/v2/Flows']);
    expect(result.notes).toContain('no account SID next to the key: the 2010-04-01 API (calls, messages, recordings, numbers) was not asked');
  });

  it('revoked API key: 20003 at /Accounts and at every read a Standard key may make — invalid', async () => {
    const url = await serveKeys({ ...KEYS, [KEY_SID]: { ...KEYS[KEY_SID], secret: 'rotated-away-rotated-away-rotate' } });
    const ctx = testContext({ env: { BLASTRADIUS_TWILIO_API_URL: url } });
    const result = await twilio.verify(makeToken('twilio.api-key', `${KEY_SID}:${KEY_SECRET}`, { accountSid: ACCOUNT_SID }), ctx);
    expect(result.status).toBe('invalid');
    expect(result.detail).toMatch(/20003 Authenticate.*\/Accounts: HTTP 401 \(code 20003\); IncomingPhoneNumbers: HTTP 401 \(code 20003\); Messaging Services: HTTP 401 \(code 20003\); Studio Flows: HTTP 401 \(code 20003\)/);
    expectClean(result, ctx.logs);
  });

  it('a key refused everywhere with 403/70051: not invalid (Twilio gives that answer to a Restricted key without these permissions), but unknown', async () => {
    const url = await serveKeys({ ...KEYS, [RESTRICTED_SID]: { ...KEYS[RESTRICTED_SID], allows: ['/2010-04-01/Accounts/{AccountSid}/Calls.json'] } });
    const ctx = testContext({ env: { BLASTRADIUS_TWILIO_API_URL: url } });
    const result = await twilio.verify(makeToken('twilio.api-key', `${RESTRICTED_SID}:${RESTRICTED_SECRET}`, { accountSid: ACCOUNT_SID }), ctx);
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/a Restricted key without these permissions, or a suspended key/);
  });

  it('the account auth token path is unchanged: one GET of its own Account resource', async () => {
    const url = await serveKeys();
    const ctx = testContext({ env: { BLASTRADIUS_TWILIO_API_URL: url } });
    const result = await twilio.verify(makeToken('twilio.auth-token', `${ACCOUNT_SID}:${AUTH_TOKEN}`), ctx);
    expect(result).toMatchObject({ status: 'live', identity: { principal: ACCOUNT_SID, type: 'account-auth-token' } });
    expect(server!.requests.map((r) => r.path)).toEqual([`/2010-04-01/Accounts/${ACCOUNT_SID}.json`]);
    expectClean(result, ctx.logs);
  });

  it('revoked credentials: invalid', async () => {
    const url = await serve(() => json('error-401.json', 401));
    const ctx = testContext({ env: { BLASTRADIUS_TWILIO_API_URL: url } });
    const result = await twilio.verify(makeToken('twilio.auth-token', `${ACCOUNT_SID}:${AUTH_TOKEN}`), ctx);
    expect(result.status).toBe('invalid');
    expectClean(result, ctx.logs);
  });

  it('provider down (5xx, hang, closed port): error with the reason, never invalid', async () => {
    const url = await serve(() => ({ status: 503, body: 'unavailable' }));
    const down = await twilio.verify(makeToken('twilio.auth-token', `${ACCOUNT_SID}:${AUTH_TOKEN}`), testContext({ env: { BLASTRADIUS_TWILIO_API_URL: url } }));
    expect(down).toMatchObject({ status: 'error', detail: expect.stringMatching(/HTTP 503/) });
    await server!.stop();
    server = await new FakeServer(() => ({ hang: true })).start();
    const hung = await twilio.verify(makeToken('twilio.auth-token', `${ACCOUNT_SID}:${AUTH_TOKEN}`), testContext({ timeoutMs: 300, env: { BLASTRADIUS_TWILIO_API_URL: server.url } }));
    expect(hung).toMatchObject({ status: 'error', detail: expect.stringMatching(/timed out/) });
    const refused = await twilio.verify(makeToken('twilio.auth-token', `${ACCOUNT_SID}:${AUTH_TOKEN}`), testContext({ env: { BLASTRADIUS_TWILIO_API_URL: await closedPortUrl() } }));
    expect(refused).toMatchObject({ status: 'error', detail: expect.stringMatching(/connection refused/) });
  });

  it('rate limited then recovered: waits for Retry-After, then live', async () => {
    let calls = 0;
    const url = await serve(() => (++calls === 1 ? { status: 429, headers: { 'retry-after': '1' }, body: { code: 20429, message: 'Too Many Requests', status: 429 } } : json('account.json')));
    const started = Date.now();
    const result = await twilio.verify(makeToken('twilio.auth-token', `${ACCOUNT_SID}:${AUTH_TOKEN}`), testContext({ env: { BLASTRADIUS_TWILIO_API_URL: url } }));
    expect(result.status).toBe('live');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});
