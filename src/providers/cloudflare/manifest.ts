// The cloudflare provider: what blastradius knows about it without a network call. API docs: https://developers.cloudflare.com/api/
import type { ProviderManifest } from '../types.js';

const manifest: ProviderManifest = {
  id: 'cloudflare',
  docsUrl: 'https://developers.cloudflare.com/api/',
  rules: ['cloudflare.api-token', 'cloudflare.global-api-key'],
  load: () => import('./index.js'),
  ciSecretNames: /CLOUDFLARE/i,
  // https://developers.cloudflare.com/api/limits: 1,200 requests per five minutes per user.
  limits: { rate: { requests: 1200, perMs: 300_000, doc: 'https://developers.cloudflare.com/api/limits' } },
};

export default manifest;
