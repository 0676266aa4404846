import { scrub } from '../../core/secret.js';
import { httpRequest, ProviderCallError, retryAfterMs, type HttpResponse } from '../http.js';
import type { ProviderContext } from '../types.js';
import { RequestBudget } from './rate-limit.js';

/** How the token travels: account and workspace tokens as a Bearer, project tokens in their own header. */
export type RailwayAuth = 'bearer' | 'project';

/**
 * The answer to one GraphQL query. `ok` with `errors`: a partial result (GraphQL sends the data it
 * could resolve next to the errors of the fields it could not); the caller keeps the data and turns
 * the errors into unknowns. `unauthorized`: Railway refused the token or the resource ("Not
 * Authorized", "Project Token not found"); `failed`: some other error and no data; `unreachable`:
 * no answer (timeout, 5xx, rate limit exhausted) or not sent (the token's rate-limit budget).
 */
export type GraphQLOutcome<T> =
  | { ok: true; data: T; errors: string[] }
  | { ok: false; kind: 'unauthorized' | 'failed' | 'unreachable'; message: string };

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message?: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

// Railway answers a refused token with HTTP 200 and one of these messages (code INTERNAL_SERVER_ERROR).
const UNAUTHORIZED = /not authorized|project token not found|unauthenticated|invalid token/i;

/** Refuses anything but a named `query` document: a mutation must never leave this process. */
export function assertReadOnlyDocument(document: string): void {
  const stripped = document.replace(/#[^\n]*/g, '').trim();
  if (!/^query\s+[A-Za-z_]\w*\s*[({]/.test(stripped) || /\b(mutation|subscription)\b/.test(stripped)) {
    throw new Error('railway: refusing to send a GraphQL document that is not a read-only query');
  }
}

/** A read-only GraphQL client bound to one token and one endpoint, inside the token's rate limits. */
export class RailwayClient {
  readonly budget = new RequestBudget();

  constructor(
    readonly endpoint: string,
    private readonly secret: string,
    private readonly ctx: ProviderContext,
  ) {}

  async query<T>(document: string, variables: Record<string, unknown>, auth: RailwayAuth): Promise<GraphQLOutcome<T>> {
    assertReadOnlyDocument(document);
    const operationName = /^\s*query\s+([A-Za-z_]\w*)/.exec(document)?.[1];
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      'user-agent': 'blastradius (read-only credential audit)',
    };
    if (auth === 'bearer') headers.authorization = `Bearer ${this.secret}`;
    else headers['project-access-token'] = this.secret;
    const secrets = [this.secret];
    const clean = (text: string) => scrub(text, secrets).slice(0, 300);
    const body = JSON.stringify({ query: document, variables, operationName });
    try {
      const response = await this.#send(operationName, headers, body, secrets);
      if ('notSent' in response) return { ok: false, kind: 'unreachable', message: `${operationName}: ${response.notSent}` };
      return readAnswer<T>(response, operationName, clean);
    } catch (error) {
      if (error instanceof ProviderCallError) return { ok: false, kind: 'unreachable', message: error.message };
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
      const response = await httpRequest({ url: this.endpoint, method: 'POST', headers, body, secrets, isFinal: (status) => status === 429 }, this.ctx);
      this.budget.observe(response.headers);
      if (response.status !== 429) return response;
      const wait = retryAfterMs(response.headers.get('retry-after')) ?? 1000 * 2 ** attempt;
      if (attempt >= this.ctx.retries) throw new ProviderCallError('error', `${operation}: HTTP 429 after ${attempt + 1} attempt(s)`, 429);
      if (wait > this.ctx.maxRetryWaitMs) throw new ProviderCallError('error', `${operation}: HTTP 429, Retry-After ${Math.round(wait / 1000)}s exceeds the wait budget`, 429);
      this.budget.pause(wait);
      this.ctx.log(`railway ${operation}: HTTP 429, every request of this token waits ${wait} ms`);
    }
  }
}

function readAnswer<T>(response: HttpResponse, operationName: string | undefined, clean: (text: string) => string): GraphQLOutcome<T> {
  let body: GraphQLBody<T>;
  try {
    body = JSON.parse(response.text) as GraphQLBody<T>;
  } catch {
    if (response.status === 401 || response.status === 403) return { ok: false, kind: 'unauthorized', message: `HTTP ${response.status}` };
    return { ok: false, kind: 'failed', message: `${operationName}: HTTP ${response.status} with a body that is not JSON` };
  }
  const errors = (body.errors ?? []).map((e) => `${e.path?.length ? `${e.path.join('.')}: ` : ''}${e.message ?? 'unknown error'}`);
  const data = body.data;
  const hasData = response.status === 200 && data != null && typeof data === 'object' && Object.values(data).some((v) => v != null);
  if (hasData) return { ok: true, data: data as T, errors: errors.map(clean) };
  if (errors.length > 0) {
    const refused = (body.errors ?? []).every((e) => UNAUTHORIZED.test(e.message ?? ''));
    return { ok: false, kind: refused ? 'unauthorized' : 'failed', message: clean(`${operationName}: ${errors.join('; ')}`) };
  }
  if (response.status === 401 || response.status === 403) return { ok: false, kind: 'unauthorized', message: `${operationName}: HTTP ${response.status}` };
  return { ok: false, kind: 'failed', message: `${operationName}: HTTP ${response.status} without data` };
}
