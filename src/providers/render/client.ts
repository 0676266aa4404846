import { scrub } from '../../core/secret.js';
import { httpRequest, ProviderCallError } from '../http.js';
import type { ProviderContext } from '../types.js';

/**
 * One GET's answer. `unauthorized`: HTTP 401 with Render's error body (`{"id", "message"}`, the
 * Error schema of the API: https://api-docs.render.com/reference/authentication);
 * `forbidden`: 403; `failed`: anything else, including no answer.
 */
export type RenderAnswer<T> = { ok: true; body: T } | { ok: false; kind: 'unauthorized' | 'forbidden' | 'notFound' | 'failed'; status?: number; message: string };

/** A read-only Render API client bound to one key: GET only. */
export class RenderClient {
  constructor(
    readonly baseUrl: string,
    private readonly secret: string,
    private readonly ctx: ProviderContext,
  ) {}

  async get<T>(path: string): Promise<RenderAnswer<T>> {
    const secrets = [this.secret];
    const what = `Render GET ${path.replace(/\?.*$/, '')}`;
    const headers = { accept: 'application/json', authorization: `Bearer ${this.secret}`, 'user-agent': 'blastradius (read-only credential audit)' };
    try {
      const response = await httpRequest({ url: `${this.baseUrl}${path}`, headers, secrets }, this.ctx);
      let body: unknown;
      try {
        body = JSON.parse(response.text);
      } catch {
        return { ok: false, kind: 'failed', status: response.status, message: `${what}: HTTP ${response.status} with a body that is not JSON` };
      }
      // The OpenAPI description answers "list snapshots" with 201; both mean data.
      if (response.status === 200 || response.status === 201) return { ok: true, body: body as T };
      const error = typeof body === 'object' && body !== null ? (body as { id?: unknown; message?: unknown }) : {};
      const documented = typeof error.id === 'string' || typeof error.message === 'string';
      const kind = response.status === 401 && documented ? 'unauthorized' : response.status === 403 ? 'forbidden' : response.status === 404 ? 'notFound' : 'failed';
      return { ok: false, kind, status: response.status, message: scrub(`${what}: HTTP ${response.status}${typeof error.id === 'string' ? ` ${error.id}` : ''}`, secrets) };
    } catch (error) {
      if (error instanceof ProviderCallError) return { ok: false, kind: 'failed', status: error.status, message: error.message };
      throw error;
    }
  }
}
