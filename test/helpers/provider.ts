import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/core/paths.js';
import { Secret, tokenId } from '../../src/core/secret.js';
import type { Token } from '../../src/core/types.js';
import type { ProviderContext } from '../../src/providers/types.js';
import { loadRules } from '../../src/rules/load.js';

const rules = new Map(loadRules().map((r) => [r.id, r]));

/** A token as the scanner would produce it, for provider tests. */
export function makeToken(ruleId: string, secret: string, extras: Record<string, string> = {}): Token {
  const rule = rules.get(ruleId);
  if (!rule) throw new Error(`unknown rule ${ruleId}`);
  const wrapped = new Secret(secret, rule.redactPrefix ?? 0);
  return {
    id: tokenId(secret),
    ruleId,
    provider: rule.provider,
    kind: rule.kind,
    redacted: wrapped.redacted,
    locations: [{ file: '.env', line: 1, column: 1 }],
    secret: wrapped,
    extras: Object.keys(extras).length ? Object.fromEntries(Object.entries(extras).map(([k, v]) => [k, new Secret(v)])) : undefined,
  };
}

/** A provider context for tests: short timeouts, quick retries, a log the test can read. */
export function testContext(overrides: Partial<ProviderContext> = {}): ProviderContext & { logs: string[] } {
  const logs: string[] = [];
  return {
    env: {},
    apiUrls: {},
    timeoutMs: 2000,
    retries: 2,
    maxRetryWaitMs: 3000,
    log: (m) => logs.push(m),
    logs,
    ...overrides,
  };
}

/** Reads a recorded provider response from fixtures/providers/<id>/<name>. */
export function fixture(provider: string, name: string): string {
  return readFileSync(join(packageRoot(), 'fixtures', 'providers', provider, name), 'utf8');
}

export function fixtureJson<T = unknown>(provider: string, name: string): T {
  return JSON.parse(fixture(provider, name)) as T;
}
