// An offline GitLab REST API (/api/v4) from fixtures/providers/gitlab/ (README: the doc page of each answer).
import { header, routeByPath, type ProviderFake, type Routes } from '../fake-kit.js';

/** A token with scope api, Owner of a group, a project and its personal namespace. */
export const GITLAB_BROAD: Routes = {
  '/personal_access_tokens/self': 'self-api',
  '/user': 'user-alice',
  '/personal_access_tokens/self/associations': 'associations-broad',
};
/** A read_repository token, Reporter on one project. */
export const GITLAB_NARROW: Routes = {
  '/personal_access_tokens/self': 'self-read-repository',
  '/user': 'insufficient-scope',
  '/personal_access_tokens/self/associations': 'associations-narrow',
};

/** The API for one PRIVATE-TOKEN: recorded responses by path; any other token gets the documented 401. */
export function gitlabFake(secret: string, routes: Routes = GITLAB_BROAD): ProviderFake {
  return {
    id: 'gitlab',
    handler: routeByPath('gitlab', {
      prefix: '/api/v4',
      accepts: (request) => header(request, 'private-token') === secret,
      refused: 'unauthorized',
      notFound: 'not-found',
      routes,
    }),
  };
}
