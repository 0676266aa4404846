// Two read-only Fly.io APIs. The Machines API (https://fly.io/docs/machines/api/working-with-machines-api/:
// public base https://api.machines.dev, "401: The API key used was missing or invalid") lists apps,
// volumes and snapshots with GETs. The GraphQL API (https://api.fly.io/graphql, schema:
// github.com/superfly/fly-go schema.graphql) is asked one query: who the token is and its orgs.
// BLASTRADIUS_FLY_API_URL (or --api-url fly=…) points both at one host: /graphql and /v1/….
import { scrub } from '../../core/secret.js';
import { graphqlBody, readGraphQL, type GraphQLAnswer } from '../graphql.js';
import { apiBaseUrl, httpRequest, ProviderCallError } from '../http.js';
import { failureOf, type Outcome } from '../outcome.js';
import { assertQueryOnly, ReadOnlyViolation } from '../read-only.js';
import { restApi, type RestApi } from '../rest.js';
import type { ProviderContext } from '../types.js';

export const GRAPHQL_URL = 'https://api.fly.io/graphql';
export const MACHINES_URL = 'https://api.machines.dev';

/** Refuses anything but one named `query` (the shared guard, plus the name Fly.io's answers are labelled with). */
export function assertReadOnlyDocument(document: string): void {
  const operations = assertQueryOnly(document);
  if (operations.length !== 1 || !operations[0].name)
    throw new ReadOnlyViolation('fly: refusing to send a GraphQL document that is not one named read-only query');
}

export class FlyClient {
  readonly graphqlUrl: string;
  readonly machinesUrl: string;
  readonly overridden: boolean;
  readonly #machines: RestApi;

  constructor(
    private readonly header: string,
    private readonly secrets: readonly string[],
    private readonly ctx: ProviderContext,
  ) {
    const base = apiBaseUrl('fly', ctx, '');
    this.overridden = base.overridden;
    this.graphqlUrl = base.overridden ? `${base.url}/graphql` : GRAPHQL_URL;
    this.machinesUrl = base.overridden ? base.url : MACHINES_URL;
    const clean = (text: string) => scrub(text, secrets).slice(0, 300);
    this.#machines = restApi(
      {
        baseUrl: `${this.machinesUrl}/v1`,
        headers: { authorization: header, accept: 'application/json' },
        secrets,
        // A failure's reason is the Machines API's own error text, or the status: callers put it after the path they asked.
        read: ({ status, body }) => {
          if (status === 200) return body === undefined ? { kind: 'error', reason: 'a body that is not JSON' } : undefined;
          return { kind: status === 401 ? 'invalid' : 'error', reason: clean(errorText(body) ?? `HTTP ${status}`) };
        },
      },
      ctx,
    );
  }

  /** A GET on the Machines API (`path` after /v1). `invalid`: its documented 401, the token missing or invalid. */
  get<T>(path: string): Promise<Outcome<T>> {
    return this.#machines.get<T>(path);
  }

  /**
   * One GraphQL query. Fly.io's GraphQL errors name no refusal it documents, so none is read as one;
   * whatever kind an answer without data gets, the verdict asks the Machines API first (index.ts).
   */
  async query<T>(document: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer<T>> {
    assertReadOnlyDocument(document);
    const { body, operationName } = graphqlBody(document, variables);
    try {
      const response = await httpRequest(
        {
          url: this.graphqlUrl,
          method: 'POST',
          graphql: true,
          headers: { authorization: this.header, accept: 'application/json', 'content-type': 'application/json' },
          body,
          secrets: this.secrets,
        },
        this.ctx,
      );
      return readGraphQL<T>(response, operationName, this.secrets, () => false);
    } catch (error) {
      if (error instanceof ProviderCallError) return failureOf(error, `${operationName}`, this.secrets);
      throw error;
    }
  }
}

// Machines API errors: {"error": "...", "status": "..."} (github.com/superfly/fly-go flaps/flaps_error.go).
function errorText(body: unknown): string | undefined {
  const error = (body as { error?: unknown } | null | undefined)?.error;
  return typeof error === 'string' ? error : undefined;
}
