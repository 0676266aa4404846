import { describe, expect, it } from 'vitest';
import { accountIdFromKeyId } from '../src/providers/aws/key-id.js';
import type { Provider } from '../src/providers/types.js';
import { live } from '../src/providers/result.js';
import { verifyTokens } from '../src/verify/verify.js';
import { makeToken, testContext } from './helpers/provider.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A new-format access key id that encodes `account` (the inverse of the published decoding). */
function keyIdFor(account: string, prefix = 'AKIA'): string {
  const value = (1n << 47n) | (BigInt(account) << 7n) | 0x2an;
  const bits = (value << 2n) | 1n;
  let body = '';
  for (let i = 9; i >= 0; i--) body += BASE32[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${prefix}${body}Q2X7ZK`;
}

describe('canary tokens are recognised offline and never sent to AWS', () => {
  const calls: string[] = [];
  const fakeAws: Provider = {
    id: 'aws',
    docsUrl: 'https://docs.aws.amazon.com/',
    rules: ['aws.access-key'],
    verify: async (token) => {
      calls.push(token.id);
      return live({ identity: { principal: 'arn:aws:iam::052310077262:user/canary' } });
    },
  };
  const secret = 'Vq8LmN2pXr7TzK4wYb9cHd3fJg6sRt1eAbCdEfGh';

  it('decodes the issuer account from the key id', () => {
    expect(accountIdFromKeyId(keyIdFor('052310077262'))).toBe('052310077262');
    expect(accountIdFromKeyId(keyIdFor('044858866125', 'ASIA'))).toBe('044858866125');
  });

  it.each([
    ['052310077262', 'canarytokens.org (Thinkst)'],
    ['044858866125', 'off-brand canary'],
  ])('account %s → status canary with a note, no provider call', async (account, issuer) => {
    calls.length = 0;
    const token = makeToken('aws.access-key', `${keyIdFor(account)}:${secret}`);
    const results = await verifyTokens([token], { offline: false, context: testContext(), concurrency: 1, providerFor: async () => fakeAws });
    expect(calls).toEqual([]);
    expect(results.get(token.id)).toMatchObject({ status: 'canary', identity: { account }, detail: expect.stringContaining(issuer) });
  });

  it('an ordinary key is verified; --verify-canaries verifies a canary too', async () => {
    calls.length = 0;
    const ordinary = makeToken('aws.access-key', `${keyIdFor('123456789012')}:${secret}`);
    const canary = makeToken('aws.access-key', `${keyIdFor('052310077262')}:${secret}`);
    await verifyTokens([ordinary], { offline: false, context: testContext(), concurrency: 1, providerFor: async () => fakeAws });
    expect(calls).toEqual([ordinary.id]);
    const results = await verifyTokens([canary], {
      offline: false,
      context: testContext(),
      concurrency: 1,
      verifyCanaries: true,
      providerFor: async () => fakeAws,
    });
    expect(calls).toEqual([ordinary.id, canary.id]);
    expect(results.get(canary.id)?.status).toBe('live');
  });
});
