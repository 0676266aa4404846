// The sendgrid provider: what blastradius knows about it without a network call. API docs: https://www.twilio.com/docs/sendgrid/api-reference/api-key-permissions/retrieve-a-list-of-scopes-for-which-this-user-has-access
import type { ProviderManifest } from '../types.js';

const manifest: ProviderManifest = {
  id: 'sendgrid',
  docsUrl: 'https://www.twilio.com/docs/sendgrid/api-reference/api-key-permissions/retrieve-a-list-of-scopes-for-which-this-user-has-access',
  rules: ['sendgrid.api-key'],
  load: () => import('./index.js'),
};

export default manifest;
