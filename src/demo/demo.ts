import { join } from 'node:path';
import { packageRoot } from '../core/paths.js';
import type { RecordedRequest } from '../providers/fake-server.js';
import { PROVIDERS } from '../providers/registry.js';
import type { DemoFake } from '../providers/types.js';

export const DEMO_WORKSPACE = (): string => join(packageRoot(), 'fixtures', 'demo');

export interface DemoFakes {
  /** The providers faked, by name, in registry order. */
  names: string[];
  /** Environment overrides that point every demo provider at its fake on 127.0.0.1. */
  env: Record<string, string>;
  /** Every request the fakes received. */
  requests: () => RecordedRequest[];
  /** The requests that would have changed something at a provider (the demo asserts there are none). */
  mutating: () => { provider: string; request: RecordedRequest }[];
  close: () => Promise<void>;
}

/**
 * Starts the offline fake of every provider whose manifest has a `demo` hook, each on loopback and
 * answering from recorded fixtures. Nothing leaves the machine.
 */
export async function startDemoFakes(): Promise<DemoFakes> {
  const started: DemoFake[] = [];
  try {
    for (const manifest of PROVIDERS) if (manifest.demo) started.push(await manifest.demo());
  } catch (error) {
    await Promise.all(started.map((fake) => fake.stop()));
    throw error;
  }
  return {
    names: started.map((fake) => fake.name),
    env: Object.assign({}, ...started.map((fake) => fake.env)) as Record<string, string>,
    requests: () => started.flatMap((fake) => fake.requests()),
    mutating: () =>
      started.flatMap((fake) =>
        fake
          .requests()
          .filter((request) => fake.mutating(request))
          .map((request) => ({ provider: fake.name, request })),
      ),
    close: async () => {
      await Promise.all(started.map((fake) => fake.stop()));
    },
  };
}
