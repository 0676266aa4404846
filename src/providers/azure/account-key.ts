import type { Identity, Resource, Token, VerificationResult } from '../../core/types.js';
import { decodedOffline } from '../result.js';

/**
 * A storage account key is Shared Key authority over the whole account's data plane: every
 * container, share, queue and table, the service properties (soft-delete retention included)
 * and the power to sign any SAS. Checking it would need the account endpoint: we stay offline.
 */
export function decodeAccountKey(token: Token): VerificationResult {
  const accountName = token.extras?.accountName?.reveal();
  const resource = accountName ? `azure:storage/${accountName}` : 'azure:storage/*';
  const principal = accountName ? `${accountName}/account-key` : 'storage-account-key';
  const evidence = 'storage account key (Shared Key authorization): full control of the account data plane, can sign any SAS';
  const identity: Identity = { principal, type: 'storage-account-key', ...(accountName ? { account: accountName } : {}) };
  const resources: Resource[] = accountName
    ? [
        {
          id: resource,
          type: 'storage-account',
          name: accountName,
          provider: 'azure',
          // Blob snapshots, versions and soft-deleted data (and operational backup built on them) live in the account.
          holdsBackups: true,
          attributes: { inAccountRecovery: 'snapshots, versions, soft delete' },
        },
      ]
    : [];
  return decodedOffline({
    identity,
    grants: [
      { action: 'admin', resource, evidence, operation: 'Shared Key: any data-plane operation, sign any SAS', principal },
      {
        action: 'destroy',
        resource,
        evidence: `${evidence}; Set Blob Service Properties can shorten or disable blob soft-delete retention`,
        operation: 'Delete Container, Delete Share, Delete Table, Delete Blob (with snapshots), Set Blob Service Properties',
        principal,
      },
    ],
    resources,
    unknowns: [
      {
        what: 'versioning, immutability policies and resource locks of this account',
        reason: 'they are read with Azure Resource Manager, which a storage account key cannot call',
      },
      ...(accountName ? [] : [{ what: 'which storage account this key belongs to', reason: 'no AccountName next to the key' }]),
    ],
    notes: ['a storage account key cannot delete the account itself (management plane), but it can delete every piece of data in it'],
  });
}
