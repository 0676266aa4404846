import { describe, expect, it } from 'vitest';
import { RateWindow, RequestLimits, Slots } from '../src/verify/limits.js';

describe('verification bounds (src/verify/limits.ts)', () => {
  it('a rate window never lets more than N requests start in any window of its length', async () => {
    let now = 0;
    const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
    const window = new RateWindow({ requests: 3, perMs: 1000 }, clock);
    const starts: number[] = [];
    for (let i = 0; i < 10; i++) {
      await window.take();
      starts.push(now);
      now += 10; // each request takes a little time before the next asks
    }
    for (const start of starts) expect(starts.filter((s) => s >= start && s < start + 1000).length).toBeLessThanOrEqual(3);
    expect(starts.slice(0, 4)).toEqual([0, 10, 20, 1000]);
  });

  it('slots bound what is in flight and hand a freed slot to the next waiter', async () => {
    const slots = new Slots(2);
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 7 }, async () => {
        await slots.acquire();
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        slots.release();
      }),
    );
    expect(peak).toBe(2);
  });

  it('per host: requests to one host wait for each other, another host is not held up', async () => {
    const limits = new RequestLimits(1, () => undefined);
    const first = await limits.acquire('a', 'https://api.one.example/v1/x');
    let second = false;
    const pending = limits.acquire('b', 'https://api.one.example/v2/y').then(() => (second = true));
    const other = await limits.acquire('c', 'https://api.two.example/');
    await new Promise((r) => setTimeout(r, 5));
    expect(second).toBe(false);
    first();
    first(); // a second release of the same request frees nothing more
    await pending;
    expect(second).toBe(true);
    other();
  });
});

describe('verifyTokens bounds', () => {
  it('at most `perProvider` tokens of one provider at once, while another provider uses the free slots', async () => {
    const { verifyTokens } = await import('../src/verify/verify.js');
    const { makeToken, testContext } = await import('./helpers/provider.js');
    const { sampleGithubToken } = await import('../bench/sample-token.js');
    const inFlight = new Map<string, number>();
    const peak = new Map<string, number>();
    const fake = (id: string) => ({
      id,
      docsUrl: '',
      rules: [`${id}.token`],
      verify: async () => {
        inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
        peak.set(id, Math.max(peak.get(id) ?? 0, inFlight.get(id)!));
        await new Promise((r) => setTimeout(r, 5));
        inFlight.set(id, inFlight.get(id)! - 1);
        return { status: 'invalid' as const, grants: [], resources: [], protections: [], unknowns: [], notes: [] };
      },
    });
    // Two made-up providers: the tokens keep a real rule's shape, their provider field is all that counts here.
    const tokens = Array.from({ length: 24 }, (_, i) => {
      const token = makeToken('github.classic-pat', sampleGithubToken());
      const provider = i % 3 === 0 ? 'quick' : 'slow';
      return { ...token, id: `token-${i}`, provider, ruleId: `${provider}.token` };
    });
    const results = await verifyTokens(tokens, {
      offline: false,
      context: testContext(),
      concurrency: 8,
      limits: { perProvider: 3 },
      providerFor: async (id) => fake(id),
    });
    expect(results.size).toBe(24);
    expect(peak.get('slow')).toBe(3);
    expect(peak.get('quick')).toBe(3);
  });
});

describe('httpRequest asks the request gate for every attempt', () => {
  it('one slot per attempt (a 429 and its retry are two), released before the Retry-After wait', async () => {
    const { FakeServer } = await import('../src/providers/fake-server.js');
    const { httpRequest } = await import('../src/providers/http.js');
    const { testContext } = await import('./helpers/provider.js');
    let calls = 0;
    const server = await new FakeServer(() =>
      ++calls === 1 ? { status: 429, headers: { 'retry-after': '0' }, body: '{}' } : { status: 200, body: { ok: true } },
    ).start();
    try {
      const events: string[] = [];
      let held = 0;
      const ctx = testContext({
        requestGate: async (url: string) => {
          events.push(`acquire ${new URL(url).pathname}`);
          held++;
          return () => {
            held--;
            events.push('release');
          };
        },
      });
      const response = await httpRequest({ url: `${server.url}/v1/thing`, secrets: [] }, ctx);
      expect(response.status).toBe(200);
      expect(events).toEqual(['acquire /v1/thing', 'release', 'acquire /v1/thing', 'release']);
      expect(held).toBe(0);
    } finally {
      await server.stop();
    }
  });
});
