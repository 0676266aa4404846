// The digitalocean provider: what blastradius knows about it without a network call. API docs: https://docs.digitalocean.com/reference/api/
import type { ProviderManifest } from '../types.js';
import { OPERATIONS } from './operations.js';
import { recommendDigitalOcean } from './recommend.js';

const manifest: ProviderManifest = {
  id: 'digitalocean',
  docsUrl: 'https://docs.digitalocean.com/reference/api/',
  rules: ['digitalocean.token'],
  load: () => import('./index.js'),
  // Droplet backups and database backups are listed as their own resources (ids under their Droplet or cluster).
  resourceKinds: { droplet: {}, volume: {}, database: {}, snapshot: { backup: true }, 'droplet-backup': { backup: true }, 'database-backup': { backup: true } },
  // Cluster connection hosts: `backend-do-user-19081923-0.db.ondigitalocean.com:25060` (the API's database `connection.host`).
  managedHosts: [
    {
      suffix: '.db.ondigitalocean.com',
      service: 'DigitalOcean Managed Databases',
      doc: 'https://docs.digitalocean.com/reference/api/digitalocean/#tag/Databases',
    },
  ],
  sharedFate: OPERATIONS.filter((o) => o.destroys === 'both').map((o) => ({
    operation: o.operation,
    reason: `DigitalOcean: ${o.request} ${o.what}`,
    doc: o.doc,
    ...(o.always ? { always: true } : {}),
  })),
  recommend: recommendDigitalOcean,
  ciSecretNames: /DIGITALOCEAN|(?:^|_)DO_(?:API_)?(?:TOKEN|KEY)/i,
  // https://developers.digitalocean.com/documentation/v2/#rate-limit (and the API's RateLimit
  // headers): 250 requests per minute and 5,000 per hour; a run stays far under the hourly bound.
  limits: { rate: { requests: 250, perMs: 60_000, doc: 'https://developers.digitalocean.com/documentation/v2/#rate-limit' } },
};

export default manifest;
