// The heroku provider: what blastradius knows about it without a network call.
// API docs: https://devcenter.heroku.com/articles/platform-api-reference
//
// Shared fate, from the Heroku documentation read:
//   destroys production        DELETE /apps/{app}, DELETE /apps/{app}/addons/{addon} (Platform API reference);
//                              DATABASE_URL read from config vars (read-protected, write-protected, global scopes)
//   destroys the backups       heroku pg:backups:delete (PGBackups article), for a global token
//   destroys both in one call  not documented: what deprovisioning a database or deleting its app does to
//                              its PGBackups and Continuous Protection backups is not stated, so there is no
//                              row below; each database gets an unknown (up to destroy) over its backups.
import type { ProviderManifest } from '../types.js';
import { recommendHeroku } from './recommend.js';

const manifest: ProviderManifest = {
  id: 'heroku',
  docsUrl: 'https://devcenter.heroku.com/articles/platform-api-reference',
  rules: ['heroku.api-key', 'heroku.api-key-legacy', 'heroku.netrc'],
  load: () => import('./index.js'),
  resourceKinds: { app: {}, 'add-on': {}, 'heroku-postgresql': {}, 'pg-backups': { backup: true } },
  backupIdMarkers: ['/pg-backups'],
  sharedFate: [],
  recommend: recommendHeroku,
  endpointEnv: ['BLASTRADIUS_HEROKU_API_URL'],
  ciSecretNames: /HEROKU_(?:API_KEY|API_TOKEN|TOKEN|OAUTH_TOKEN|PLATFORM_KEY)/i,
};

export default manifest;
