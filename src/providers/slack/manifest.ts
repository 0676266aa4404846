// The slack provider: what blastradius knows about it without a network call. API docs: https://docs.slack.dev/reference/methods/auth.test
import type { ProviderManifest } from '../types.js';

const manifest: ProviderManifest = {
  id: 'slack',
  docsUrl: 'https://docs.slack.dev/reference/methods/auth.test',
  rules: ['slack.token'],
  load: () => import('./index.js'),
};

export default manifest;
