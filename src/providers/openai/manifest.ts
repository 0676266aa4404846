// The openai provider: what blastradius knows about it without a network call. API docs: https://platform.openai.com/docs/api-reference
import type { ProviderManifest } from '../types.js';

const manifest: ProviderManifest = {
  id: 'openai',
  docsUrl: 'https://platform.openai.com/docs/api-reference',
  rules: ['openai.api-key'],
  load: () => import('./index.js'),
};

export default manifest;
