// The stripe provider: what blastradius knows about it without a network call. API docs: https://docs.stripe.com/api
import type { ProviderManifest } from '../types.js';

const manifest: ProviderManifest = {
  id: 'stripe',
  docsUrl: 'https://docs.stripe.com/api',
  rules: ['stripe.secret-key', 'stripe.restricted-key'],
  load: () => import('./index.js'),
  ciSecretNames: /STRIPE/i,
  // https://docs.stripe.com/rate-limits: live mode allows 100 read operations per second (per account).
  limits: { rate: { requests: 100, perMs: 1000, doc: 'https://docs.stripe.com/rate-limits' } },
};

export default manifest;
