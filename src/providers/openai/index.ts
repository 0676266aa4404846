// OpenAI API reference (authentication, models, files, administration): https://platform.openai.com/docs/api-reference
import type { Token, VerificationResult } from '../../core/types.js';
import { apiBaseUrl } from '../http.js';
import type { Provider, ProviderContext } from '../types.js';
import { verifyAdminKey } from './admin.js';
import { openaiApi } from './client.js';
import { keyKind } from './model.js';
import { verifyStandardKey } from './standard.js';
import manifest from './manifest.js';

const DEFAULT_API = 'https://api.openai.com';

async function verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
  const secret = token.secret.reveal();
  const base = apiBaseUrl('openai', ctx, DEFAULT_API);
  const client = openaiApi(base.url, secret, ctx);
  const key = { kind: keyKind(secret), redacted: token.redacted, endpoint: base.overridden ? base.url : undefined };
  return key.kind === 'admin-key' ? verifyAdminKey(client, key) : verifyStandardKey(client, key);
}

const provider: Provider = {
  ...manifest,
  verify,
};

export default provider;
