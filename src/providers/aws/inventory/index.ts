import { emptyInventory, type InventoryResult } from '../types.js';
import { inventoryBackup } from './backup.js';
import type { InventoryContext } from './common.js';
import { inventoryDynamoDb } from './dynamodb.js';
import { inventoryEc2 } from './ec2.js';
import { inventoryKms } from './kms.js';
import { inventoryRds } from './rds.js';
import { inventoryS3 } from './s3.js';

/** Everything the key may list in its region (S3 is global), with service-side safeguards. */
export async function inventoryAll(ctx: InventoryContext): Promise<InventoryResult> {
  const parts = await Promise.all([inventoryS3(ctx), inventoryBackup(ctx), inventoryRds(ctx), inventoryDynamoDb(ctx), inventoryKms(ctx), inventoryEc2(ctx)]);
  const merged = emptyInventory();
  for (const part of parts) {
    merged.resources.push(...part.resources);
    merged.protections.push(...part.protections);
    merged.targets.push(...part.targets);
    merged.notes.push(...part.notes);
    merged.observed.push(...part.observed);
  }
  return merged;
}
