import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Grant, Token, VerificationResult } from '../../src/core/types.js';
import { fakeEnv, isMutating, type ProviderFake } from '../../src/providers/fake-kit.js';
import { FakeServer, type FakeHandler, type RecordedRequest } from '../../src/providers/fake-server.js';
import { loadProvider } from '../../src/providers/registry.js';
import type { ProviderContext } from '../../src/providers/types.js';
import { secretsOf } from '../../src/verify/verify.js';
import { expectNoNetwork } from './no-network.js';
import { makeToken, testContext } from './provider.js';

/**
 * A provider's fake on 127.0.0.1 for the tests of one file: started once, reset before every test
 * (the fake `initial` builds answers again, the record is emptied), and after every test nothing
 * mutating may have reached it.
 */
export interface FakeHarness {
  readonly server: FakeServer;
  readonly url: string;
  /** What the fake received since the test began. */
  readonly requests: RecordedRequest[];
  /** The fake answering now. */
  readonly fake: ProviderFake;
  /** Answers with another fake (or the current fake's id with another handler) until the test ends. */
  serve(fake: ProviderFake | FakeHandler): void;
  /** The environment that points the provider at this fake. */
  env(): Record<string, string>;
}

export function useFake(initial: () => ProviderFake): FakeHarness {
  let server: FakeServer | undefined;
  let current = initial();
  const harness: FakeHarness = {
    get server() {
      return server!;
    },
    get url() {
      return server!.url;
    },
    get requests() {
      return server!.requests;
    },
    get fake() {
      return current;
    },
    serve(fake) {
      current = typeof fake === 'function' ? { ...current, handler: fake } : fake;
      server!.setHandler(current.handler);
    },
    env: () => fakeEnv(current, server!.url),
  };
  beforeAll(async () => {
    server = await new FakeServer(current.handler).start();
  });
  afterAll(() => server?.stop());
  beforeEach(() => {
    server!.requests.length = 0;
    harness.serve(initial());
  });
  afterEach(() => expectReadOnly(current, server!.requests));
  return harness;
}

export function expectReadOnly(fake: ProviderFake, requests: readonly RecordedRequest[]): void {
  expect(requests.filter((r) => isMutating(fake, r)).map((r) => `${r.method} ${r.path} ${r.body.slice(0, 80)}`)).toEqual([]);
}

/** No secret (nor the middle of a long one, which no redacted form shows) in the result or the log. */
export function expectNoSecret(result: unknown, logs: readonly string[], secrets: readonly string[]): void {
  const texts = [JSON.stringify(result), logs.join('\n')];
  for (const secret of secrets) {
    const middle = secret.length >= 24 ? secret.slice(secret.length / 2 - 8, secret.length / 2 + 8) : secret;
    for (const text of texts) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(middle);
    }
  }
}

export interface Verified {
  result: VerificationResult;
  /** The requests this verification sent to the fake. */
  requests: RecordedRequest[];
  ctx: ProviderContext & { logs: string[] };
}

/**
 * Runs the provider of `harness.fake` on `token` against the fake, and checks what every provider
 * test must hold: nothing mutating was sent, and no secret of the token (its parts and `secrets`
 * too) is in the result or the log. `overrides` replace parts of the test context (env included).
 */
export async function verifyWith(
  harness: FakeHarness,
  token: Token,
  overrides: Partial<ProviderContext> = {},
  secrets: readonly string[] = [],
): Promise<Verified> {
  const provider = await loadProvider(harness.fake.id);
  if (!provider) throw new Error(`no provider ${harness.fake.id} in the registry`);
  const before = harness.requests.length;
  const ctx = testContext({ env: harness.env(), ...overrides });
  const result = await provider.verify(token, ctx);
  const requests = harness.requests.slice(before);
  expectReadOnly(harness.fake, requests);
  expectNoSecret(result, ctx.logs, [...secretsOf(token), ...secrets]);
  return { result, requests, ctx };
}

/**
 * For offline decoders: `decode(ruleId, secret, extras?)` runs the token's provider with an API URL
 * (flag and environment) it must never call, and checks no secret is in the result or the log.
 * After every test, neither that endpoint nor fetch saw anything.
 */
export function useOfflineDecoder(
  secrets: readonly string[] = [],
): (ruleId: string, secret: string, extras?: Record<string, string>) => Promise<VerificationResult> {
  const endpoint = expectNoNetwork();
  return async (ruleId, secret, extras = {}) => {
    const token = makeToken(ruleId, secret, extras);
    const provider = (await loadProvider(token.provider))!;
    const ctx = testContext({ env: fakeEnv({ id: token.provider, handler: () => ({}) }, endpoint()), apiUrls: { [token.provider]: endpoint() } });
    const result = await provider.verify(token, ctx);
    expectNoSecret(result, ctx.logs, [...secretsOf(token), ...secrets]);
    return result;
  };
}

/** The grants as sorted `action resource` lines (or the fields named), for one readable comparison. */
export function grantsOf(result: VerificationResult, fields: readonly (keyof Grant)[] = ['action', 'resource']): string[] {
  return result.grants.map((g) => fields.map((f) => g[f]).join(' ')).sort();
}

/** A port with nothing listening (connection refused). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
