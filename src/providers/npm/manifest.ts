// The npm provider: what blastradius knows about it without a network call. API docs: https://github.com/npm/registry/blob/main/docs/REGISTRY-API.md
import type { ProviderManifest } from '../types.js';

const manifest: ProviderManifest = {
  id: 'npm',
  docsUrl: 'https://github.com/npm/registry/blob/main/docs/REGISTRY-API.md',
  rules: ['npm.access-token', 'npm.legacy-auth-token'],
  load: () => import('./index.js'),
};

export default manifest;
