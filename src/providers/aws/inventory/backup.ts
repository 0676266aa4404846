import {
  BackupClient,
  DescribeBackupVaultCommand,
  GetBackupVaultAccessPolicyCommand,
  paginateListBackupVaults,
  type BackupVaultListMember,
} from '@aws-sdk/client-backup';
import type { Protection } from '../../../core/types.js';
import { PROBE_NAME } from '../targets.js';
import { emptyInventory, type InventoryResult } from '../types.js';
import { mapLimit, parsePolicyDocument } from '../util.js';
import { capNote, detail, DETAIL_CONCURRENCY, listOrNote, MAX_DETAILED, type InventoryContext } from './common.js';

/** AWS Backup vaults with their Vault Lock state and access policy. */
export async function inventoryBackup(ctx: InventoryContext): Promise<InventoryResult> {
  const inventory = emptyInventory();
  const backup = ctx.session.track(new BackupClient(ctx.session.clientConfig('backup')));
  const vaults = await listOrNote(
    inventory,
    ctx,
    'backup:ListBackupVaults',
    () => paginateListBackupVaults({ client: backup }, {}),
    (page) => page.BackupVaultList,
  );
  if (!vaults) return inventory;
  const { partition, region, account } = ctx.scope;
  inventory.observed.push({ operation: 'backup:ListBackupVaults', resource: `arn:${partition}:backup:${region}:${account}:backup-vault:*` });
  capNote(inventory, 'backup vaults', vaults.length);
  const named = vaults.filter(
    (v): v is BackupVaultListMember & { BackupVaultName: string; BackupVaultArn: string } => !!v.BackupVaultName && !!v.BackupVaultArn,
  );
  await mapLimit(named.slice(0, MAX_DETAILED), DETAIL_CONCURRENCY, (vault) => describeVault(inventory, ctx, backup, vault));
  return inventory;
}

async function describeVault(
  inventory: InventoryResult,
  ctx: InventoryContext,
  backup: BackupClient,
  listed: BackupVaultListMember & { BackupVaultName: string; BackupVaultArn: string },
): Promise<void> {
  const name = listed.BackupVaultName;
  const [described, policy] = await Promise.all([
    detail(inventory, ctx, `backup:DescribeBackupVault ${name}`, () => backup.send(new DescribeBackupVaultCommand({ BackupVaultName: name }))),
    detail(inventory, ctx, `backup:GetBackupVaultAccessPolicy ${name}`, () => backup.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName: name }))),
  ]);
  // The list entry carries the same lock fields; Describe is authoritative when it answers.
  const vault = described.ok ? { ...listed, ...described.data } : listed;
  const arn = vault.BackupVaultArn ?? listed.BackupVaultArn;
  inventory.resources.push({
    id: arn,
    type: 'backup-vault',
    name,
    provider: 'aws',
    attributes: {
      recoveryPoints: vault.NumberOfRecoveryPoints,
      locked: vault.Locked ?? false,
      ...(vault.MinRetentionDays !== undefined ? { minRetentionDays: vault.MinRetentionDays } : {}),
      ...(vault.MaxRetentionDays !== undefined ? { maxRetentionDays: vault.MaxRetentionDays } : {}),
      ...(vault.LockDate ? { lockDate: vault.LockDate.toISOString() } : {}),
      ...(vault.EncryptionKeyArn ? { encryptionKeyArn: vault.EncryptionKeyArn } : {}),
    },
  });
  if (vault.Locked) inventory.protections.push(vaultLockProtection(arn, vault.MinRetentionDays, vault.LockDate));
  const document = policy.ok && policy.data.Policy ? parsePolicyDocument(policy.data.Policy) : undefined;
  const resourcePolicy = document
    ? { label: `access policy of vault ${name}`, document, removableBy: ['backup:PutBackupVaultAccessPolicy', 'backup:DeleteBackupVaultAccessPolicy'] }
    : undefined;
  const { partition, region, account } = ctx.scope;
  inventory.targets.push({ resourceId: arn, target: 'backup-vault', arn, resourcePolicy });
  // Recovery point ARNs are not tied to a vault name: a made-up one stands for "any in this vault".
  inventory.targets.push({
    resourceId: arn,
    target: 'backup-recovery-point',
    arn: `arn:${partition}:backup:${region}:${account}:recovery-point:${PROBE_NAME}`,
    resourcePolicy,
  });
}

// Vault Lock: in compliance mode (lock date passed) nobody can remove it; before the lock date
// (grace time) or without one (governance mode) DeleteBackupVaultLockConfiguration removes it.
function vaultLockProtection(arn: string, minRetentionDays: number | undefined, lockDate: Date | undefined): Protection {
  const immutable = !!lockDate && lockDate.getTime() <= Date.now();
  const retention = minRetentionDays !== undefined ? `, minimum retention ${minRetentionDays} days` : '';
  const state = immutable
    ? `compliance mode since ${lockDate!.toISOString()}`
    : lockDate
      ? `grace time until ${lockDate.toISOString()}: the lock can still be deleted`
      : 'governance mode (no lock date): the lock can be deleted';
  return {
    kind: 'vault-lock',
    resource: arn,
    blocks: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle', 'backup:DeleteBackupVault'],
    description: `AWS Backup Vault Lock, ${state}${retention}`,
    removableBy: immutable ? [] : ['backup:DeleteBackupVaultLockConfiguration'],
  };
}
