import { GetKeyPolicyCommand, KMSClient, paginateListKeys } from '@aws-sdk/client-kms';
import { emptyInventory, type InventoryResult } from '../types.js';
import { mapLimit, parsePolicyDocument } from '../util.js';
import { capNote, detail, DETAIL_CONCURRENCY, listOrNote, MAX_DETAILED, type InventoryContext } from './common.js';

/**
 * KMS keys with their key policies: KMS authorises only what the key policy allows (or hands to
 * IAM), so deleting or disabling the key that encrypts the data is evaluated per key.
 */
export async function inventoryKms(ctx: InventoryContext): Promise<InventoryResult> {
  const inventory = emptyInventory();
  const kms = ctx.session.track(new KMSClient(ctx.session.clientConfig('kms')));
  const keys = await listOrNote(
    inventory,
    ctx,
    'kms:ListKeys',
    () => paginateListKeys({ client: kms }, {}),
    (page) => page.Keys,
  );
  if (!keys) return inventory;
  capNote(inventory, 'KMS keys', keys.length);
  const listed = keys.filter((k): k is { KeyId: string; KeyArn: string } => !!k.KeyId && !!k.KeyArn).slice(0, MAX_DETAILED);
  await mapLimit(listed, DETAIL_CONCURRENCY, async ({ KeyId, KeyArn }) => {
    const policy = await detail(inventory, ctx, `kms:GetKeyPolicy ${KeyId}`, () => kms.send(new GetKeyPolicyCommand({ KeyId, PolicyName: 'default' })));
    inventory.resources.push({ id: KeyArn, type: 'kms-key', name: KeyId, provider: 'aws' });
    // A scheduled deletion waits 7 to 30 days and can be cancelled: it softens, never blocks.
    inventory.protections.push({
      kind: 'soft-delete',
      resource: KeyArn,
      blocks: ['kms:ScheduleKeyDeletion'],
      description: 'KMS key deletion waits 7–30 days and can be cancelled (CancelKeyDeletion) until then',
      mitigationOnly: true,
    });
    const document = policy.ok && policy.data.Policy ? parsePolicyDocument(policy.data.Policy) : undefined;
    if (!document) {
      inventory.notes.push(`${KeyArn}: key policy not read; operations on this key evaluated as if its policy delegates to IAM`);
      return;
    }
    inventory.targets.push({
      resourceId: KeyArn,
      target: 'kms-key',
      arn: KeyArn,
      resourcePolicy: { label: `key policy of ${KeyId}`, document, removableBy: ['kms:PutKeyPolicy'] },
    });
  });
  return inventory;
}
