// The digitalocean provider: what blastradius knows about it without a network call. API docs: https://docs.digitalocean.com/reference/api/
import type { ProviderManifest } from '../types.js';

const manifest: ProviderManifest = {
  id: 'digitalocean',
  docsUrl: 'https://docs.digitalocean.com/reference/api/',
  rules: ['digitalocean.token'],
  load: () => import('./index.js'),
  resourceKinds: { droplet: {}, volume: {}, database: {}, snapshot: { backup: true } },
  ciSecretNames: /DIGITALOCEAN/i,
};

export default manifest;
