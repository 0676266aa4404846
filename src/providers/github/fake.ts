// An offline GitHub REST API replaying recorded conversations: fixtures/providers/github/scenarios/
// (README: the doc page of each answer and header), with GitHub's common headers and bodies.
import { fixtureJson, fixtureText, startDemoFake, type FakeResponse, type ProviderFake, type RecordedRequest } from '../fake-kit.js';
import type { DemoFake } from '../types.js';

/** One recorded exchange: `request` is `METHOD /path`; `query` must match when given. */
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

/** A GitHub REST answer: the common headers, the given ones (`{{base}}` is the API URL), a body from bodies/. */
export function githubAnswer(status: number, body: string, headers: Record<string, string> = {}, base = ''): FakeResponse {
  const common = fixtureJson<Record<string, string>>('github', 'headers-common.json');
  const expanded = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replaceAll('{{base}}', base)]));
  return { status, headers: { ...common, ...expanded }, body: fixtureText('github', `bodies/${body}`) };
}

/** Answers some requests differently (rate limits, failures); `undefined` lets the scenario answer. */
export type GithubOverride = (request: RecordedRequest) => FakeResponse | undefined;

/**
 * Replays scenarios/<name>.json; anything else is GitHub's 404. `prefix` is the API path prefix
 * (GitHub Enterprise Server serves the API under /api/v3); `overrides` answer first.
 */
export function githubFake(name: string, options: { prefix?: string; overrides?: GithubOverride } = {}): ProviderFake {
  const scenario = fixtureJson<Scenario>('github', `scenarios/${name}.json`);
  const prefix = options.prefix ?? '';
  return {
    id: 'github',
    env: (url) => ({ GITHUB_API_URL: url + prefix }),
    handler: (request, base) => {
      const override = options.overrides?.(request);
      if (override) return override;
      if (!request.path.startsWith(prefix)) return githubAnswer(404, 'error-not-found.json');
      const path = request.path.slice(prefix.length);
      const route = scenario.routes.find(
        (r) => r.request === `${request.method} ${path}` && Object.entries(r.query ?? {}).every(([k, v]) => request.query.get(k) === v),
      );
      if (!route) return githubAnswer(404, 'error-not-found.json', scenario.headers);
      return githubAnswer(route.status ?? 200, route.body, { ...scenario.headers, ...route.headers }, base + prefix);
    },
  };
}

/** The demo's GitHub: the token in fixtures/demo/.env is an OAuth token with public_repo only. */
export function startDemo(): Promise<DemoFake> {
  return startDemoFake('GitHub', githubFake('oauth-narrow'));
}
