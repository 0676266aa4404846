// An offline npm registry from fixtures/providers/npm/ (README: the doc page of each answer).
import { bodyAnswer, fixtureText, header, type ProviderFake } from '../fake-kit.js';

/** What the registry knows about the user behind the token: fixture names, or the status a listing fails with. */
export interface NpmAccount {
  user: string;
  /** The token list, one fixture per page. */
  tokens: string[] | { status: number };
  profile: string;
  packages: string | { status: number };
}

export const NPM_PUBLISHER: NpmAccount = {
  user: 'acme-release-bot',
  tokens: ['tokens-page1.json', 'tokens-page2-publish.json'],
  profile: 'profile.json',
  packages: 'user-packages.json',
};

/** The registry for the Bearer tokens `secrets`, all belonging to `account`. */
export function npmFake(secrets: readonly string[], account: NpmAccount = NPM_PUBLISHER): ProviderFake {
  const json = (file: string) => bodyAnswer('npm', file);
  return {
    id: 'npm',
    handler: (request) => {
      if (!secrets.some((s) => header(request, 'authorization') === `Bearer ${s}`)) return { status: 401, body: fixtureText('npm', 'error-401.json') };
      if (request.path === '/-/whoami') return json('whoami.json');
      if (request.path === '/-/npm/v1/tokens') {
        if (!Array.isArray(account.tokens)) return { status: account.tokens.status, body: { error: 'Forbidden' } };
        return json(account.tokens[Number(request.query.get('page') ?? 0)]);
      }
      if (request.path === '/-/npm/v1/user') return json(account.profile);
      if (request.path === `/-/user/${account.user}/package`) {
        return typeof account.packages === 'string' ? json(account.packages) : { status: account.packages.status, body: { error: 'not found' } };
      }
      if (request.path === '/-/v1/search' && request.query.get('text') === `maintainer:${account.user}`) return json('search-maintainer.json');
      return { status: 404, body: { error: 'Not found' } };
    },
  };
}
