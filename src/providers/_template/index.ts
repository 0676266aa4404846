// TemplateName API (TODO: the page documenting the identity call below): https://example.com/docs/api
import type { Token, VerificationResult } from '../../core/types.js';
import { apiBaseUrl, httpRequest, parseJson, ProviderCallError } from '../http.js';
import { invalid, live, unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import manifest from './manifest.js';

const DEFAULT_API = 'https://api.example.com';

/** The identity call's answer (TODO: the fields the documentation gives). */
interface Me {
  id?: string;
  name?: string;
}

/**
 * One read-only identity call. What the token may do is not read yet: it stays an unknown up to
 * admin (unknown is never safe) until the provider's documentation says how to read its scopes.
 */
async function verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
  const secret = token.secret.reveal();
  const secrets = [secret];
  const base = apiBaseUrl('_template', ctx, DEFAULT_API);
  try {
    const response = await httpRequest({ url: `${base.url}/v1/me`, headers: { authorization: `Bearer ${secret}`, accept: 'application/json' }, secrets }, ctx);
    // TODO: the status the documentation gives for a revoked or unknown key (only that one is `invalid`).
    if (response.status === 401) return invalid('TemplateName refused the key (HTTP 401)');
    if (response.status !== 200) return unknownError(`GET /v1/me: HTTP ${response.status}`);
    const me = parseJson<Me>(response, 'GET /v1/me', secrets);
    if (!me.id) return unknownError('GET /v1/me: HTTP 200 without an id');
    return live({
      identity: { principal: me.id, type: 'api-key', ...(me.name ? { displayName: me.name } : {}), ...(base.overridden ? { endpoint: base.url } : {}) },
      unknowns: [
        {
          what: 'what this key can do',
          reason: 'its permissions are not read yet',
          upTo: 'admin',
          resources: ['_template:*'],
          settle: 'TODO: the read that lists the key’s permissions',
        },
      ],
    });
  } catch (error) {
    if (error instanceof ProviderCallError) return unknownError(error.message);
    throw error;
  }
}

const provider: Provider = { ...manifest, verify };

export default provider;
