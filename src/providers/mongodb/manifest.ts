// The mongodb provider: what blastradius knows about it without a network call. Docs: https://www.mongodb.com/docs/manual/
import type { RecommendInput } from '../../assess/types.js';
import { CA_FILE_ENV } from '../db-tls.js';
import { PRIVATE_HOSTS_ENV } from '../reach.js';
import type { ProviderManifest } from '../types.js';
import { CONNECT_OVERRIDE_ENV } from './url.js';

/** Least privilege in MongoDB: a user with readWrite on its own database at most, never root or userAdmin. */
function recommendMongo(input: RecommendInput): string[] {
  const out: string[] = [];
  if (input.paths.some((p) => p.action === 'admin'))
    out.push(
      'Give the application a user without root, userAdmin or dbOwner (grantRole and createUser let it give itself anything); keep administrator credentials out of the workspace.',
    );
  if (input.production === 'destroy')
    out.push(
      'Grant the application a custom role with find, insert and update on its own collections; dropCollection, dropDatabase and remove belong elsewhere.',
    );
  return out;
}

const manifest: ProviderManifest = {
  id: 'mongodb',
  docsUrl: 'https://www.mongodb.com/docs/manual/',
  rules: ['mongodb.connection-url'],
  load: () => import('./index.js'),
  resourceKinds: { 'mongodb-database': {} },
  recommend: recommendMongo,
  endpointEnv: [CONNECT_OVERRIDE_ENV, PRIVATE_HOSTS_ENV, CA_FILE_ENV],
  ciSecretNames: /MONGO/i,
};

export default manifest;
