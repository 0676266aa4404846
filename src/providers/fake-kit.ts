// The fake kit: what a provider's fake (src/providers/<id>/fake.ts) is made of. A fake answers
// from recorded-shape responses under fixtures/providers/<id>/ (whose README cites the doc page
// each one follows), says which requests would have changed something, and how the provider is
// pointed at it. The provider tests (test/helpers/provider-harness.ts) and `blastradius demo` run
// the same fakes on the same server (fake-server.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/paths.js';
import { FakeServer, type FakeHandler, type FakeResponse, type RecordedRequest } from './fake-server.js';
import type { DemoFake } from './types.js';

export type { FakeHandler, FakeResponse, RecordedRequest } from './fake-server.js';

/** One provider's offline stand-in. */
export interface ProviderFake {
  /** The provider it stands in for (its folder under src/providers/ and fixtures/providers/). */
  id: string;
  handler: FakeHandler;
  /** Whether a request would change something at the provider. Default: any method but GET and HEAD. */
  mutating?: (request: RecordedRequest) => boolean;
  /** Environment that points the provider at the fake's `url`. Default: BLASTRADIUS_<ID>_API_URL. */
  env?: (url: string) => Record<string, string>;
}

/** REST: GET and HEAD read; every other method creates, changes or deletes. */
export const notGetOrHead = (request: RecordedRequest): boolean => request.method !== 'GET' && request.method !== 'HEAD';

export function isMutating(fake: ProviderFake, request: RecordedRequest): boolean {
  return (fake.mutating ?? notGetOrHead)(request);
}

export function fakeEnv(fake: ProviderFake, url: string): Record<string, string> {
  return fake.env?.(url) ?? { [`BLASTRADIUS_${fake.id.toUpperCase().replace(/-/g, '_')}_API_URL`]: url };
}

export function fixturePath(id: string, name: string): string {
  return join(packageRoot(), 'fixtures', 'providers', id, name);
}

export function fixtureText(id: string, name: string): string {
  return readFileSync(fixturePath(id, name), 'utf8');
}

export function fixtureJson<T = unknown>(id: string, name: string): T {
  return JSON.parse(fixtureText(id, name)) as T;
}

/** A response recorded whole (`{ status, headers, body }`) in fixtures/providers/<id>/<name>.json. */
export function recordedAnswer(id: string, name: string): FakeResponse {
  return fixtureJson<FakeResponse>(id, `${name}.json`);
}

/** A recorded JSON body (fixtures/providers/<id>/<file>), answered with `status` and `headers`. */
export function bodyAnswer(id: string, file: string, status = 200, headers: Record<string, string> = {}): FakeResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: fixtureText(id, file) };
}

/** A route's answer: a fixture name, a response, or a function of the request (undefined: not found). */
export type Route = string | FakeResponse | ((request: RecordedRequest) => FakeResponse | undefined);
export type Routes = Readonly<Record<string, Route>>;

export interface PathRouting {
  /** How a fixture name becomes a response. Default: recordedAnswer(id, name). */
  answer?: (name: string) => FakeResponse;
  /** The API's path prefix (e.g. /api/v4), stripped before the routes are looked up. */
  prefix?: string;
  /** Whether the request carries a credential the fake knows; otherwise it gets `refused`. */
  accepts?: (request: RecordedRequest) => boolean;
  refused?: Route;
  /** The provider's own answer to a path it does not serve. */
  notFound: Route;
  routes: Routes;
}

/** A REST API as the fixtures record it: refused without a known credential, then one answer per path. */
export function routeByPath(id: string, routing: PathRouting): FakeHandler {
  const answer = routing.answer ?? ((name: string) => recordedAnswer(id, name));
  const resolve = (route: Route, request: RecordedRequest): FakeResponse | undefined =>
    typeof route === 'string' ? answer(route) : typeof route === 'function' ? route(request) : route;
  return (request) => {
    if (routing.accepts && !routing.accepts(request)) return resolve(routing.refused ?? routing.notFound, request) ?? { status: 401 };
    const prefix = routing.prefix ?? '';
    const path = request.path.startsWith(prefix) ? request.path.slice(prefix.length) : undefined;
    const route = path === undefined ? undefined : routing.routes[path];
    return (route === undefined ? undefined : resolve(route, request)) ?? resolve(routing.notFound, request) ?? { status: 404 };
  };
}

/** The header value a request carried (the first, when repeated). */
export function header(request: RecordedRequest, name: string): string | undefined {
  return [request.headers[name]].flat()[0];
}

/** Starts a fake for `blastradius demo` on 127.0.0.1: the manifest's `demo` hook returns this. */
export async function startDemoFake(name: string, fake: ProviderFake, extraEnv: Record<string, string> = {}): Promise<DemoFake> {
  const server = await new FakeServer(fake.handler).start();
  return {
    name,
    env: { ...fakeEnv(fake, server.url), ...extraEnv },
    requests: () => server.requests,
    mutating: (request) => isMutating(fake, request),
    stop: () => server.stop(),
  };
}
