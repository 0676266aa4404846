import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/paths.js';

/** The parts of an HTTP request the fake reads (structurally the test FakeServer's RecordedRequest). */
export interface RailwayFakeRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RailwayFakeResponse {
  status: number;
  headers?: Record<string, string>;
  body: object;
}

interface Scenarios {
  tokens: Record<string, { auth: 'bearer' | 'project'; responses: Record<string, string> }>;
}

export const RAILWAY_FIXTURES = (): string => join(packageRoot(), 'fixtures', 'providers', 'railway');

/**
 * An offline Railway GraphQL API driven by fixtures/providers/railway/scenarios.json: each known
 * token gets its recorded responses, everything else is refused the way Railway refuses
 * (HTTP 200, "Not Authorized"). Used by the provider tests and the offline demo.
 */
export function railwayFake(fixturesDir: string = RAILWAY_FIXTURES()): (request: RailwayFakeRequest) => RailwayFakeResponse {
  const cache = new Map<string, object>();
  const load = (name: string): object => {
    if (!cache.has(name)) cache.set(name, JSON.parse(readFileSync(join(fixturesDir, name), 'utf8')) as object);
    return structuredClone(cache.get(name)!);
  };
  const scenarios = load('scenarios.json') as Scenarios;

  return (request) => {
    if (request.method !== 'POST') return { status: 404, body: { message: 'Not Found' } };
    let payload: { query?: string; variables?: Record<string, unknown>; operationName?: string };
    try {
      payload = JSON.parse(request.body) as typeof payload;
    } catch {
      return { status: 400, body: { errors: [{ message: 'POST body missing, invalid Content-Type, or JSON object has no keys.' }] } };
    }
    const document = payload.query ?? '';
    if (!/^\s*query\b/.test(document)) {
      return { status: 400, body: { errors: [{ message: 'the offline Railway fake serves queries only', extensions: { code: 'BAD_USER_INPUT' } }] } };
    }
    const operation = payload.operationName ?? /^\s*query\s+(\w+)/.exec(document)?.[1] ?? '';
    const rootField = /\{\s*(\w+)/.exec(document)?.[1] ?? operation;
    const { token, auth } = credential(request.headers);
    const scenario = token ? scenarios.tokens[token] : undefined;
    const responses = scenario && scenario.auth === auth ? scenario.responses : {};
    const file = responses[routeKey(operation, payload.variables)] ?? responses[operation];
    if (file) return { status: 200, body: load(file) };
    const refusal = load(rootField === 'projectToken' ? 'errors/project-token-not-found.json' : 'errors/not-authorized.json') as { errors: { path?: string[] }[] };
    refusal.errors[0].path = [rootField];
    return { status: 200, body: refusal };
  };
}

function routeKey(operation: string, variables: Record<string, unknown> = {}): string {
  const id = variables.volumeInstanceId ?? variables.id ?? variables.workspaceId;
  return [operation, id, variables.after].filter((part) => typeof part === 'string' && part !== '').join(':');
}

function credential(headers: RailwayFakeRequest['headers']): { token?: string; auth?: 'bearer' | 'project' } {
  const header = (name: string) => [headers[name]].flat()[0];
  const project = header('project-access-token');
  if (project) return { token: project, auth: 'project' };
  const bearer = /^Bearer\s+(\S+)$/i.exec(header('authorization') ?? '')?.[1];
  return bearer ? { token: bearer, auth: 'bearer' } : {};
}
