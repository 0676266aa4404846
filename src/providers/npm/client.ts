import { scrub } from '../../core/secret.js';
import { httpRequest, ProviderCallError } from '../http.js';
import type { ProviderContext } from '../types.js';

/**
 * One registry answer. `rejected`: 401 (the registry does not accept the token);
 * `failed`: any other status or a body that is not JSON; `unreachable`: no answer
 * (timeout, refused connection, 5xx or 429 after the retries).
 */
export type RegistryOutcome<T> = { ok: true; data: T } | { ok: false; kind: 'rejected' | 'failed' | 'unreachable'; status?: number; message: string };

/** A read-only npm registry client bound to one token: it only ever sends GET. */
export class RegistryClient {
  constructor(
    readonly baseUrl: string,
    private readonly secret: string,
    private readonly ctx: ProviderContext,
  ) {}

  async get<T>(path: string): Promise<RegistryOutcome<T>> {
    const secrets = [this.secret];
    const what = `GET ${path.split('?')[0]}`;
    try {
      const response = await httpRequest(
        {
          url: `${this.baseUrl}${path}`,
          method: 'GET',
          headers: { authorization: `Bearer ${this.secret}`, accept: 'application/json', 'user-agent': 'blastradius (read-only credential audit)' },
          secrets,
        },
        this.ctx,
      );
      if (response.status === 401) return { ok: false, kind: 'rejected', status: 401, message: `${what}: HTTP 401` };
      if (response.status !== 200) return { ok: false, kind: 'failed', status: response.status, message: `${what}: HTTP ${response.status}` };
      try {
        return { ok: true, data: JSON.parse(response.text) as T };
      } catch {
        return { ok: false, kind: 'failed', status: response.status, message: `${what}: HTTP 200 with a body that is not JSON` };
      }
    } catch (error) {
      if (error instanceof ProviderCallError) return { ok: false, kind: 'unreachable', status: error.status, message: error.message };
      return { ok: false, kind: 'unreachable', message: scrub(`${what}: ${(error as Error).message}`, secrets) };
    }
  }
}
