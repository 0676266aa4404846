// An offline Anthropic API from fixtures/providers/anthropic/ (README: the doc page of each answer).
import { bodyAnswer, fixtureJson, header, routeByPath, type FakeResponse, type ProviderFake, type RecordedRequest, type Routes } from '../fake-kit.js';

const HEADERS = (): Record<string, string> => fixtureJson('anthropic', 'headers.json');
export const anthropicAnswer = (file: string, status = 200, headers: Record<string, string> = HEADERS()): FakeResponse =>
  bodyAnswer('anthropic', file, status, headers);

/** Admin-only routes refuse a standard key the way the Admin API does (403 permission_error). */
const adminOnly = (adminKey: string, file: string) => (request: RecordedRequest) =>
  header(request, 'x-api-key') === adminKey ? anthropicAnswer(file) : anthropicAnswer('error-permission.json', 403);

/** Every route the provider reads; only `adminKey` may read the organization. */
export function anthropicRoutes(adminKey: string): Routes {
  return {
    '/v1/models': () => anthropicAnswer('models.json'),
    // The Files API is a beta: without its anthropic-beta header it answers 400.
    '/v1/files': (request) =>
      header(request, 'anthropic-beta') === 'files-api-2025-04-14' ? anthropicAnswer('files.json') : anthropicAnswer('error-permission.json', 400),
    '/v1/organizations/me': adminOnly(adminKey, 'organization-me.json'),
    '/v1/organizations/workspaces': adminOnly(adminKey, 'workspaces.json'),
  };
}

/** The Anthropic API as the fixtures record it: x-api-key among `keys`, and the pinned anthropic-version. */
export function anthropicFake(keys: readonly string[], routes: Routes): ProviderFake {
  const answer = routeByPath('anthropic', {
    accepts: (request) => keys.includes(header(request, 'x-api-key') ?? ''),
    refused: () => anthropicAnswer('error-authentication.json', 401, {}),
    notFound: { status: 404, body: { type: 'error', error: { type: 'not_found_error', message: 'Not found' } } },
    routes,
  });
  return {
    id: 'anthropic',
    handler: (request, base) =>
      header(request, 'anthropic-version') === '2023-06-01'
        ? answer(request, base)
        : { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'anthropic-version header is required' } } },
  };
}
