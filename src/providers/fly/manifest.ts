// The fly provider: what blastradius knows about Fly.io without a network call. API docs: https://fly.io/docs/machines/api/
import type { ProviderManifest } from '../types.js';
import { recommendFly } from './recommend.js';

const manifest: ProviderManifest = {
  id: 'fly',
  docsUrl: 'https://fly.io/docs/machines/api/',
  rules: ['fly.macaroon', 'fly.user-token'],
  load: () => import('./index.js'),
  // An app is the unit a token deletes; Fly Postgres is an app (app_role postgres_cluster) whose data is on its volumes.
  resourceKinds: { app: {}, 'postgres-app': {}, volume: {}, snapshot: { backup: true } },
  sharedFate: [
    {
      // "When you destroy an app, you delete its volumes and volume snapshots." Destroying a volume alone
      // leaves its snapshots for their retention (https://fly.io/docs/volumes/volume-manage/#restore-a-deleted-volume): not a row.
      operation: 'apps:delete',
      reason: "Fly.io deletes an app's volumes and their snapshots with the app",
      doc: 'https://fly.io/docs/apps/delete/',
    },
  ],
  recommend: recommendFly,
  ciSecretNames: /(?:^|_)FLY_(?:API_|ACCESS_|AUTH_)?TOKEN|(?:^|_)FLY_API_KEY/i,
};

export default manifest;
