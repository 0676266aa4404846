// An offline SendGrid v3 API from fixtures/providers/sendgrid/ (README: the doc page of each answer).
import { bodyAnswer, header, type FakeResponse, type ProviderFake } from '../fake-kit.js';

const RATE_HEADERS = { 'x-ratelimit-limit': '500', 'x-ratelimit-remaining': '499', 'x-ratelimit-reset': '1783155600' };

export const sendgridAnswer = (file: string, status = 200, headers: Record<string, string> = {}): FakeResponse =>
  bodyAnswer('sendgrid', file, status, { ...RATE_HEADERS, ...headers });

/** SendGrid v3 for one key (`accepted`, sent as a Bearer token) holding the scopes of `scopesFile`. */
export function sendgridFake(accepted: string, scopesFile: string): ProviderFake {
  return {
    id: 'sendgrid',
    handler: (request) => {
      if (header(request, 'authorization') !== `Bearer ${accepted}`) return sendgridAnswer('error-401.json', 401);
      if (request.path === '/v3/scopes') return sendgridAnswer(scopesFile);
      if (request.path === '/v3/user/username') return sendgridAnswer('user-username.json');
      return sendgridAnswer('error-403.json', 403);
    },
  };
}
