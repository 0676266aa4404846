import { describe, expect, it } from 'vitest';
import { recordedAnswer } from '../../src/providers/fake-kit.js';
import { slackFake } from '../../src/providers/slack/fake.js';
import { providerCases } from '../helpers/provider-cases.js';
import { grantsOf, useFake, verifyWith } from '../helpers/provider-harness.js';
import { makeToken } from '../helpers/provider.js';

const USER_SECRET = 'xoxp-512496225955-8528653814864-9104563201947-f3b1c2d4e5a6978a0b1c2d3e4f5a6b7c';
const BOT_SECRET = 'xoxb-512496225955-8528653814864-ImFlXEtFPhmUqDdksTTuiHfq';
const fake = useFake(() => slackFake(BOT_SECRET, 'auth-test-bot-narrow'));
const bot = () => makeToken('slack.token', BOT_SECRET);

describe('slack provider', () => {
  it('live, broad: a user token with history, chat:write, files:write and an admin scope', async () => {
    fake.serve(slackFake(USER_SECRET, 'auth-test-user-broad'));
    const { result } = await verifyWith(fake, makeToken('slack.token', USER_SECRET));
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({
      principal: 'U05QWE7RT',
      type: 'user token',
      account: 'T04PLK2M1',
      displayName: 'grace @ Acme Engineering',
      endpoint: fake.url,
    });
    expect(new Set(result.grants.map((g) => g.resource))).toEqual(new Set(['slack:T04PLK2M1']));
    const byAction = (action: string) =>
      result.grants
        .filter((g) => g.action === action)
        .map((g) => g.evidence.split(':')[0] + ':' + g.evidence.split(':')[1])
        .sort();
    expect(byAction('admin')).toEqual(['scope admin.conversations:write']);
    expect(byAction('destroy')).toEqual(['scope chat:write', 'scope files:write']);
    expect(result.grants.find((g) => g.action === 'destroy' && g.evidence.startsWith('scope files:write'))?.operation).toBe('files.delete');
    expect(byAction('read')).toEqual(['scope channels:history', 'scope channels:read', 'scope groups:history', 'scope im:history', 'scope users:read']);
    expect(result.notes).toContain('scope identify is not assessed for data reach');
    expect(result.resources).toEqual([{ id: 'slack:T04PLK2M1', type: 'workspace', name: 'Acme Engineering', provider: 'slack' }]);
  });

  it('live, narrow: a bot token that can only list channels and users reads, and nothing more', async () => {
    const { result } = await verifyWith(fake, bot());
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({
      principal: 'U06BOT1X2',
      type: 'bot token',
      botId: 'B06DEPLOY1',
      scopes: ['channels:read', 'users:read', 'incoming-webhook'],
    });
    expect(grantsOf(result, ['action', 'evidence'])).toEqual(['read scope channels:read', 'read scope users:read']);
    expect(result.notes).toContain('scope incoming-webhook is not assessed for data reach');
  });

  it('a token answered without an x-oauth-scopes header is live with its reach unknown', async () => {
    fake.serve(
      slackFake(BOT_SECRET, () => ({ ...recordedAnswer('slack', 'auth-test-bot-narrow'), headers: { 'content-type': 'application/json; charset=utf-8' } })),
    );
    const { result } = await verifyWith(fake, bot());
    expect(result.status).toBe('live');
    expect(result.grants).toEqual([]);
    expect(result.unknowns).toEqual([{ what: 'what this token can do', reason: 'Slack sent no x-oauth-scopes header for it' }]);
  });

  it('invalid: invalid_auth and token_revoked (HTTP 200, ok:false) are status invalid', async () => {
    fake.serve(slackFake('xoxb-some-other-token', 'auth-test-bot-narrow'));
    const { result: invalidAuth } = await verifyWith(fake, bot());
    expect(invalidAuth.status).toBe('invalid');
    expect(invalidAuth.detail).toContain('invalid_auth');

    fake.serve(slackFake(BOT_SECRET, 'token-revoked'));
    const { result: revoked } = await verifyWith(fake, bot());
    expect(revoked.status).toBe('invalid');
    expect(revoked.detail).toContain('token_revoked');
  });

  it('an ok:false that does not refuse the token (ekm_access_denied) is status error, not invalid', async () => {
    fake.serve(slackFake(BOT_SECRET, 'ekm-access-denied'));
    const { result } = await verifyWith(fake, bot());
    expect(result.status).toBe('error');
    expect(result.detail).toContain('ekm_access_denied');
  });

  providerCases(fake, bot, {
    serverError: { answer: recordedAnswer('slack', 'server-error'), detail: /HTTP 503/ },
    rateLimited: recordedAnswer('slack', 'rate-limited'),
  });

  it('a rotation refresh token (xoxe-1-) is not asked: using it would mint new tokens', async () => {
    const { result, requests } = await verifyWith(fake, makeToken('slack.token', 'xoxe-1-My0xLTUxMjQ5NjIyNTk1NS04NTI4NjUzODE0ODY0LTQ2OTMzNTM2MzAzNTgt'));
    expect(result.status).toBe('unverified');
    expect(requests).toEqual([]);
  });

  it('claims slack tokens but not incoming webhooks, which cannot be tested without posting', async () => {
    const { default: slack } = await import('../../src/providers/slack/index.js');
    expect(slack.rules).toEqual(['slack.token']);
    expect(slack.docsUrl).toMatch(/^https:\/\/docs\.slack\.dev\//);
  });
});
