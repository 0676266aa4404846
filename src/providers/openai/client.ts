import { scrub } from '../../core/secret.js';
import { httpRequest, ProviderCallError } from '../http.js';
import type { ProviderContext } from '../types.js';

/**
 * One OpenAI answer. `rejected`: the key is not accepted (401 invalid_api_key);
 * `restricted`: the key is accepted but lacks a scope ("Missing scopes: …");
 * `no-quota`: 429 insufficient_quota, a valid key whose organisation has no credit;
 * `failed`: another status; `unreachable`: no answer (timeout, 5xx or 429 after the retries).
 */
export type OpenAIOutcome<T> =
  | { ok: true; data: T; headers: Headers }
  | { ok: false; kind: 'rejected' | 'restricted' | 'no-quota' | 'failed' | 'unreachable'; status?: number; message: string };

interface ErrorBody {
  error?: { message?: string; type?: string; code?: string | null };
}

const INSUFFICIENT = /missing scopes?:|insufficient permissions/i;
const MISSING_SCOPES = /missing scopes?:\s*([\w.]+(?:,\s*[\w.]+)*)/i;

/** A read-only OpenAI REST client for one key: it only sends GET. */
export class OpenAIClient {
  constructor(
    readonly baseUrl: string,
    private readonly secret: string,
    private readonly ctx: ProviderContext,
  ) {}

  async get<T>(path: string): Promise<OpenAIOutcome<T>> {
    const url = `${this.baseUrl}${path}`;
    const headers = { authorization: `Bearer ${this.secret}`, accept: 'application/json' };
    const what = `GET ${path.split('?')[0]}`;
    try {
      const response = await httpRequest({ url, method: 'GET', headers, secrets: [this.secret], isFinal: (status, text) => status === 429 && errorOf(text).code === 'insufficient_quota' }, this.ctx);
      if (response.status === 200) {
        try {
          return { ok: true, data: JSON.parse(response.text) as T, headers: response.headers };
        } catch {
          return { ok: false, kind: 'failed', status: 200, message: `${what}: HTTP 200 with a body that is not JSON` };
        }
      }
      return this.classify(what, response.status, response.text);
    } catch (error) {
      if (!(error instanceof ProviderCallError)) return { ok: false, kind: 'unreachable', message: this.clean(`${what}: ${(error as Error).message}`) };
      return { ok: false, kind: 'unreachable', status: error.status, message: error.message };
    }
  }

  private classify(what: string, status: number, text: string): OpenAIOutcome<never> {
    const error = errorOf(text);
    const code = error.code ?? error.type ?? '';
    if (status === 429 && (error.code === 'insufficient_quota' || error.type === 'insufficient_quota')) {
      return { ok: false, kind: 'no-quota', status, message: `${what}: HTTP 429 insufficient_quota` };
    }
    if ((status === 401 || status === 403) && INSUFFICIENT.test(error.message ?? '')) {
      const missing = MISSING_SCOPES.exec(error.message ?? '')?.[1]?.replace(/\.$/, '');
      return { ok: false, kind: 'restricted', status, message: `${what}: HTTP ${status}, ${missing ? `missing scopes ${missing}` : 'insufficient permissions'}` };
    }
    if (status === 401) return { ok: false, kind: 'rejected', status, message: `${what}: HTTP 401${code ? ` (${code})` : ''}` };
    return { ok: false, kind: 'failed', status, message: this.clean(`${what}: HTTP ${status}${code ? ` (${code})` : ''}`) };
  }

  private clean(text: string): string {
    return scrub(text, [this.secret]);
  }
}

function errorOf(text: string): { message?: string; type?: string; code?: string } {
  try {
    const error = (JSON.parse(text) as ErrorBody).error ?? {};
    return { message: error.message, type: error.type, code: error.code ?? undefined };
  } catch {
    return {};
  }
}
