// The cloudflare provider: what blastradius knows about it without a network call. API docs: https://developers.cloudflare.com/api/
import type { ProviderManifest } from '../types.js';

const manifest: ProviderManifest = {
  id: 'cloudflare',
  docsUrl: 'https://developers.cloudflare.com/api/',
  rules: ['cloudflare.api-token', 'cloudflare.global-api-key'],
  load: () => import('./index.js'),
  ciSecretNames: /CLOUDFLARE/i,
};

export default manifest;
