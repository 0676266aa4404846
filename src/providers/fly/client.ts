// Two read-only Fly.io APIs. The Machines API (https://fly.io/docs/machines/api/working-with-machines-api/:
// public base https://api.machines.dev, "401: The API key used was missing or invalid") lists apps,
// volumes and snapshots with GETs. The GraphQL API (https://api.fly.io/graphql, schema:
// github.com/superfly/fly-go schema.graphql) is asked one query: who the token is and its orgs.
// BLASTRADIUS_FLY_API_URL (or --api-url fly=…) points both at one host: /graphql and /v1/….
import { scrub } from '../../core/secret.js';
import { apiBaseUrl, httpRequest, ProviderCallError, type HttpResponse } from '../http.js';
import type { ProviderContext } from '../types.js';

export const GRAPHQL_URL = 'https://api.fly.io/graphql';
export const MACHINES_URL = 'https://api.machines.dev';

export type GraphQLAnswer<T> = { ok: true; data: T; errors: string[] } | { ok: false; status: number; message: string };

/** Refuses anything but a named `query` document: no mutation or subscription ever leaves this process. */
export function assertReadOnlyDocument(document: string): void {
  const stripped = document.replace(/#[^\n]*/g, '').trim();
  if (!/^query\s+[A-Za-z_]\w*\s*[({]/.test(stripped) || /\b(mutation|subscription)\b/.test(stripped)) {
    throw new Error('fly: refusing to send a GraphQL document that is not a read-only query');
  }
}

export class FlyClient {
  readonly graphqlUrl: string;
  readonly machinesUrl: string;
  readonly overridden: boolean;

  constructor(
    private readonly header: string,
    private readonly secrets: readonly string[],
    private readonly ctx: ProviderContext,
  ) {
    const base = apiBaseUrl('fly', ctx, '');
    this.overridden = base.overridden;
    this.graphqlUrl = base.overridden ? `${base.url}/graphql` : GRAPHQL_URL;
    this.machinesUrl = base.overridden ? base.url : MACHINES_URL;
  }

  /** A GET on the Machines API: the status and parsed body (undefined when it is not JSON). Throws ProviderCallError when Fly.io did not answer. */
  async get<T>(path: string): Promise<{ status: number; body: T | undefined; message: string }> {
    const response = await httpRequest({ url: `${this.machinesUrl}/v1${path}`, headers: this.#headers(), secrets: this.secrets }, this.ctx);
    const body = parse<T>(response);
    return { status: response.status, body, message: this.#clean(errorText(body) ?? `HTTP ${response.status}`) };
  }

  async query<T>(document: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer<T>> {
    assertReadOnlyDocument(document);
    const operationName = /^\s*query\s+([A-Za-z_]\w*)/.exec(document)?.[1];
    const response = await httpRequest(
      { url: this.graphqlUrl, method: 'POST', headers: { ...this.#headers(), 'content-type': 'application/json' }, body: JSON.stringify({ query: document, variables, operationName }), secrets: this.secrets },
      this.ctx,
    );
    const body = parse<{ data?: T | null; errors?: { message?: string }[] }>(response);
    const errors = (body?.errors ?? []).map((e) => this.#clean(e.message ?? 'unknown error'));
    if (response.status === 200 && body?.data && Object.values(body.data).some((v) => v != null)) return { ok: true, data: body.data, errors };
    return { ok: false, status: response.status, message: errors.join('; ') || this.#clean(`HTTP ${response.status}${body ? '' : ' with a body that is not JSON'}`) };
  }

  #headers(): Record<string, string> {
    return { authorization: this.header, accept: 'application/json', 'user-agent': 'blastradius (read-only credential audit)' };
  }

  #clean(text: string): string {
    return scrub(text, this.secrets).slice(0, 300);
  }
}

function parse<T>(response: HttpResponse): T | undefined {
  try {
    return JSON.parse(response.text) as T;
  } catch {
    return undefined;
  }
}

// Machines API errors: {"error": "...", "status": "..."} (github.com/superfly/fly-go flaps/flaps_error.go).
function errorText(body: unknown): string | undefined {
  const error = (body as { error?: unknown } | undefined)?.error;
  return typeof error === 'string' ? error : undefined;
}

export { ProviderCallError };
