// The azure provider: what blastradius knows about it without a network call. API docs: https://learn.microsoft.com/rest/api/storageservices/create-account-sas
import type { ProviderManifest } from '../types.js';

const manifest: ProviderManifest = {
  id: 'azure',
  docsUrl: 'https://learn.microsoft.com/rest/api/storageservices/create-account-sas',
  rules: ['azure.sas-token', 'azure.storage-account-key'],
  offline: true,
  load: () => import('./index.js'),
  resourceKinds: { 'storage-account': {} },
  ciSecretNames: /AZURE/i,
};

export default manifest;
