import { scrub } from '../../core/secret.js';
import { httpRequest, ProviderCallError } from '../http.js';
import type { ProviderContext } from '../types.js';

/**
 * One Anthropic answer. `rejected`: 401 authentication_error (the key is not accepted);
 * `forbidden`: 403 permission_error (accepted, not allowed here); `failed`: another status
 * (e.g. 529 overloaded_error); `unreachable`: no answer (timeout, 5xx or 429 after the retries).
 */
export type AnthropicOutcome<T> =
  | { ok: true; data: T; headers: Headers }
  | { ok: false; kind: 'rejected' | 'forbidden' | 'failed' | 'unreachable'; status?: number; message: string };

interface ErrorBody {
  type?: string;
  error?: { type?: string; message?: string };
}

export const API_VERSION = '2023-06-01';

/** A read-only Anthropic API client for one key: it only sends GET. */
export class AnthropicClient {
  constructor(
    readonly baseUrl: string,
    private readonly secret: string,
    private readonly ctx: ProviderContext,
  ) {}

  async get<T>(path: string, extraHeaders: Record<string, string> = {}): Promise<AnthropicOutcome<T>> {
    const secrets = [this.secret];
    const what = `GET ${path.split('?')[0]}`;
    try {
      const response = await httpRequest(
        {
          url: `${this.baseUrl}${path}`,
          method: 'GET',
          headers: { 'x-api-key': this.secret, 'anthropic-version': API_VERSION, accept: 'application/json', ...extraHeaders },
          secrets,
        },
        this.ctx,
      );
      if (response.status === 200) {
        try {
          return { ok: true, data: JSON.parse(response.text) as T, headers: response.headers };
        } catch {
          return { ok: false, kind: 'failed', status: 200, message: `${what}: HTTP 200 with a body that is not JSON` };
        }
      }
      let type = '';
      try {
        type = (JSON.parse(response.text) as ErrorBody).error?.type ?? '';
      } catch {
        // the status alone classifies a non-JSON error body
      }
      const message = scrub(`${what}: HTTP ${response.status}${type ? ` (${type})` : ''}`, secrets);
      if (response.status === 401) return { ok: false, kind: 'rejected', status: 401, message };
      if (response.status === 403) return { ok: false, kind: 'forbidden', status: 403, message };
      return { ok: false, kind: 'failed', status: response.status, message };
    } catch (error) {
      if (error instanceof ProviderCallError) return { ok: false, kind: 'unreachable', status: error.status, message: error.message };
      return { ok: false, kind: 'unreachable', message: scrub(`${what}: ${(error as Error).message}`, secrets) };
    }
  }
}
