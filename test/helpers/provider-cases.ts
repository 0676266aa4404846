import { expect, it } from 'vitest';
import type { Token } from '../../src/core/types.js';
import { fakeEnv, type FakeResponse } from '../../src/providers/fake-kit.js';
import type { RecordedRequest } from '../../src/providers/fake-server.js';
import { closedPortUrl, verifyWith, type FakeHarness } from './provider-harness.js';

/**
 * The cases every HTTP provider must pass, against its fake: the provider down (connection
 * refused, a hanging server, a server error on every attempt) is status `error` with the reason,
 * never `invalid`; a rate limit with Retry-After is waited out; an API URL from a flag or the
 * user's config (ctx.apiUrls) wins over the environment variable.
 */
export function providerCases(
  harness: FakeHarness,
  token: () => Token,
  options: {
    /** The server error answered on every attempt, and how the detail names it. */
    serverError: { answer: FakeResponse; detail: RegExp };
    /** A recorded 429 with Retry-After (1 s), answered once to the first request `limits` picks. */
    rateLimited: FakeResponse;
    limits?: (request: RecordedRequest) => boolean;
    /** How the result names a connection refused. */
    refusedDetail?: RegExp;
  },
): void {
  it('API down (connection refused): error', async () => {
    const { result } = await verifyWith(harness, token(), { env: fakeEnv(harness.fake, await closedPortUrl()), retries: 0 });
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(options.refusedDetail ?? /connection refused/);
  });

  it('API hangs: timeout is error', async () => {
    harness.serve(() => ({ hang: true }));
    const { result } = await verifyWith(harness, token(), { timeoutMs: 300 });
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/timed out/);
  });

  it('server error on every attempt: error after the retries', async () => {
    harness.serve(() => options.serverError.answer);
    const { result } = await verifyWith(harness, token(), { retries: 1 });
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(options.serverError.detail);
  });

  it('rate limited (429 with Retry-After), then recovered: waits, then live', async () => {
    const healthy = harness.fake.handler;
    let limited = false;
    harness.serve((request, base) => {
      if (limited || !(options.limits?.(request) ?? true)) return healthy(request, base);
      limited = true;
      return options.rateLimited;
    });
    const started = Date.now();
    const { result } = await verifyWith(harness, token());
    expect(limited).toBe(true);
    expect(result.status).toBe('live');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('base URL: ctx.apiUrls (a flag, the user config) wins over the environment variable', async () => {
    const { result, requests } = await verifyWith(harness, token(), {
      env: fakeEnv(harness.fake, await closedPortUrl()),
      apiUrls: { [harness.fake.id]: harness.url },
    });
    expect(result.status).toBe('live');
    expect(result.identity?.endpoint).toBe(harness.url);
    expect(requests.length).toBeGreaterThan(0);
  });
}
