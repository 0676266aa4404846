import { scrub } from '../../core/secret.js';
import { httpRequest, ProviderCallError } from '../http.js';
import type { ProviderContext } from '../types.js';

/** How the token travels: account and workspace tokens as a Bearer, project tokens in their own header. */
export type RailwayAuth = 'bearer' | 'project';

/**
 * The answer to one GraphQL query. `unauthorized`: Railway refused the token or the resource
 * ("Not Authorized", "Project Token not found"); `failed`: it answered with some other error;
 * `unreachable`: it did not answer (timeout, 5xx, rate limit exhausted).
 */
export type GraphQLOutcome<T> = { ok: true; data: T } | { ok: false; kind: 'unauthorized' | 'failed' | 'unreachable'; message: string };

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message?: string; extensions?: { code?: string } }[];
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

/** A read-only GraphQL client bound to one token and one endpoint. */
export class RailwayClient {
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
    try {
      const response = await httpRequest(
        { url: this.endpoint, method: 'POST', headers, body: JSON.stringify({ query: document, variables, operationName }), secrets },
        this.ctx,
      );
      const clean = (text: string) => scrub(text, secrets).slice(0, 300);
      let body: GraphQLBody<T>;
      try {
        body = JSON.parse(response.text) as GraphQLBody<T>;
      } catch {
        if (response.status === 401 || response.status === 403) return { ok: false, kind: 'unauthorized', message: `HTTP ${response.status}` };
        return { ok: false, kind: 'failed', message: `${operationName}: HTTP ${response.status} with a body that is not JSON` };
      }
      const messages = (body.errors ?? []).map((e) => e.message ?? 'unknown error');
      if (messages.length > 0) {
        const refused = messages.every((m) => UNAUTHORIZED.test(m));
        return { ok: false, kind: refused ? 'unauthorized' : 'failed', message: clean(`${operationName}: ${messages.join('; ')}`) };
      }
      if (response.status === 401 || response.status === 403) return { ok: false, kind: 'unauthorized', message: `${operationName}: HTTP ${response.status}` };
      if (response.status !== 200 || body.data == null) {
        return { ok: false, kind: 'failed', message: `${operationName}: HTTP ${response.status} without data` };
      }
      return { ok: true, data: body.data };
    } catch (error) {
      if (error instanceof ProviderCallError) return { ok: false, kind: 'unreachable', message: error.message };
      throw error;
    }
  }
}
