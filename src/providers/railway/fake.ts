import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { fixturePath, header, startDemoFake, type ProviderFake, type RecordedRequest } from '../fake-kit.js';
import type { DemoFake } from '../types.js';

/** An answer of the fake: always a JSON body (GraphQL speaks JSON, errors included). */
export interface RailwayAnswer {
  status: number;
  headers?: Record<string, string>;
  body: object;
}

interface Scenario {
  auth: 'bearer' | 'project';
  responses: Record<string, string>;
  /** The token's rate-limit window; default: the Hobby plan's 1000 requests per hour. */
  rateLimit?: { limit: number; remaining: number };
}

interface Scenarios {
  tokens: Record<string, Scenario>;
}

export const RAILWAY_FIXTURES = (): string => fixturePath('railway', '');

// docs.railway.com/integrations/api#rate-limits: 1000 requests per hour on the Hobby plan.
const HOBBY_PER_HOUR = 1000;
const WINDOW_END = '2026-08-22T10:00:00.000Z';

/**
 * An offline Railway GraphQL API driven by fixtures/providers/railway/scenarios.json: each known
 * token gets its recorded responses, everything else is refused the way Railway refuses
 * (HTTP 200, "Not Authorized"). Every answer carries the X-RateLimit-* headers Railway documents,
 * counted per token; a spent window answers 429 with Retry-After. Used by the provider tests and
 * the offline demo.
 */
export function railwayFake(fixturesDir: string = RAILWAY_FIXTURES()): ProviderFake & { handler: (request: RecordedRequest) => RailwayAnswer } {
  const cache = new Map<string, object>();
  const load = (name: string): object => {
    if (!cache.has(name)) cache.set(name, JSON.parse(readFileSync(join(fixturesDir, name), 'utf8')) as object);
    return structuredClone(cache.get(name)!);
  };
  const scenarios = load('scenarios.json') as Scenarios;
  const windows = new Map<string, { limit: number; remaining: number }>();

  const handler = (request: RecordedRequest): RailwayAnswer => {
    if (request.method !== 'POST') return { status: 404, body: { message: 'Not Found' } };
    const { token, auth } = credential(request);
    const scenario = token ? scenarios.tokens[token] : undefined;
    const window = token ? windowOf(windows, token, scenario) : undefined;
    const headers = window ? rateLimitHeaders(window) : {};
    if (window && window.remaining <= 0) {
      return { status: 429, headers: { ...headers, 'retry-after': '3600' }, body: { errors: [{ message: 'Rate limit exceeded. Please try again later.' }] } };
    }
    if (window) {
      window.remaining--;
      Object.assign(headers, rateLimitHeaders(window));
    }
    let payload: { query?: string; variables?: Record<string, unknown>; operationName?: string };
    try {
      payload = JSON.parse(request.body) as typeof payload;
    } catch {
      return { status: 400, headers, body: { errors: [{ message: 'POST body missing, invalid Content-Type, or JSON object has no keys.' }] } };
    }
    const document = payload.query ?? '';
    if (!/^\s*query\b/.test(document)) {
      return { status: 400, headers, body: { errors: [{ message: 'the offline Railway fake serves queries only', extensions: { code: 'BAD_USER_INPUT' } }] } };
    }
    const operation = payload.operationName ?? /^\s*query\s+(\w+)/.exec(document)?.[1] ?? '';
    const rootField = /\{\s*(\w+)/.exec(document)?.[1] ?? operation;
    const responses = scenario && scenario.auth === auth ? scenario.responses : {};
    const file = responses[routeKey(operation, payload.variables)] ?? responses[operation];
    if (file) return { status: 200, headers, body: load(file) };
    const refusal = load(rootField === 'projectToken' ? 'errors/project-token-not-found.json' : 'errors/not-authorized.json') as {
      errors: { path?: string[] }[];
    };
    refusal.errors[0].path = [rootField];
    return { status: 200, headers, body: refusal };
  };
  return { id: 'railway', handler, env: (url) => ({ BLASTRADIUS_RAILWAY_API_URL: `${url}/graphql/v2` }), mutating: (request) => !isQueryDocument(request) };
}

/** Read-only GraphQL: a POSTed `query` document, with no mutation or subscription anywhere in it. */
export function isQueryDocument(request: RecordedRequest): boolean {
  if (request.method !== 'POST') return false;
  let document: unknown;
  try {
    document = (JSON.parse(request.body) as { query?: unknown }).query;
  } catch {
    return false;
  }
  return typeof document === 'string' && /^\s*query\s/.test(document) && !/\b(mutation|subscription)\b/.test(document);
}

/** The demo's Railway: the account token in fixtures/demo/.env is a workspace Admin's (scenarios.json). */
export function startDemo(): Promise<DemoFake> {
  return startDemoFake('Railway', railwayFake());
}

function windowOf(
  windows: Map<string, { limit: number; remaining: number }>,
  token: string,
  scenario: Scenario | undefined,
): { limit: number; remaining: number } {
  let window = windows.get(token);
  if (!window) {
    window = { ...(scenario?.rateLimit ?? { limit: HOBBY_PER_HOUR, remaining: HOBBY_PER_HOUR }) };
    windows.set(token, window);
  }
  return window;
}

function rateLimitHeaders(window: { limit: number; remaining: number }): Record<string, string> {
  return { 'x-ratelimit-limit': String(window.limit), 'x-ratelimit-remaining': String(Math.max(0, window.remaining)), 'x-ratelimit-reset': WINDOW_END };
}

function routeKey(operation: string, variables: Record<string, unknown> = {}): string {
  const id = variables.volumeInstanceId ?? variables.id ?? variables.workspaceId ?? variables.projectId;
  return [operation, id, variables.after].filter((part) => typeof part === 'string' && part !== '').join(':');
}

function credential(request: RecordedRequest): { token?: string; auth?: 'bearer' | 'project' } {
  const project = header(request, 'project-access-token');
  if (project) return { token: project, auth: 'project' };
  const bearer = /^Bearer\s+(\S+)$/i.exec(header(request, 'authorization') ?? '')?.[1];
  return bearer ? { token: bearer, auth: 'bearer' } : {};
}
