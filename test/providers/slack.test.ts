import { afterEach, describe, expect, it } from 'vitest';
import type { VerificationResult } from '../../src/core/types.js';
import slack from '../../src/providers/slack/index.js';
import { closedPortUrl, FakeServer, type FakeResponse } from '../helpers/fake-server.js';
import { fixtureJson, makeToken, testContext } from '../helpers/provider.js';

const USER_SECRET = 'xoxp-512496225955-8528653814864-9104563201947-f3b1c2d4e5a6978a0b1c2d3e4f5a6b7c';
const BOT_SECRET = 'xoxb-512496225955-8528653814864-ImFlXEtFPhmUqDdksTTuiHfq';
const wire = (name: string): FakeResponse => fixtureJson<FakeResponse>('slack', `${name}.json`);

const servers: FakeServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    expectReadOnly(server);
    await server.stop();
  }
});

/** A fake slack.com/api: auth.test answers from a recorded response when the bearer token matches. */
async function slackServer(secret: string, answer: () => FakeResponse): Promise<FakeServer> {
  const server = await new FakeServer((request) => {
    if (request.path !== '/api/auth.test') return { status: 404, body: 'not found' };
    if (request.headers.authorization !== `Bearer ${secret}`) return wire('invalid-auth');
    return answer();
  }).start();
  servers.push(server);
  return server;
}

/** Read-only for Slack: GET auth.test only, the token in the header and never in the URL. */
function expectReadOnly(server: FakeServer): void {
  expect(server.requests.filter((r) => r.method !== 'GET' || r.path !== '/api/auth.test').map((r) => `${r.method} ${r.path}`)).toEqual([]);
  expect(server.requests.filter((r) => r.query.has('token'))).toEqual([]);
}

function expectNoSecret(result: VerificationResult, logs: string[], secret: string): void {
  expect(JSON.stringify(result)).not.toContain(secret);
  expect(logs.join('\n')).not.toContain(secret);
}

const grantsOf = (result: VerificationResult) => result.grants.map((g) => `${g.action} ${g.evidence}`).sort();

