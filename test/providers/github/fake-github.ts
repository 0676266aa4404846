import { expect } from 'vitest';
import type { VerificationResult } from '../../../src/core/types.js';
import { loadRules } from '../../../src/rules/load.js';
import { type FakeHandler, type FakeResponse, FakeServer, type RecordedRequest } from '../../helpers/fake-server.js';
import { fixture, fixtureJson } from '../../helpers/provider.js';

/** Answers some requests differently (rate limits, failures); `undefined` lets the scenario answer. */
export type Override = (request: RecordedRequest) => FakeResponse | undefined | Promise<FakeResponse | undefined>;

/** A recorded GitHub exchange: fixtures/providers/github/scenarios/<name>.json. */
interface Route {
  request: string;
  query?: Record<string, string>;
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

interface Scenario {
  description: string;
  headers: Record<string, string>;
  routes: Route[];
}

const COMMON_HEADERS = fixtureJson<Record<string, string>>('github', 'headers-common.json');

/** A GitHub REST answer: common GitHub headers, the given ones, and a body from fixtures/providers/github/bodies/. */
export function githubAnswer(status: number, body: string, headers: Record<string, string> = {}, base = ''): FakeResponse {
  const expanded = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replaceAll('{{base}}', base)]));
  return { status, headers: { ...COMMON_HEADERS, ...expanded }, body: fixture('github', `bodies/${body}`) };
}

/**
 * Replays a scenario. `prefix` is the API path prefix (GitHub Enterprise Server serves the API under
 * /api/v3); `overrides` answer some paths differently (rate limits, failures) before the scenario does.
 */
export function scenarioHandler(name: string, base: () => string, options: { prefix?: string; overrides?: Override } = {}): FakeHandler {
  const scenario = fixtureJson<Scenario>('github', `scenarios/${name}.json`);
  const prefix = options.prefix ?? '';
  return async (request) => {
    const override = await options.overrides?.(request);
    if (override) return override;
    if (!request.path.startsWith(prefix)) return githubAnswer(404, 'error-not-found.json');
    const path = request.path.slice(prefix.length);
    const route = scenario.routes.find(
      (r) => r.request === `${request.method} ${path}` && Object.entries(r.query ?? {}).every(([k, v]) => request.query.get(k) === v),
    );
    if (!route) return githubAnswer(404, 'error-not-found.json', scenario.headers);
    return githubAnswer(route.status ?? 200, route.body, { ...scenario.headers, ...route.headers }, base() + prefix);
  };
}

/** Starts a fake GitHub replaying `name`. */
export async function startScenario(name: string, options: { prefix?: string; overrides?: Override } = {}): Promise<FakeServer> {
  const server = new FakeServer(() => ({}));
  server.setHandler(scenarioHandler(name, () => server.url, options));
  return server.start();
}

/** The secret of a rule's n-th positive example in rules/github.yaml: real-format test tokens. */
export function exampleSecret(ruleId: string, index = 0): string {
  const rule = loadRules().find((r) => r.id === ruleId);
  const example = rule?.examples.match[index];
  const text = typeof example === 'string' ? example : example?.text;
  const secret = text && new RegExp(rule!.pattern).exec(text)?.[1];
  if (!secret) throw new Error(`no example secret for ${ruleId}[${index}]`);
  return secret;
}

export function requestsTo(server: FakeServer, path: string): RecordedRequest[] {
  return server.requests.filter((r) => r.path === path);
}

/**
 * What every GitHub test asserts: only GETs reached the fake, and the full secret is nowhere in the
 * result or the log.
 */
export function expectReadOnlyAndClean(server: FakeServer, result: VerificationResult, logs: string[], secret: string): void {
  const mutating = server.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
  expect(mutating.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  const middle = secret.slice(8, 28);
  for (const text of [JSON.stringify(result), logs.join('\n')]) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(middle);
  }
}
