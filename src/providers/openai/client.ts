import { bearerHeaders, restApi, type RestApi } from '../rest.js';
import type { Outcome } from '../outcome.js';
import type { ProviderContext } from '../types.js';

// Errors: {"error": {"message", "type", "code"}} (https://platform.openai.com/docs/guides/error-codes).
interface ErrorBody {
  error?: { message?: string; type?: string; code?: string | null };
}

const INSUFFICIENT = /missing scopes?:|insufficient permissions/i;
const MISSING_SCOPES = /missing scopes?:\s*([\w.]+(?:,\s*[\w.]+)*)/i;

/** Codes of refusals that prove the key: its organisation has no quota left, or the key lacks a scope. */
export const NO_QUOTA = 'insufficient_quota';
export const MISSING_SCOPE = 'missing_scopes';

/**
 * The OpenAI REST API for one key. Two refusals are read as answers about a valid key, not as
 * failures of the key: 429 insufficient_quota, and 401/403 "Missing scopes: …" of a restricted key.
 */
export function openaiApi(baseUrl: string, secret: string, ctx: ProviderContext): RestApi {
  return restApi(
    {
      baseUrl,
      headers: bearerHeaders(secret),
      secrets: [secret],
      detail: (body) => errorOf(body).code ?? errorOf(body).type,
      isFinal: (status, text) => status === 429 && errorOf(parse(text)).code === NO_QUOTA,
      read: ({ status, body, what }) => {
        const error = errorOf(body);
        if (status === 429 && (error.code === NO_QUOTA || error.type === NO_QUOTA))
          return { kind: 'error', code: NO_QUOTA, reason: `${what}: HTTP 429 insufficient_quota` };
        if ((status === 401 || status === 403) && INSUFFICIENT.test(error.message ?? '')) {
          const missing = MISSING_SCOPES.exec(error.message ?? '')?.[1]?.replace(/\.$/, '');
          return {
            kind: 'error',
            code: MISSING_SCOPE,
            reason: `${what}: HTTP ${status}, ${missing ? `missing scopes ${missing}` : 'insufficient permissions'}`,
          };
        }
        return undefined;
      },
    },
    ctx,
  );
}

/** The key was accepted: the call answered, or was refused for a reason that only a valid key gets. */
export function keyAccepted(outcome: Outcome<unknown>): boolean {
  return outcome.ok || outcome.code === NO_QUOTA || outcome.code === MISSING_SCOPE;
}

function errorOf(body: unknown): { message?: string; type?: string; code?: string } {
  const error = (body as ErrorBody | null)?.error ?? {};
  return { message: error.message, type: error.type, code: error.code ?? undefined };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
