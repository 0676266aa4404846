// Cloudflare API v4: https://developers.cloudflare.com/api/
// Token verification: https://developers.cloudflare.com/api/resources/user/subresources/tokens/methods/verify/
// and, for account-owned tokens, https://developers.cloudflare.com/api/resources/accounts/subresources/tokens/methods/verify/
import { scrub } from '../../core/secret.js';
import type { Token, VerificationResult } from '../../core/types.js';
import { apiBaseUrl } from '../http.js';
import { unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { verifyApiToken } from './api-token.js';
import { cloudflareApi } from './api.js';
import { verifyGlobalKey } from './global-key.js';
import manifest from './manifest.js';

const DEFAULT_BASE = 'https://api.cloudflare.com';

const cloudflare: Provider = {
  ...manifest,
  async verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
    const { url, overridden } = apiBaseUrl('cloudflare', ctx, DEFAULT_BASE);
    const secret = token.secret.reveal();
    try {
      if (token.ruleId === 'cloudflare.global-api-key') {
        return await verifyGlobalKey(token, (email) => cloudflareApi(url, overridden, { key: secret, email }, ctx));
      }
      return await verifyApiToken(cloudflareApi(url, overridden, { token: secret }, ctx), token);
    } catch (error) {
      // Only a bug gets here: the client reports every failed call as an outcome.
      return unknownError(scrub(`Cloudflare verification failed: ${(error as Error)?.message ?? String(error)}`, [secret]));
    }
  },
};

export default cloudflare;
