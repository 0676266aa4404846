// An offline OpenAI API from fixtures/providers/openai/ (README: the doc page of each answer).
import { bodyAnswer, fixtureJson, header, routeByPath, type FakeResponse, type ProviderFake, type Routes } from '../fake-kit.js';

const HEADERS = (): Record<string, string> => fixtureJson('openai', 'headers.json');
/** An admin key's answers carry no openai-project header: it belongs to the organization, not a project. */
const ADMIN_HEADERS = (): Record<string, string> => Object.fromEntries(Object.entries(HEADERS()).filter(([name]) => name !== 'openai-project'));

export const openaiAnswer = (file: string, status = 200, headers: Record<string, string> = HEADERS()): FakeResponse =>
  bodyAnswer('openai', file, status, headers);

/** Every route the provider reads, answered as for a key allowed everything. */
export const openaiRoutes = (): Routes => ({
  '/v1/models': openaiAnswer('models.json'),
  '/v1/files': openaiAnswer('files.json'),
  '/v1/organization/projects': openaiAnswer('admin-projects.json', 200, ADMIN_HEADERS()),
});

/** OpenAI REST as the fixtures record it: a Bearer key among `keys`, else the documented invalid_api_key. */
export function openaiFake(keys: readonly string[], routes: Routes = openaiRoutes()): ProviderFake {
  return {
    id: 'openai',
    handler: routeByPath('openai', {
      accepts: (request) => keys.some((key) => header(request, 'authorization') === `Bearer ${key}`),
      refused: openaiAnswer('error-invalid-api-key.json', 401, {}),
      notFound: { status: 404, body: { error: { message: 'not found', type: 'invalid_request_error', code: null } } },
      routes,
    }),
  };
}
