// The render provider: what blastradius knows about it without a network call. API docs: https://api-docs.render.com
//
// Shared fate, from the Render documentation read:
//   destroys production        deletePostgres ("irreversible, and all data in the instance will be lost"),
//                              deleteDisk, deleteService, restoreSnapshot over a disk ("will overwrite the current disk data")
//   destroys the backups       no API operation deletes point-in-time history, exports or disk snapshots
//   destroys both in one call  not documented: what deleting an instance or a disk does to its backups is
//                              not stated, so there is no row below; each gets an unknown (up to destroy).
import type { ProviderManifest } from '../types.js';
import { recommendRender } from './recommend.js';

const manifest: ProviderManifest = {
  id: 'render',
  docsUrl: 'https://api-docs.render.com',
  rules: ['render.api-key'],
  load: () => import('./index.js'),
  resourceKinds: { postgres: {}, service: {}, disk: {}, 'postgres-backups': { backup: true }, 'disk-snapshots': { backup: true } },
  backupIdMarkers: ['/disk/snapshots'],
  sharedFate: [],
  recommend: recommendRender,
  endpointEnv: ['BLASTRADIUS_RENDER_API_URL'],
  ciSecretNames: /RENDER_(?:API_KEY|TOKEN)/i,
};

export default manifest;
