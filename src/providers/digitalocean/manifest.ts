// The digitalocean provider: what blastradius knows about it without a network call. API docs: https://docs.digitalocean.com/reference/api/
import type { ProviderManifest } from '../types.js';

const manifest: ProviderManifest = {
  id: 'digitalocean',
  docsUrl: 'https://docs.digitalocean.com/reference/api/',
  rules: ['digitalocean.token'],
  load: () => import('./index.js'),
  resourceKinds: { droplet: {}, volume: {}, database: {}, snapshot: { backup: true } },
  ciSecretNames: /DIGITALOCEAN/i,
  // https://developers.digitalocean.com/documentation/v2/#rate-limit (and the API's RateLimit
  // headers): 250 requests per minute and 5,000 per hour; a run stays far under the hourly bound.
  limits: { rate: { requests: 250, perMs: 60_000, doc: 'https://developers.digitalocean.com/documentation/v2/#rate-limit' } },
};

export default manifest;
