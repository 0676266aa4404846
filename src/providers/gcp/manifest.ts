// The gcp provider: what blastradius knows about it without a network call. API docs: https://cloud.google.com/iam/docs/keys-create-delete
import type { ProviderManifest } from '../types.js';

const manifest: ProviderManifest = {
  id: 'gcp',
  docsUrl: 'https://cloud.google.com/iam/docs/keys-create-delete',
  rules: ['gcp.service-account-key'],
  offline: true,
  load: () => import('./index.js'),
  ciSecretNames: /GCP|GOOGLE/i,
};

export default manifest;
