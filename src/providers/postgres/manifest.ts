// The postgres provider: what blastradius knows about it without a network call. API docs: https://www.postgresql.org/docs/current/
import type { ProviderManifest } from '../types.js';
import { recommendPostgres } from './recommend.js';

const manifest: ProviderManifest = {
  id: 'postgres',
  docsUrl: 'https://www.postgresql.org/docs/current/',
  rules: ['postgres.connection-url'],
  load: () => import('./index.js'),
  demo: () => import('./fake.js').then((fake) => fake.startDemo()),
  resourceKinds: { 'postgres-database': {} },
  // Managed services without a provider folder of their own, under the protocol they are best known
  // for (the list is read across every manifest). Aiven: every service's host is
  // `<service>-<project>.aivencloud.com` (PostgreSQL, MySQL, Valkey/Redis alike).
  managedHosts: [{ suffix: '.aivencloud.com', service: 'Aiven', doc: 'https://aiven.io/docs/tools/cli/service/connection-info' }],
  recommend: recommendPostgres,
  endpointEnv: ['BLASTRADIUS_POSTGRES_CONNECT_OVERRIDE'],
  ciSecretNames: /DATABASE|DB_|POSTGRES/i,
};

export default manifest;
