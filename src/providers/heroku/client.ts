import { scrub } from '../../core/secret.js';
import { httpRequest, ProviderCallError } from '../http.js';
import type { ProviderContext } from '../types.js';

/**
 * One GET's answer. `unauthorized`: HTTP 401 with the documented error body `{"id": "unauthorized"}`
 * (https://devcenter.heroku.com/articles/platform-api-reference#error-responses); `forbidden`: 403;
 * `failed`: anything else, including no answer. `more`: Heroku sent Next-Range (more items).
 */
export type HerokuAnswer<T> =
  | { ok: true; body: T; more: boolean }
  | { ok: false; kind: 'unauthorized' | 'forbidden' | 'failed'; status?: number; id?: string; message: string };

/** A read-only Platform API client bound to one token: GET only, version 3, one Range page (max 1000). */
export class HerokuClient {
  constructor(
    readonly baseUrl: string,
    private readonly secret: string,
    private readonly ctx: ProviderContext,
  ) {}

  async get<T>(path: string, range?: string): Promise<HerokuAnswer<T>> {
    const secrets = [this.secret];
    const what = `Heroku GET ${path}`;
    const headers: Record<string, string> = {
      accept: 'application/vnd.heroku+json; version=3',
      authorization: `Bearer ${this.secret}`,
      'user-agent': 'blastradius (read-only credential audit)',
    };
    if (range) headers.range = range;
    try {
      const response = await httpRequest({ url: `${this.baseUrl}${path}`, headers, secrets }, this.ctx);
      let body: unknown;
      try {
        body = JSON.parse(response.text);
      } catch {
        return { ok: false, kind: 'failed', status: response.status, message: `${what}: HTTP ${response.status} with a body that is not JSON` };
      }
      // 206 Partial Content is how Heroku answers a ranged list that has more pages.
      if (response.status === 200 || response.status === 206) return { ok: true, body: body as T, more: Boolean(response.headers.get('next-range')) };
      const id = typeof (body as { id?: unknown })?.id === 'string' ? (body as { id: string }).id : undefined;
      const kind = response.status === 401 && id === 'unauthorized' ? 'unauthorized' : response.status === 403 ? 'forbidden' : 'failed';
      return { ok: false, kind, status: response.status, id, message: scrub(`${what}: HTTP ${response.status}${id ? ` ${id}` : ''}`, secrets) };
    } catch (error) {
      if (error instanceof ProviderCallError) return { ok: false, kind: 'failed', status: error.status, message: error.message };
      throw error;
    }
  }
}
