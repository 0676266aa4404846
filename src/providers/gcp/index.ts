// Service-account keys: https://cloud.google.com/iam/docs/keys-create-delete
// Roles of a service account: https://cloud.google.com/resource-manager/reference/rest/v3/projects/getIamPolicy
import type { Identity, Token, VerificationResult } from '../../core/types.js';
import { decodedOffline } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import manifest from './manifest.js';

const SERVICE_ACCOUNT_EMAIL = /^[^@\s]+@([a-z][a-z0-9-]{4,29})\.iam\.gserviceaccount\.com$/;

// Offline decoder: the key file names its service account and project; its roles need Google's APIs.
async function verify(token: Token, _ctx: ProviderContext): Promise<VerificationResult> {
  const clientEmail = token.extras?.clientEmail?.reveal();
  const projectId = token.extras?.projectId?.reveal() ?? (clientEmail ? SERVICE_ACCOUNT_EMAIL.exec(clientEmail)?.[1] : undefined);
  const identity: Identity = {
    principal: clientEmail ?? 'unknown service account',
    type: 'service-account',
    ...(projectId ? { account: projectId } : {}),
  };
  const unknowns = [{ what: 'IAM roles of this service account', reason: 'IAM roles of this service account need the Cloud Resource Manager API' }];
  if (!clientEmail) unknowns.push({ what: 'which service account this key belongs to', reason: 'no client_email next to the private key' });
  return decodedOffline({
    identity,
    unknowns,
    notes: [
      'service-account keys do not expire unless an expiry was set at creation; disabling or deleting the key revokes it',
      ...(projectId ? [`the key belongs to project ${projectId}; its roles may reach other projects too`] : []),
    ],
  });
}

const provider: Provider = {
  ...manifest,
  verify,
};

export default provider;
