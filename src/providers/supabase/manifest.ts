// The supabase provider: what blastradius knows about it without a network call. API docs: https://supabase.com/docs/guides/api/api-keys
import type { ProviderManifest } from '../types.js';

const manifest: ProviderManifest = {
  id: 'supabase',
  docsUrl: 'https://supabase.com/docs/guides/api/api-keys',
  rules: ['supabase.service-role-jwt', 'supabase.secret-key'],
  offline: true,
  load: () => import('./index.js'),
  resourceKinds: { project: {} },
  ciSecretNames: /SUPABASE/i,
};

export default manifest;
