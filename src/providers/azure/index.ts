// Azure Storage: account keys https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage
// SAS: https://learn.microsoft.com/rest/api/storageservices/create-account-sas (account),
// https://learn.microsoft.com/rest/api/storageservices/create-service-sas (service),
// https://learn.microsoft.com/rest/api/storageservices/create-user-delegation-sas (user delegation)
import type { Token, VerificationResult } from '../../core/types.js';
import type { Provider, ProviderContext } from '../types.js';
import { decodeAccountKey } from './account-key.js';
import { decodeSas } from './sas-result.js';
import manifest from './manifest.js';

// Offline decoder: no network call at all (the token text has no account host to ask).
async function verify(token: Token, _ctx: ProviderContext): Promise<VerificationResult> {
  return token.ruleId === 'azure.sas-token' ? decodeSas(token.secret.reveal()) : decodeAccountKey(token);
}

const provider: Provider = {
  ...manifest,
  verify,
};

export default provider;
