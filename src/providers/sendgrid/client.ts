import { scrub } from '../../core/secret.js';
import { httpRequest, ProviderCallError } from '../http.js';
import type { ProviderContext } from '../types.js';

/** One SendGrid answer: `status` is the HTTP status of a response; `unreachable` when none came. */
export type SendGridOutcome<T> =
  | { ok: true; data: T }
  | { ok: false; kind: 'status'; status: number; message: string }
  | { ok: false; kind: 'unreachable'; message: string };

interface ErrorBody {
  errors?: { message?: string; field?: string | null }[];
}

/** A read-only SendGrid v3 client for one key and one base URL: it only sends GET. */
export class SendGridClient {
  constructor(
    readonly baseUrl: string,
    private readonly secret: string,
    private readonly ctx: ProviderContext,
  ) {}

  async get<T>(path: string): Promise<SendGridOutcome<T>> {
    const secrets = [this.secret];
    try {
      const response = await httpRequest(
        { url: `${this.baseUrl}${path}`, method: 'GET', headers: { authorization: `Bearer ${this.secret}`, accept: 'application/json' }, secrets },
        this.ctx,
      );
      if (response.status !== 200) {
        let reason = '';
        try {
          reason = ((JSON.parse(response.text) as ErrorBody).errors ?? []).map((e) => e.message).filter(Boolean).join('; ');
        } catch {
          // a non-JSON error body says nothing more than its status
        }
        const message = scrub(`GET ${path}: HTTP ${response.status}${reason ? ` (${reason.slice(0, 200)})` : ''}`, secrets);
        return { ok: false, kind: 'status', status: response.status, message };
      }
      try {
        return { ok: true, data: JSON.parse(response.text) as T };
      } catch {
        return { ok: false, kind: 'status', status: 200, message: `GET ${path}: HTTP 200 with a body that is not JSON` };
      }
    } catch (error) {
      if (error instanceof ProviderCallError) return { ok: false, kind: 'unreachable', message: error.message };
      return { ok: false, kind: 'unreachable', message: scrub(`GET ${path}: ${(error as Error).message}`, secrets) };
    }
  }
}
