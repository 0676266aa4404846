// The twilio provider: what blastradius knows about it without a network call. API docs: https://www.twilio.com/docs/iam/api/account
import type { ProviderManifest } from '../types.js';

const manifest: ProviderManifest = {
  id: 'twilio',
  docsUrl: 'https://www.twilio.com/docs/iam/api/account',
  rules: ['twilio.auth-token', 'twilio.api-key'],
  load: () => import('./index.js'),
};

export default manifest;
