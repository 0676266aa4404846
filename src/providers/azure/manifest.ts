// The azure provider: what blastradius knows about it without a network call. API docs: https://learn.microsoft.com/rest/api/storageservices/create-account-sas
import type { ProviderManifest } from '../types.js';

const manifest: ProviderManifest = {
  id: 'azure',
  docsUrl: 'https://learn.microsoft.com/rest/api/storageservices/create-account-sas',
  rules: ['azure.sas-token', 'azure.storage-account-key'],
  offline: true,
  load: () => import('./index.js'),
  resourceKinds: { 'storage-account': {} },
  // `<server>.postgres.database.azure.com`, `<server>.mysql.database.azure.com`, `<cache>.redis.cache.windows.net`.
  managedHosts: [
    {
      suffix: '.postgres.database.azure.com',
      service: 'Azure Database for PostgreSQL',
      doc: 'https://learn.microsoft.com/en-us/powershell/module/az.postgresql/get-azpostgresqlflexibleserverconnectionstring',
    },
    {
      suffix: '.mysql.database.azure.com',
      service: 'Azure Database for MySQL',
      doc: 'https://learn.microsoft.com/en-us/powershell/module/az.mysql/get-azmysqlflexibleserverconnectionstring',
    },
    {
      suffix: '.redis.cache.windows.net',
      service: 'Azure Cache for Redis',
      doc: 'https://learn.microsoft.com/en-us/powershell/module/az.rediscache/new-azrediscache',
    },
  ],
  ciSecretNames: /AZURE/i,
};

export default manifest;
