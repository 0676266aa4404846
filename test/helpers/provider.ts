import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/core/paths.js';
import { Secret, tokenId } from '../../src/core/secret.js';
import type { Token } from '../../src/core/types.js';
import type { ProviderContext } from '../../src/providers/types.js';
import { loadRules } from '../../src/rules/load.js';

const rules = new Map(loadRules().map((r) => [r.id, r]));

/**
 * A token as the scanner would produce it, for provider tests: `secret` is the main match joined
 * with its required parts by ':', `extras` the optional parts. As the detector does, the main match
 * of an `identifier` rule and the parts marked `secret: false` are identifiers, shown in clear.
 */
export function makeToken(ruleId: string, secret: string, extras: Record<string, string> = {}): Token {
  const rule = rules.get(ruleId);
  if (!rule) throw new Error(`unknown rule ${ruleId}`);
  const identifierParts = new Set((rule.parts ?? []).filter((p) => p.secret === false).map((p) => p.name));
  const wrapped = new Secret(secret, rule.redactPrefix ?? 0, rule.identifier ? [secret.split(':')[0]] : []);
  return {
    id: tokenId(secret),
    ruleId,
    provider: rule.provider,
    kind: rule.kind,
    redacted: wrapped.redacted,
    locations: [{ file: '.env', line: 1, column: 1 }],
    secret: wrapped,
    extras: Object.keys(extras).length
      ? Object.fromEntries(Object.entries(extras).map(([k, v]) => [k, new Secret(v, 0, identifierParts.has(k) ? [v] : [])]))
      : undefined,
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

/** The secret of a rule's n-th positive example (rules/<provider>.yaml): a real-format test token. */
export function exampleSecret(ruleId: string, index = 0): string {
  const rule = rules.get(ruleId);
  const example = rule?.examples.match[index];
  const text = typeof example === 'string' ? example : example?.text;
  const secret = text && new RegExp(rule!.pattern).exec(text)?.[1];
  if (!secret) throw new Error(`no example secret for ${ruleId}[${index}]`);
  return secret;
}
