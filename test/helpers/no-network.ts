import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import { FakeServer } from '../../src/providers/fake-server.js';

/**
 * For offline decoders: a fake endpoint the decoder could be tempted to call, and a spy on fetch.
 * After every test of the calling file, neither saw anything. Returns the fake's URL.
 */
export function expectNoNetwork(): () => string {
  let server: FakeServer;
  let fetchSpy: ReturnType<typeof vi.spyOn>;
  beforeAll(async () => {
    server = await new FakeServer(() => ({ status: 200, body: {} })).start();
    fetchSpy = vi.spyOn(globalThis, 'fetch');
  });
  afterAll(async () => {
    fetchSpy.mockRestore();
    await server.stop();
  });
  afterEach(() => {
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(server.requests).toEqual([]);
  });
  return () => server.url;
}
