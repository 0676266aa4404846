import { afterEach, describe, expect, it } from 'vitest';
import twilio from '../../src/providers/twilio/index.js';
import { FakeServer, closedPortUrl, type FakeResponse } from '../helpers/fake-server.js';
import { fixture, makeToken, testContext } from '../helpers/provider.js';

const ACCOUNT_SID = 'ACc9b3339584786e24d0e9125372557292';
const AUTH_TOKEN = '4e7b9a1c2d3f5e6a8b9c0d1e2f3a4b5c';
const KEY_SID = 'SK266e6918bb25c3852470ec06a006eb8b';
const KEY_SECRET = 'Vq8LmN2pXr7TzK4wYb9cHd3fJg6sRt1e';
const ACCOUNT_AUTH_TOKEN_IN_BODY = '0f9e8d7c6b5a49382716f5e4d3c2b1a0';

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

function expectClean(result: unknown, logs: string[]): void {
  const text = JSON.stringify(result) + logs.join('\n');
  for (const secret of [AUTH_TOKEN, KEY_SECRET, ACCOUNT_AUTH_TOKEN_IN_BODY]) expect(text).not.toContain(secret);
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

  it('API key: the accounts it can list, with the key type as an unknown (narrow)', async () => {
    const url = await serve((path) => (path === '/2010-04-01/Accounts.json' ? json('accounts.json') : json('error-401.json', 404)));
    const ctx = testContext({ apiUrls: { twilio: url } });
    const result = await twilio.verify(makeToken('twilio.api-key', `${KEY_SID}:${KEY_SECRET}`), ctx);
    expect(result).toMatchObject({ status: 'live', identity: { principal: KEY_SID, account: ACCOUNT_SID } });
    expect(result.grants.map((g) => [g.action, g.resource])).toEqual([['destroy', `twilio:${ACCOUNT_SID}/*`]]);
    expect(result.unknowns[0].what).toMatch(/Main key/);
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
