// The supabase provider: what blastradius knows about it without a network call. API docs: https://supabase.com/docs/reference/api/introduction
import type { ProviderManifest } from '../types.js';
import { recommendSupabase } from './recommend.js';

const manifest: ProviderManifest = {
  id: 'supabase',
  docsUrl: 'https://supabase.com/docs/reference/api/introduction',
  rules: ['supabase.service-role-jwt', 'supabase.secret-key', 'supabase.access-token'],
  // The project keys decode offline; personal access tokens ask the Management API.
  offline: ['supabase.service-role-jwt', 'supabase.secret-key'],
  load: () => import('./index.js'),
  // project: the container (deleting it takes its backups); database: its Postgres data; backups: scheduled backups and PITR.
  resourceKinds: { project: {}, database: {}, backups: { backup: true } },
  backupIdMarkers: ['supabase:backups/'],
  // Direct `db.<project-ref>.supabase.co:5432`; shared pooler `aws-<n>-<region>.pooler.supabase.com:5432/6543`.
  managedHosts: [
    { suffix: '.supabase.co', service: 'Supabase', doc: 'https://supabase.com/docs/guides/database/connecting-to-postgres' },
    { suffix: '.pooler.supabase.com', service: 'Supabase pooler', doc: 'https://supabase.com/docs/guides/database/connecting-to-postgres' },
  ],
  sharedFate: [
    {
      operation: 'v1-delete-a-project',
      reason: 'Supabase deletes all automated backups and point-in-time recovery data with the project, and a deleted project cannot be recovered',
      doc: 'https://supabase.com/docs/guides/platform/delete-project',
      always: true,
    },
  ],
  recommend: recommendSupabase,
  endpointEnv: ['BLASTRADIUS_SUPABASE_API_URL'],
  ciSecretNames: /SUPABASE/i,
};

export default manifest;
