import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/paths.js';
import type { DemoRequest, DemoResponse } from './http-fake.js';

interface Scenario {
  headers: Record<string, string>;
  routes: { request: string; query?: Record<string, string>; status?: number; headers?: Record<string, string>; body: string }[];
}

/**
 * Replays one recorded GitHub conversation (fixtures/providers/github/scenarios/<name>.json) with
 * GitHub's headers; anything else is GitHub's 404. GET only: other methods are refused.
 */
export function githubReplay(name: string): (request: DemoRequest, base: string) => DemoResponse {
  const dir = join(packageRoot(), 'fixtures', 'providers', 'github');
  const scenario = JSON.parse(readFileSync(join(dir, 'scenarios', `${name}.json`), 'utf8')) as Scenario;
  const common = JSON.parse(readFileSync(join(dir, 'headers-common.json'), 'utf8')) as Record<string, string>;
  const body = (file: string) => readFileSync(join(dir, 'bodies', file), 'utf8');
  return (request, base) => {
    if (request.method !== 'GET') return { status: 405, headers: common, body: body('error-not-found.json') };
    const route = scenario.routes.find(
      (r) => r.request === `GET ${request.path}` && Object.entries(r.query ?? {}).every(([k, v]) => request.query.get(k) === v),
    );
    const headers = Object.fromEntries(Object.entries({ ...common, ...scenario.headers, ...route?.headers }).map(([k, v]) => [k, v.replaceAll('{{base}}', base)]));
    if (!route) return { status: 404, headers, body: body('error-not-found.json') };
    return { status: route.status ?? 200, headers, body: body(route.body) };
  };
}
