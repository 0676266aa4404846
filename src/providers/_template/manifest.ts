// The TemplateName provider: what blastradius knows about it without a network call. API docs: https://example.com/docs/api (TODO)
import type { ProviderManifest } from '../types.js';

const manifest: ProviderManifest = {
  id: '_template',
  // TODO: the provider's API reference, also at the top of index.ts.
  docsUrl: 'https://example.com/docs/api',
  rules: ['_template.api-key'],
  load: () => import('./index.js'),
  // TODO, each from the provider's documentation (see src/providers/types.ts and the other manifests):
  // resourceKinds, backupIdMarkers, sharedFate (with the doc page of each row), recommend, ciSecretNames,
  // managedHosts (its managed databases' host suffixes, with the page that shows the host format).
  endpointEnv: ['BLASTRADIUS__TEMPLATE_API_URL'],
};

export default manifest;
