// The gitlab provider: what blastradius knows about it without a network call. API docs: https://docs.gitlab.com/api/rest/
import type { ProviderManifest } from '../types.js';

const manifest: ProviderManifest = {
  id: 'gitlab',
  docsUrl: 'https://docs.gitlab.com/api/rest/',
  rules: ['gitlab.personal-access-token', 'gitlab.deploy-token'],
  load: () => import('./index.js'),
  endpointEnv: ['CI_SERVER_URL'],
};

export default manifest;
