// Anthropic API (authentication, models, files, Admin API): https://docs.anthropic.com/en/api/overview
import type { Token, VerificationResult } from '../../core/types.js';
import { apiBaseUrl } from '../http.js';
import type { Provider, ProviderContext } from '../types.js';
import { verifyAdminKey } from './admin.js';
import { AnthropicClient } from './client.js';
import { verifyApiKey } from './standard.js';
import manifest from './manifest.js';

const DEFAULT_API = 'https://api.anthropic.com';

async function verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
  const secret = token.secret.reveal();
  const base = apiBaseUrl('anthropic', ctx, DEFAULT_API);
  const client = new AnthropicClient(base.url, secret, ctx);
  const endpoint = base.overridden ? base.url : undefined;
  return secret.startsWith('sk-ant-admin') ? verifyAdminKey(client, token.redacted, endpoint) : verifyApiKey(client, token.redacted, endpoint);
}

const provider: Provider = {
  ...manifest,
  verify,
};

export default provider;
