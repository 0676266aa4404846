import { httpRequest, ProviderCallError, retryAfterMs, type HttpResponse } from '../http.js';
import { failureOf } from '../outcome.js';
import { graphqlBody, readGraphQL, type GraphQLAnswer } from '../graphql.js';
import { assertQueryOnly, ReadOnlyViolation } from '../read-only.js';
import type { ProviderContext } from '../types.js';
import { RequestBudget } from './rate-limit.js';

/** How the token travels: account and workspace tokens as a Bearer, project tokens in their own header. */
export type RailwayAuth = 'bearer' | 'project';

// Railway answers a refused token with HTTP 200 and one of these messages (code INTERNAL_SERVER_ERROR).
const UNAUTHORIZED = /not authorized|project token not found|unauthenticated|invalid token/i;

/** Refuses anything but one named `query` (the shared guard, plus the name Railway's answers are labelled with). */
export function assertReadOnlyDocument(document: string): void {
  const operations = assertQueryOnly(document);
  if (operations.length !== 1 || !operations[0].name)
    throw new ReadOnlyViolation('railway: refusing to send a GraphQL document that is not one named read-only query');
}

/** A read-only GraphQL client bound to one token and one endpoint, inside the token's rate limits. */
export class RailwayClient {
  readonly budget = new RequestBudget();

  constructor(
    readonly endpoint: string,
    private readonly secret: string,
    private readonly ctx: ProviderContext,
  ) {}

  async query<T>(document: string, variables: Record<string, unknown>, auth: RailwayAuth): Promise<GraphQLAnswer<T>> {
    assertReadOnlyDocument(document);
    const { body, operationName } = graphqlBody(document, variables);
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (auth === 'bearer') headers.authorization = `Bearer ${this.secret}`;
    else headers['project-access-token'] = this.secret;
    const secrets = [this.secret];
    try {
      const response = await this.#send(operationName, headers, body, secrets);
      if ('notSent' in response) return { ok: false, kind: 'unverified', reason: `${operationName}: ${response.notSent}` };
      return readGraphQL<T>(response, operationName, secrets, (messages) => messages.every((m) => UNAUTHORIZED.test(m)));
    } catch (error) {
      if (error instanceof ProviderCallError) return failureOf(error, `${operationName}`, secrets);
      throw error;
    }
  }

  /**
   * Sends within the budget. A 429 is handled here rather than in httpRequest so that its
   * Retry-After pauses every request of this token, not only the one that got it.
   */
  async #send(operation: string | undefined, headers: Record<string, string>, body: string, secrets: string[]): Promise<HttpResponse | { notSent: string }> {
    for (let attempt = 0; ; attempt++) {
      const refused = this.budget.take();
      if (refused) return { notSent: refused };
      await this.budget.pace();
      const response = await httpRequest(
        { url: this.endpoint, method: 'POST', graphql: true, headers, body, secrets, isFinal: (status) => status === 429 },
        this.ctx,
      );
      this.budget.observe(response.headers);
      if (response.status !== 429) return response;
      const wait = retryAfterMs(response.headers.get('retry-after')) ?? 1000 * 2 ** attempt;
      if (attempt >= this.ctx.retries) throw new ProviderCallError('error', `${operation}: HTTP 429 after ${attempt + 1} attempt(s)`, 429);
      if (wait > this.ctx.maxRetryWaitMs)
        throw new ProviderCallError('error', `${operation}: HTTP 429, Retry-After ${Math.round(wait / 1000)}s exceeds the wait budget`, 429);
      this.budget.pause(wait);
      this.ctx.log(`railway ${operation}: HTTP 429, every request of this token waits ${wait} ms`);
    }
  }
}
