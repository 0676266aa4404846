// An offline api.digitalocean.com from fixtures/providers/digitalocean/ (README: the doc page of each answer).
import { header, routeByPath, type ProviderFake, type Routes } from '../fake-kit.js';

/** Every listing the provider reads, answered as for a token that reads everything. */
export const DIGITALOCEAN_READS_ALL: Routes = {
  '/v2/account': 'account',
  '/v2/droplets': 'droplets',
  '/v2/volumes': 'volumes',
  '/v2/databases': 'databases',
  '/v2/snapshots': 'snapshots',
};

/** The API for one Bearer token: recorded responses by path; any other token gets the documented 401. */
export function digitaloceanFake(secret: string, routes: Routes = DIGITALOCEAN_READS_ALL): ProviderFake {
  return {
    id: 'digitalocean',
    handler: routeByPath('digitalocean', {
      accepts: (request) => header(request, 'authorization') === `Bearer ${secret}`,
      refused: 'unauthorized',
      notFound: { status: 404, body: { id: 'not_found', message: 'The resource you were accessing could not be found.' } },
      routes,
    }),
  };
}
