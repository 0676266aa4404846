import { expect, it } from 'vitest';
import type { Token, VerificationResult } from '../../src/core/types.js';
import type { ProviderContext } from '../../src/providers/types.js';
import { closedPortUrl, type FakeResponse, type FakeServer } from './fake-server.js';

/**
 * The "provider down" cases every fetch-based provider must pass: connection refused, a hanging
 * server and a server error on every attempt are status `error` with the reason, never `invalid`.
 */
export function transportFaultCases(options: {
  verify: (token: Token, ctx: ProviderContext) => Promise<VerificationResult>;
  token: () => Token;
  server: () => FakeServer;
  ctxFor: (url: string, overrides?: Partial<ProviderContext>) => ProviderContext & { logs: string[] };
  /** The server error answered on every attempt, and how the detail names it. */
  serverError: { answer: FakeResponse; detail: RegExp };
  expectSafe: (result: VerificationResult, logs: string[]) => void;
}): void {
  it('API down (connection refused): error', async () => {
    const ctx = options.ctxFor(await closedPortUrl(), { retries: 0 });
    const result = await options.verify(options.token(), ctx);
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/connection refused/);
    options.expectSafe(result, ctx.logs);
  });

  it('API hangs: timeout is error', async () => {
    options.server().setHandler(() => ({ hang: true }));
    const ctx = options.ctxFor(options.server().url, { timeoutMs: 300 });
    const result = await options.verify(options.token(), ctx);
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/timed out/);
    options.expectSafe(result, ctx.logs);
  });

  it('server error on every attempt: error after the retries', async () => {
    options.server().setHandler(() => options.serverError.answer);
    const ctx = options.ctxFor(options.server().url, { retries: 1 });
    const result = await options.verify(options.token(), ctx);
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(options.serverError.detail);
    options.expectSafe(result, ctx.logs);
  });
}
