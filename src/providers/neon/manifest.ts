// The neon provider: what blastradius knows about it without a network call. API docs: https://neon.com/docs/reference/api
import type { RecommendInput } from '../../assess/types.js';
import type { ProviderManifest } from '../types.js';

function recommendNeon(input: RecommendInput): string[] {
  const out: string[] = [];
  const type = String(input.verification.identity?.type ?? '');
  if (/personal|organization/.test(type)) {
    out.push(
      'Replace this key with a project-scoped API key for the one project it needs (member-level: it cannot delete the project), or a personal key of a Viewer for read-only jobs (https://neon.com/docs/manage/api-keys).',
    );
  }
  if (input.paths.some((p) => p.level !== 'none' && (p.operation === 'deleteSnapshot' || p.operation?.startsWith('updateProject')))) {
    out.push(
      'Any member-level Neon key can delete snapshots and, through project settings, shorten the restore window: keep a copy outside Neon (a scheduled pg_dump to storage under another account).',
    );
  }
  return out;
}

const manifest: ProviderManifest = {
  id: 'neon',
  docsUrl: 'https://neon.com/docs/reference/api',
  rules: ['neon.api-key', 'neon.legacy-api-key'],
  load: () => import('./index.js'),
  // project: the container; branch: a copy-on-write database branch; history: the restore window (WAL); snapshot: a point-in-time backup.
  resourceKinds: { project: {}, branch: {}, history: { backup: true }, snapshot: { backup: true } },
  backupIdMarkers: ['/history', '/snapshots/'],
  // Compute endpoints: `ep-cool-darkness-a1b2c3d4[-pooler].us-east-2.aws.neon.tech`.
  managedHosts: [{ suffix: '.neon.tech', service: 'Neon', doc: 'https://neon.com/docs/get-started/connect-neon' }],
  sharedFate: [
    {
      operation: 'deleteProject',
      reason:
        'Neon deletes every branch of the project with it, and with the branches the change history that instant restore reads (the restore window); recoverable for 7 days',
      doc: 'https://neon.com/docs/reference/api/projects/delete-project',
      always: true,
    },
  ],
  recommend: recommendNeon,
  endpointEnv: ['BLASTRADIUS_NEON_API_URL'],
  ciSecretNames: /NEON/i,
};

export default manifest;
