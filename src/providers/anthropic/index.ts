// Anthropic API (authentication, models, files, Admin API): https://docs.anthropic.com/en/api/overview
import type { Token, VerificationResult } from '../../core/types.js';
import { apiBaseUrl } from '../http.js';
import { restApi } from '../rest.js';
import type { Provider, ProviderContext } from '../types.js';
import { verifyAdminKey } from './admin.js';
import { verifyApiKey } from './standard.js';
import manifest from './manifest.js';

const DEFAULT_API = 'https://api.anthropic.com';
// https://docs.anthropic.com/en/api/versioning
const API_VERSION = '2023-06-01';

// Errors: {"type": "error", "error": {"type": "authentication_error", "message": …}} (https://docs.anthropic.com/en/api/errors)
interface ErrorBody {
  error?: { type?: string };
}

async function verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
  const secret = token.secret.reveal();
  const base = apiBaseUrl('anthropic', ctx, DEFAULT_API);
  const headers = { 'x-api-key': secret, 'anthropic-version': API_VERSION, accept: 'application/json' };
  const client = restApi({ baseUrl: base.url, headers, secrets: [secret], detail: (body) => (body as ErrorBody | null)?.error?.type }, ctx);
  const endpoint = base.overridden ? base.url : undefined;
  return secret.startsWith('sk-ant-admin') ? verifyAdminKey(client, token.redacted, endpoint) : verifyApiKey(client, token.redacted, endpoint);
}

const provider: Provider = {
  ...manifest,
  verify,
};

export default provider;
