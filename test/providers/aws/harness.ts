import { expect } from 'vitest';
import type { Token, VerificationResult } from '../../../src/core/types.js';
import aws from '../../../src/providers/aws/index.js';
import type { ProviderContext } from '../../../src/providers/types.js';
import { makeToken, testContext } from '../../helpers/provider.js';
import { manifest, mutatingCalls, parseAwsRequest, type FakeAws } from './fake-aws.js';

export const keyOf = (scenario: string) => Object.entries(manifest.keys).find(([, k]) => k.scenario === scenario)!;

/** The token the scanner would build for a scenario's key; `extras` as the rule's parts would capture them. */
export function tokenFor(scenario: string, extras: Record<string, string> = {}): Token {
  const [id, key] = keyOf(scenario);
  return makeToken('aws.access-key', `${id}:${key.secret}`, { ...(key.sessionToken ? { sessionToken: key.sessionToken } : {}), ...extras });
}

/**
 * One verification against the fake, with what every test must check: nothing mutating reached
 * the fake (EC2 calls with DryRun=true are the only exception, see mutatingCalls), no part of the
 * secret in the result or the log, and the fake's own record matches the wire.
 */
export async function verifyAgainst(fake: FakeAws, token: Token, overrides: Partial<ProviderContext> = {}) {
  const before = fake.server.requests.length;
  const callsBefore = fake.calls.length;
  const ctx = testContext({ env: { AWS_ENDPOINT_URL: fake.url }, ...overrides });
  const result = await aws.verify(token, ctx);
  const requests = fake.server.requests.slice(before);
  expect(mutatingCalls(requests)).toEqual([]);
  expectNoSecret(token, result, ctx.logs);
  const calls = fake.calls.slice(callsBefore);
  expect(calls.map(({ signatureValid, ...call }) => call)).toEqual(requests.map(parseAwsRequest));
  return { result, ctx, requests, calls };
}

function expectNoSecret(token: Token, result: VerificationResult, logs: string[]): void {
  const secrets = [token.secret.reveal(), token.secret.reveal().split(':')[1], token.extras?.sessionToken?.reveal()].filter((s): s is string => !!s);
  const text = JSON.stringify(result) + logs.join('\n');
  for (const secret of secrets) expect(text).not.toContain(secret);
}
