// The railway provider: what blastradius knows about it without a network call. API docs: https://docs.railway.com/integrations/api
import type { ProviderManifest } from '../types.js';
import { recommendRailway } from './recommend.js';

const manifest: ProviderManifest = {
  id: 'railway',
  docsUrl: 'https://docs.railway.com/integrations/api',
  rules: ['railway.api-token', 'railway.cli-token'],
  load: () => import('./index.js'),
  demo: () => import('./fake.js').then((fake) => fake.startDemo()),
  resourceKinds: { volume: {}, service: {} },
  sharedFate: [
    {
      operation: 'volumeDelete',
      reason: "Railway deletes a volume's backups with the volume",
      doc: 'https://docs.railway.com/volumes/backups#caveats',
    },
  ],
  recommend: recommendRailway,
  ciSecretNames: /RAILWAY/i,
};

export default manifest;
