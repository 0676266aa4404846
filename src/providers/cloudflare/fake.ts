// An offline api.cloudflare.com/client/v4 from fixtures/providers/cloudflare/ (README: the doc page of each answer).
import { header, routeByPath, type ProviderFake, type RecordedRequest, type Routes } from '../fake-kit.js';

/** A user API token whose policies are readable (token-details-broad.json). */
export const CLOUDFLARE_USER_TOKEN: Routes = {
  '/user/tokens/verify': 'verify-active',
  '/accounts': 'accounts',
  '/zones': 'zones',
  '/user/tokens/f267e341f3dd4697bd3b9f71dd96247f': 'token-details-broad',
};

/** Accepts an API token sent as `Authorization: Bearer`. */
export const bearer = (token: string) => (request: RecordedRequest) => header(request, 'authorization') === `Bearer ${token}`;
/** Accepts a global API key sent with its owner's email (X-Auth-Key, X-Auth-Email), never with a Bearer header. */
export const globalKey = (key: string, email: string) => (request: RecordedRequest) =>
  header(request, 'x-auth-key') === key && header(request, 'x-auth-email') === email && request.headers.authorization === undefined;

/** The API for the credential `accepts` recognises: recorded responses by path; any other gets 1000 Invalid API Token. */
export function cloudflareFake(accepts: (request: RecordedRequest) => boolean, routes: Routes = CLOUDFLARE_USER_TOKEN): ProviderFake {
  return {
    id: 'cloudflare',
    handler: routeByPath('cloudflare', {
      prefix: '/client/v4',
      accepts,
      refused: 'invalid-token',
      notFound: (request) => ({
        status: 404,
        body: { success: false, errors: [{ code: 7003, message: `Could not route to ${request.path}` }], messages: [], result: null },
      }),
      routes,
    }),
  };
}