describe('slack provider', () => {
  it('live, broad: a user token with history, chat:write, files:write and an admin scope', async () => {
    const server = await slackServer(USER_SECRET, () => wire('auth-test-user-broad'));
    const ctx = testContext({ env: { BLASTRADIUS_SLACK_API_URL: server.url } });
    const result = await slack.verify(makeToken('slack.token', USER_SECRET), ctx);

    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'U05QWE7RT', type: 'user token', account: 'T04PLK2M1', displayName: 'grace @ Acme Engineering', endpoint: server.url });
    expect(new Set(result.grants.map((g) => g.resource))).toEqual(new Set(['slack:T04PLK2M1']));
    const byAction = (action: string) => result.grants.filter((g) => g.action === action).map((g) => g.evidence.split(':')[0] + ':' + g.evidence.split(':')[1]).sort();
    expect(byAction('admin')).toEqual(['scope admin.conversations:write']);
    expect(byAction('destroy')).toEqual(['scope chat:write', 'scope files:write']);
    expect(result.grants.find((g) => g.action === 'destroy' && g.evidence.startsWith('scope files:write'))?.operation).toBe('files.delete');
    expect(byAction('read')).toEqual(['scope channels:history', 'scope channels:read', 'scope groups:history', 'scope im:history', 'scope users:read']);
    expect(result.notes).toContain('scope identify is not assessed for data reach');
    expect(result.resources).toEqual([{ id: 'slack:T04PLK2M1', type: 'workspace', name: 'Acme Engineering', provider: 'slack' }]);
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs, USER_SECRET);
  });

  it('live, narrow: a bot token that can only list channels and users reads, and nothing more', async () => {
    const server = await slackServer(BOT_SECRET, () => wire('auth-test-bot-narrow'));
    const ctx = testContext({ env: { BLASTRADIUS_SLACK_API_URL: server.url } });
    const result = await slack.verify(makeToken('slack.token', BOT_SECRET), ctx);

    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'U06BOT1X2', type: 'bot token', botId: 'B06DEPLOY1', scopes: ['channels:read', 'users:read', 'incoming-webhook'] });
    expect(grantsOf(result)).toEqual(['read scope channels:read', 'read scope users:read']);
    expect(result.notes).toContain('scope incoming-webhook is not assessed for data reach');
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs, BOT_SECRET);
  });

  it('a token answered without an x-oauth-scopes header is live with its reach unknown', async () => {
    const bare = wire('auth-test-bot-narrow');
    const server = await slackServer(BOT_SECRET, () => ({ ...bare, headers: { 'content-type': 'application/json; charset=utf-8' } }));
    const ctx = testContext({ env: { BLASTRADIUS_SLACK_API_URL: server.url } });
    const result = await slack.verify(makeToken('slack.token', BOT_SECRET), ctx);

    expect(result.status).toBe('live');
    expect(result.grants).toEqual([]);
    expect(result.unknowns).toEqual([{ what: 'what this token can do', reason: 'Slack sent no x-oauth-scopes header for it' }]);
    expectNoSecret(result, ctx.logs, BOT_SECRET);
  });

  it('invalid: invalid_auth and token_revoked (HTTP 200, ok:false) are status invalid', async () => {
    const server = await slackServer('xoxb-some-other-token', () => wire('auth-test-bot-narrow'));
    const ctx = testContext({ env: { BLASTRADIUS_SLACK_API_URL: server.url } });
    const invalidAuth = await slack.verify(makeToken('slack.token', BOT_SECRET), ctx);
    expect(invalidAuth.status).toBe('invalid');
    expect(invalidAuth.detail).toContain('invalid_auth');
    expectNoSecret(invalidAuth, ctx.logs, BOT_SECRET);

    const revokedServer = await slackServer(BOT_SECRET, () => wire('token-revoked'));
    const revoked = await slack.verify(makeToken('slack.token', BOT_SECRET), testContext({ env: { BLASTRADIUS_SLACK_API_URL: revokedServer.url } }));
    expect(revoked.status).toBe('invalid');
    expect(revoked.detail).toContain('token_revoked');
    expectReadOnly(server);
  });

  it('an ok:false that does not refuse the token (ekm_access_denied) is status error, not invalid', async () => {
    const server = await slackServer(BOT_SECRET, () => wire('ekm-access-denied'));
    const ctx = testContext({ env: { BLASTRADIUS_SLACK_API_URL: server.url } });
    const result = await slack.verify(makeToken('slack.token', BOT_SECRET), ctx);
    expect(result.status).toBe('error');
    expect(result.detail).toContain('ekm_access_denied');
    expectNoSecret(result, ctx.logs, BOT_SECRET);
  });

  it('provider down: 5xx, a hanging server and a closed port are status error with the reason', async () => {
    const server = await slackServer(BOT_SECRET, () => wire('server-error'));
    const ctx = testContext({ env: { BLASTRADIUS_SLACK_API_URL: server.url }, retries: 1 });
    const down = await slack.verify(makeToken('slack.token', BOT_SECRET), ctx);
    expect(down.status).toBe('error');
    expect(down.detail).toContain('HTTP 503');
    expectNoSecret(down, ctx.logs, BOT_SECRET);

    const hanging = await slackServer(BOT_SECRET, () => ({ hang: true }));
    const hangCtx = testContext({ env: { BLASTRADIUS_SLACK_API_URL: hanging.url }, timeoutMs: 300 });
    const timedOut = await slack.verify(makeToken('slack.token', BOT_SECRET), hangCtx);
    expect(timedOut.status).toBe('error');
    expect(timedOut.detail).toContain('timed out');

    const refused = await slack.verify(makeToken('slack.token', BOT_SECRET), testContext({ env: { BLASTRADIUS_SLACK_API_URL: await closedPortUrl() }, retries: 0 }));
    expect(refused.status).toBe('error');
    expect(refused.detail).toContain('connection refused');
    expectReadOnly(server);
  });

  it('rate limited then recovered: 429 ratelimited with Retry-After, then the answer', async () => {
    let calls = 0;
    const server = await slackServer(BOT_SECRET, () => (++calls === 1 ? wire('rate-limited') : wire('auth-test-bot-narrow')));
    const ctx = testContext({ env: { BLASTRADIUS_SLACK_API_URL: server.url } });
    const started = Date.now();
    const result = await slack.verify(makeToken('slack.token', BOT_SECRET), ctx);

    expect(result.status).toBe('live');
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs, BOT_SECRET);
  });

  it('base URL: BLASTRADIUS_SLACK_API_URL is used, and ctx.apiUrls wins over it', async () => {
    const server = await slackServer(BOT_SECRET, () => wire('auth-test-bot-narrow'));
    const ctx = testContext({ env: { BLASTRADIUS_SLACK_API_URL: await closedPortUrl() }, apiUrls: { slack: server.url }, retries: 0 });
    const result = await slack.verify(makeToken('slack.token', BOT_SECRET), ctx);
    expect(result.status).toBe('live');
    expect(result.identity?.endpoint).toBe(server.url);
    expect(server.requests).toHaveLength(1);
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs, BOT_SECRET);
  });

  it('a rotation refresh token (xoxe-1-) is not asked: using it would mint new tokens', async () => {
    const refresh = 'xoxe-1-My0xLTUxMjQ5NjIyNTk1NS04NTI4NjUzODE0ODY0LTQ2OTMzNTM2MzAzNTgt';
    const server = await slackServer(refresh, () => wire('auth-test-bot-narrow'));
    const ctx = testContext({ env: { BLASTRADIUS_SLACK_API_URL: server.url } });
    const result = await slack.verify(makeToken('slack.token', refresh), ctx);
    expect(result.status).toBe('unverified');
    expect(server.requests).toEqual([]);
    expectNoSecret(result, ctx.logs, refresh);
  });

  it('claims slack tokens but not incoming webhooks, which cannot be tested without posting', () => {
    expect(slack.rules).toEqual(['slack.token']);
    expect(slack.docsUrl).toMatch(/^https:\/\/docs\.slack\.dev\//);
  });
});
