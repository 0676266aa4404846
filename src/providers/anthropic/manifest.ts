// The anthropic provider: what blastradius knows about it without a network call. API docs: https://docs.anthropic.com/en/api/overview
import type { ProviderManifest } from '../types.js';

const manifest: ProviderManifest = {
  id: 'anthropic',
  docsUrl: 'https://docs.anthropic.com/en/api/overview',
  rules: ['anthropic.api-key'],
  load: () => import('./index.js'),
};

export default manifest;
