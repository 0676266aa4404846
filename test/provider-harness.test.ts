import { describe, expect, it } from 'vitest';
import { recordedAnswer } from '../src/providers/fake-kit.js';
import { slackFake } from '../src/providers/slack/fake.js';
import { useFake, verifyWith } from './helpers/provider-harness.js';
import { makeToken } from './helpers/provider.js';

// The checks every provider test relies on can fail: a harness that passes everything proves nothing.
const BOT = 'xoxb-512496225955-8528653814864-ImFlXEtFPhmUqDdksTTuiHfq';
const fake = useFake(() => slackFake(BOT, 'auth-test-bot-narrow'));

describe('the provider-test harness', () => {
  it('fails a verification that sent a request its fake calls mutating', async () => {
    fake.serve({ ...fake.fake, mutating: () => true });
    await expect(verifyWith(fake, makeToken('slack.token', BOT))).rejects.toThrow(/toEqual|expected/);
    fake.serve(slackFake(BOT, 'auth-test-bot-narrow'));
  });

  it('fails a verification whose result carries the secret', async () => {
    const answer = recordedAnswer('slack', 'auth-test-bot-narrow') as { body: Record<string, unknown> };
    fake.serve(slackFake(BOT, () => ({ ...answer, body: { ...answer.body, team: `team ${BOT}` } })));
    await expect(verifyWith(fake, makeToken('slack.token', BOT))).rejects.toThrow(/not to contain/);
  });
});
