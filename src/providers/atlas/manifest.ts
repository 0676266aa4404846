// The atlas provider (MongoDB Atlas): what blastradius knows about it without a network call.
// API docs: https://www.mongodb.com/docs/api/doc/atlas-admin-api-v2/
//
// Shared fate, from the Atlas documentation:
//   deletes production and its backups  deleteCluster — "Terminating a cluster also deletes any backup
//                                         snapshots for that cluster" unless the caller keeps them
//                                         (retainBackups) or a Backup Compliance Policy is in force (TERMINATE)
//   deletes the backups only             deleteClusterBackupSnapshot (SNAPSHOT_MANAGEMENT),
//                                         updateBackupSchedule with deleteSnapshots / shorter retention (UPDATE_SCHEDULE_API),
//                                         updateCluster pitEnabled=false: the oplog history (CONTINUOUS_BACKUP)
//   destroys production only             createBackupRestoreJob onto the cluster (RESTORE)
//   protects                             termination protection (only Project Owner turns it off),
//                                         Backup Compliance Policy (only MongoDB Support disables it)
// The backups-only and production-only rows are grants on the resources (see roles.ts); the table
// below lists the operations whose destroy takes both.
import type { ProviderManifest } from '../types.js';
import { TERMINATE } from './docs.js';
import { recommendAtlas } from './recommend.js';

const manifest: ProviderManifest = {
  id: 'atlas',
  docsUrl: 'https://www.mongodb.com/docs/api/doc/atlas-admin-api-v2/',
  rules: ['atlas.api-key', 'atlas.service-account'],
  load: () => import('./index.js'),
  resourceKinds: { cluster: {}, 'cloud-backup': { backup: true } },
  backupIdMarkers: ['/cloud-backup'],
  // Cluster hosts: `cluster0.ab1cd.mongodb.net` (SRV) and `<cluster>-shard-00-00.ab1cd.mongodb.net:27017`.
  managedHosts: [{ suffix: '.mongodb.net', service: 'MongoDB Atlas', doc: 'https://www.mongodb.com/docs/atlas/connect-to-database-deployment/' }],
  sharedFate: [
    {
      operation: 'deleteCluster',
      reason:
        "Atlas deletes a cluster's backup snapshots when it terminates the cluster, unless the caller passes retainBackups=true or a Backup Compliance Policy is in force",
      doc: TERMINATE,
    },
  ],
  recommend: recommendAtlas,
  endpointEnv: ['BLASTRADIUS_ATLAS_API_URL'],
  ciSecretNames: /MONGODB_ATLAS|ATLAS_(?:PUBLIC|PRIVATE)_(?:API_)?KEY|ATLAS_CLIENT_(?:ID|SECRET)/i,
};

export default manifest;
