// An offline api.stripe.com from fixtures/providers/stripe/ (README: the doc page of each answer).
import { header, routeByPath, type ProviderFake, type Routes } from '../fake-kit.js';

/** The API for one Bearer key: recorded responses by path; any other key gets the documented 401. */
export function stripeFake(key: string, routes: Routes): ProviderFake {
  return {
    id: 'stripe',
    handler: routeByPath('stripe', {
      accepts: (request) => header(request, 'authorization') === `Bearer ${key}`,
      refused: 'invalid-key',
      notFound: (request) => ({ status: 404, body: { error: { message: `Unrecognized request URL (GET: ${request.path}).`, type: 'invalid_request_error' } } }),
      routes,
    }),
  };
}
