// An offline TemplateName API from fixtures/providers/_template/ (README: the doc page of each answer).
import { header, routeByPath, type ProviderFake, type Routes } from '../fake-kit.js';

/** Every call the provider makes, answered as for a live key. */
export const _TEMPLATE_LIVE: Routes = { '/v1/me': 'me' };

/** The API for one Bearer key: recorded responses by path; any other key gets the documented 401. */
export function _templateFake(key: string, routes: Routes = _TEMPLATE_LIVE): ProviderFake {
  return {
    id: '_template',
    handler: routeByPath('_template', {
      accepts: (request) => header(request, 'authorization') === `Bearer ${key}`,
      refused: 'unauthorized',
      notFound: { status: 404, body: { error: 'not found' } },
      routes,
    }),
  };
}
