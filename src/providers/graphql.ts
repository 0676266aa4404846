// GraphQL answers over HTTP (https://spec.graphql.org/October2021/#sec-Response-Format): `data`
// with the fields that resolved, `errors` for those that did not, often both (a partial result).
import { scrub } from '../core/secret.js';
import type { HttpResponse } from './http.js';
import type { Outcome } from './outcome.js';
import { assertQueryOnly } from './read-only.js';

/** A GraphQL answer: `errors` next to `data` is a partial result; the caller keeps the data and turns the errors into unknowns. */
export type GraphQLAnswer<T> = Outcome<T, { errors: string[] }>;

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message?: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

/** The POST body of one query, refused before anything is built unless the document is query-only. */
export function graphqlBody(document: string, variables: Record<string, unknown>): { body: string; operationName?: string } {
  const operations = assertQueryOnly(document);
  const operationName = operations.length === 1 ? operations[0].name : undefined;
  return { body: JSON.stringify({ query: document, variables, operationName }), operationName };
}

/**
 * Reads a GraphQL answer. `refused(messages)` is the provider's own reading of errors that come
 * without data: true when they say the credential was refused (`invalid` for this call).
 */
export function readGraphQL<T>(
  response: HttpResponse,
  operationName: string | undefined,
  secrets: readonly string[],
  refused: (messages: string[]) => boolean,
): GraphQLAnswer<T> {
  const clean = (text: string) => scrub(text, secrets).slice(0, 300);
  const { status } = response;
  let body: GraphQLBody<T>;
  try {
    body = JSON.parse(response.text) as GraphQLBody<T>;
  } catch {
    // A GraphQL server answers in JSON; a 401/403 page that is not JSON comes from something in front of it
    // (a proxy, a bot wall), which cannot say the credential is invalid.
    return { ok: false, kind: 'error', reason: `${operationName}: HTTP ${status} with a body that is not JSON`, status };
  }
  const errors = (body.errors ?? []).map((e) => `${e.path?.length ? `${e.path.join('.')}: ` : ''}${e.message ?? 'unknown error'}`);
  const data = body.data;
  const hasData = status === 200 && data != null && typeof data === 'object' && Object.values(data).some((v) => v != null);
  if (hasData) return { ok: true, data: data as T, errors: errors.map(clean) };
  if (errors.length > 0) {
    const kind = refused((body.errors ?? []).map((e) => e.message ?? '')) ? 'invalid' : 'error';
    return { ok: false, kind, reason: clean(`${operationName}: ${errors.join('; ')}`), status, body };
  }
  // 401 is the server refusing the credential; a 403 says it was known but not allowed this call (never invalid).
  if (status === 401) return { ok: false, kind: 'invalid', reason: `${operationName}: HTTP ${status}`, status };
  return { ok: false, kind: 'error', reason: `${operationName}: HTTP ${status} without data`, status };
}
