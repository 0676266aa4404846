// The planetscale provider: what blastradius knows about it without a network call. API docs: https://planetscale.com/docs/api/reference/getting-started-with-planetscale-api
import type { RecommendInput } from '../../assess/types.js';
import type { ProviderManifest } from '../types.js';

function recommendPlanetscale(input: RecommendInput): string[] {
  const out: string[] = [];
  if (input.paths.some((p) => p.level !== 'none' && /delete/.test(p.operation ?? ''))) {
    out.push(
      'Grant this service token only the per-database accesses its job needs (read_* for readers; no delete_database, delete_production_branch or backup deletes), and turn on deletion protection for production databases and branches (https://planetscale.com/docs/security/deletion-protection).',
    );
  }
  return out;
}

const manifest: ProviderManifest = {
  id: 'planetscale',
  docsUrl: 'https://planetscale.com/docs/api/reference/getting-started-with-planetscale-api',
  rules: ['planetscale.service-token', 'planetscale.oauth-token'],
  load: () => import('./index.js'),
  resourceKinds: { database: {}, backups: { backup: true } },
  backupIdMarkers: ['/backups'],
  // The MySQL endpoints: `aws.connect.psdb.cloud`, `gcp.connect.psdb.cloud`.
  managedHosts: [{ suffix: '.psdb.cloud', service: 'PlanetScale', doc: 'https://planetscale.com/docs/sharding/targeting-correct-keyspace' }],
  // No row: PlanetScale's documentation does not say whether deleting a database deletes its backups;
  // the provider reports that as an unknown (up to destroy) over the backups.
  sharedFate: [],
  recommend: recommendPlanetscale,
  endpointEnv: ['BLASTRADIUS_PLANETSCALE_API_URL'],
  ciSecretNames: /PLANETSCALE|PSCALE/i,
};

export default manifest;
