import { transportFaultCases } from '../helpers/transport-faults.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { VerificationResult } from '../../src/core/types.js';
import sendgrid from '../../src/providers/sendgrid/index.js';
import { closedPortUrl, FakeServer, type FakeResponse, type RecordedRequest } from '../helpers/fake-server.js';
import { fixture, makeToken, testContext } from '../helpers/provider.js';

const SECRET = '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';
const RATE_HEADERS = { 'x-ratelimit-limit': '500', 'x-ratelimit-remaining': '499', 'x-ratelimit-reset': '1783155600' };

const json = (name: string, status = 200, headers: Record<string, string> = {}): FakeResponse => ({
  status,
  body: fixture('sendgrid', name),
  headers: { 'content-type': 'application/json', ...RATE_HEADERS, ...headers },
});

/** SendGrid v3 as the fixtures record it: the key must arrive as a Bearer token. */
function api(scopesFixture: string, accepted = SECRET) {
  return (request: RecordedRequest): FakeResponse => {
    if (request.headers.authorization !== `Bearer ${accepted}`) return json('error-401.json', 401);
    if (request.path === '/v3/scopes') return json(scopesFixture);
    if (request.path === '/v3/user/username') return json('user-username.json');
    return json('error-403.json', 403);
  };
}

let server: FakeServer;
let euServer: FakeServer;
beforeAll(async () => {
  server = await new FakeServer(api('scopes-full-access.json')).start();
  euServer = await new FakeServer(api('scopes-mail-send.json')).start();
});
afterAll(async () => {
  await server.stop();
  await euServer.stop();
});
beforeEach(() => {
  server.requests.length = 0;
  euServer.requests.length = 0;
  server.setHandler(api('scopes-full-access.json'));
});

const ctxFor = (url: string, overrides = {}) => testContext({ env: { BLASTRADIUS_SENDGRID_API_URL: url }, ...overrides });

function expectSafe(result: VerificationResult, logs: string[]) {
  const all = [...server.requests, ...euServer.requests];
  expect(all.filter((r) => r.method !== 'GET')).toEqual([]);
  expect(JSON.stringify(result)).not.toContain(SECRET);
  expect(logs.join('\n')).not.toContain(SECRET);
}

const grantsOf = (result: VerificationResult) => result.grants.map((g) => `${g.action} ${g.resource}`).sort();

describe('sendgrid provider', () => {
  it('full-access key: admin of the account, destroy on marketing/templates/suppressions, write on mail', async () => {
    const ctx = ctxFor(server.url);
    const result = await sendgrid.verify(makeToken('sendgrid.api-key', SECRET), ctx);
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'acme-mailer', account: 'acme-mailer', region: 'global', endpoint: server.url });
    const grants = grantsOf(result);
    expect(grants).toContain('admin sendgrid:acme-mailer');
    expect(grants).toContain('destroy sendgrid:acme-mailer/marketing');
    expect(grants).toContain('destroy sendgrid:acme-mailer/templates');
    expect(grants).toContain('destroy sendgrid:acme-mailer/suppression');
    expect(grants).toContain('write sendgrid:acme-mailer/mail');
    expect(grants).toContain('read sendgrid:acme-mailer/stats');
    const admin = result.grants.find((g) => g.action === 'admin')!;
    expect(admin.evidence).toMatch(/api_keys\.create/);
    // 2fa_* markers are flags, not permissions
    expect(JSON.stringify(result.grants)).not.toMatch(/2fa_/);
    expect(result.resources).toEqual([{ id: 'sendgrid:acme-mailer', type: 'account', name: 'acme-mailer', provider: 'sendgrid' }]);
    expect(server.requests.map((r) => r.path)).toEqual(['/v3/scopes', '/v3/user/username']);
    expectSafe(result, ctx.logs);
  });

  it('mail.send-only key: one write grant, account unknown so it is named sendgrid:*', async () => {
    server.setHandler(api('scopes-mail-send.json'));
    const ctx = ctxFor(server.url);
    const result = await sendgrid.verify(makeToken('sendgrid.api-key', SECRET), ctx);
    expect(result.status).toBe('live');
    expect(grantsOf(result)).toEqual(['write sendgrid:*/mail']);
    expect(result.grants[0]).toMatchObject({ operation: 'mail.send', evidence: 'API key scope mail.send' });
    expect(result.identity?.principal).toMatch(/^api-key SG\.…/);
    expect(result.notes.join('\n')).toMatch(/user\.username\.read missing/);
    expect(server.requests.map((r) => r.path)).toEqual(['/v3/scopes']);
    expectSafe(result, ctx.logs);
  });

  it('revoked key: 401 is invalid, and a redirected global endpoint never falls back to the real EU host', async () => {
    server.setHandler(api('scopes-full-access.json', 'SG.other'));
    const ctx = ctxFor(server.url);
    const result = await sendgrid.verify(makeToken('sendgrid.api-key', SECRET), ctx);
    expect(result.status).toBe('invalid');
    expect(result.detail).toMatch(/invalid, expired, or revoked/);
    expect(server.requests).toHaveLength(1);
    expectSafe(result, ctx.logs);
  });

  it('EU regional subuser key: the global host refuses it, the EU host accepts it', async () => {
    server.setHandler(api('scopes-full-access.json', 'SG.other'));
    const ctx = testContext({ env: { BLASTRADIUS_SENDGRID_API_URL: server.url, BLASTRADIUS_SENDGRID_EU_API_URL: euServer.url } });
    const result = await sendgrid.verify(makeToken('sendgrid.api-key', SECRET), ctx);
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ region: 'eu', endpoint: euServer.url });
    expect(grantsOf(result)).toEqual(['write sendgrid:*/mail']);
    expect(euServer.requests).toHaveLength(1);
    expectSafe(result, ctx.logs);
  });

  it('403 access forbidden is not invalid: the key was recognised, its permissions are unknown', async () => {
    server.setHandler(() => json('error-403.json', 403));
    const ctx = ctxFor(server.url);
    const result = await sendgrid.verify(makeToken('sendgrid.api-key', SECRET), ctx);
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/access forbidden/);
    expectSafe(result, ctx.logs);
  });

  transportFaultCases({
    verify: (token, ctx) => sendgrid.verify(token, ctx),
    token: () => makeToken('sendgrid.api-key', SECRET),
    server: () => server,
    ctxFor,
    serverError: { answer: json('error-503.json', 503), detail: /HTTP 503/ },
    expectSafe,
  });

  it('rate limited (429 + Retry-After) then recovered: live', async () => {
    let calls = 0;
    const healthy = api('scopes-mail-send.json');
    server.setHandler((request) => (++calls === 1 ? json('error-429.json', 429, { 'retry-after': '1', 'x-ratelimit-remaining': '0' }) : healthy(request)));
    const ctx = ctxFor(server.url);
    const result = await sendgrid.verify(makeToken('sendgrid.api-key', SECRET), ctx);
    expect(result.status).toBe('live');
    expect(server.requests.filter((r) => r.path === '/v3/scopes')).toHaveLength(2);
    expectSafe(result, ctx.logs);
  });

  it('base URL: ctx.apiUrls wins over the environment variable', async () => {
    const ctx = testContext({ env: { BLASTRADIUS_SENDGRID_API_URL: await closedPortUrl() }, apiUrls: { sendgrid: server.url } });
    const result = await sendgrid.verify(makeToken('sendgrid.api-key', SECRET), ctx);
    expect(result.status).toBe('live');
    expect(result.identity?.endpoint).toBe(server.url);
    expectSafe(result, ctx.logs);
  });
});
