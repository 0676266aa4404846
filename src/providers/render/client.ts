// Render API v1 (https://api-docs.render.com): Bearer API keys; errors come as the API's Error schema
// `{"id", "message"}` (https://api-docs.render.com/reference/authentication).
import { bearerHeaders, restApi, type RestApi } from '../rest.js';
import type { ProviderContext } from '../types.js';

/**
 * The Render API of one key, on the shared REST client: GET only. `invalid` only for HTTP 401 with
 * Render's error body; a 401 without it (a proxy's page) is `error`. Reasons read
 * `Render GET <path>: HTTP <status> <id>`.
 */
export function renderApi(baseUrl: string, secret: string, ctx: ProviderContext): RestApi {
  return restApi(
    {
      baseUrl,
      headers: bearerHeaders(secret),
      secrets: [secret],
      label: 'Render GET',
      // The OpenAPI description answers "list snapshots" with 201; both mean data.
      dataStatuses: [200, 201],
      read: ({ status, body, what }) => {
        if (status === 200 || status === 201) return undefined;
        if (body === undefined) return { kind: 'error', reason: `${what}: HTTP ${status} with a body that is not JSON` };
        const error = typeof body === 'object' && body !== null ? (body as { id?: unknown; message?: unknown }) : {};
        const id = typeof error.id === 'string' ? error.id : undefined;
        const documented = id !== undefined || typeof error.message === 'string';
        return { kind: status === 401 && documented ? 'invalid' : 'error', reason: `${what}: HTTP ${status}${id ? ` ${id}` : ''}`, code: id };
      },
    },
    ctx,
  );
}
