// The redis provider: what blastradius knows about it without a network call. Docs: https://redis.io/docs/latest/
import type { RecommendInput } from '../../assess/types.js';
import { CA_FILE_ENV } from '../db-tls.js';
import { PRIVATE_HOSTS_ENV } from '../reach.js';
import type { ProviderManifest } from '../types.js';
import { CONNECT_OVERRIDE_ENV } from './url.js';

const PERSISTENCE = 'https://redis.io/docs/latest/operate/oss_and_stack/management/persistence/';
const ON_DISK = 'RDB snapshots and the AOF are files on the same server, rewritten from what is in memory';

/** Least privilege in Redis: an ACL user without @dangerous and @admin, its keys limited to its own prefix. */
function recommendRedis(input: RecommendInput): string[] {
  const out: string[] = [];
  if (input.paths.some((p) => p.action === 'admin' || p.operation === 'FLUSHALL' || p.operation === 'FLUSHDB')) {
    out.push(
      "Give the application its own ACL user without @admin and @dangerous (ACL SETUSER app on >… ~app:* +@read +@write -@dangerous); keep the default user's password out of the workspace.",
    );
  }
  if (input.shared) out.push('Copy RDB snapshots off the server (another host or object storage): the files next to the server go with a flush.');
  return out;
}

const manifest: ProviderManifest = {
  id: 'redis',
  docsUrl: 'https://redis.io/docs/latest/',
  rules: ['redis.connection-url'],
  load: () => import('./index.js'),
  resourceKinds: { 'redis-server': {} },
  sharedFate: [
    {
      operation: 'FLUSHALL',
      reason: `${ON_DISK}: FLUSHALL also empties the RDB file and, with save points set, saves an empty one`,
      doc: 'https://redis.io/docs/latest/commands/flushall/',
    },
    {
      operation: 'FLUSHDB',
      reason: `${ON_DISK}: the next snapshot (automatic, per the save setting) replaces the file with the emptied database, and the AOF replays the flush`,
      doc: PERSISTENCE,
    },
    { operation: 'DEL', reason: `${ON_DISK}: the next snapshot replaces the file without the deleted keys, and the AOF replays the deletes`, doc: PERSISTENCE },
    {
      operation: 'REPLICAOF',
      reason: `${ON_DISK}: a replica discards its dataset for the primary's and rewrites its files`,
      doc: 'https://redis.io/docs/latest/operate/oss_and_stack/management/replication/',
    },
  ],
  recommend: recommendRedis,
  endpointEnv: [CONNECT_OVERRIDE_ENV, PRIVATE_HOSTS_ENV, CA_FILE_ENV],
  ciSecretNames: /REDIS/i,
};

export default manifest;
