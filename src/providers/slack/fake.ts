// An offline slack.com/api from fixtures/providers/slack/ (README: the doc page of each answer).
import { header, recordedAnswer, type FakeResponse, type ProviderFake, type RecordedRequest } from '../fake-kit.js';

/**
 * auth.test for one Bearer token, answered by `answer` (a fixture name or a response); any other
 * token gets invalid_auth. The only method the provider calls, GET with the token in the header:
 * anything else (another method, a token in the URL) counts as not read-only.
 */
export function slackFake(secret: string, answer: string | (() => FakeResponse)): ProviderFake {
  return {
    id: 'slack',
    handler: (request) => {
      if (request.path !== '/api/auth.test') return { status: 404, body: 'not found' };
      if (header(request, 'authorization') !== `Bearer ${secret}`) return recordedAnswer('slack', 'invalid-auth');
      return typeof answer === 'string' ? recordedAnswer('slack', answer) : answer();
    },
    mutating: (request: RecordedRequest) => request.method !== 'GET' || request.path !== '/api/auth.test' || request.query.has('token'),
  };
}
