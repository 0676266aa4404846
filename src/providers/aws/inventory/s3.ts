import {
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  paginateListBuckets,
  S3Client,
  type Bucket,
} from '@aws-sdk/client-s3';
import type { Protection } from '../../../core/types.js';
import { PROBE_NAME } from '../targets.js';
import { emptyInventory, type InventoryResult } from '../types.js';
import { mapLimit, parsePolicyDocument } from '../util.js';
import { capNote, detail, DETAIL_CONCURRENCY, listOrNote, MAX_DETAILED, type InventoryContext } from './common.js';

/** S3 buckets with their versioning, Object Lock and bucket policy. */
export async function inventoryS3(ctx: InventoryContext): Promise<InventoryResult> {
  const inventory = emptyInventory();
  const s3 = ctx.session.track(new S3Client(ctx.session.clientConfig('s3')));
  const buckets = await listOrNote(
    inventory,
    ctx,
    's3:ListBuckets',
    () => paginateListBuckets({ client: s3 }, {}),
    (page) => page.Buckets,
  );
  if (!buckets) return inventory;
  inventory.observed.push({ operation: 's3:ListAllMyBuckets', resource: `arn:${ctx.scope.partition}:s3:::*` });
  capNote(inventory, 'S3 buckets', buckets.length);
  const named = buckets.filter((b): b is Bucket & { Name: string } => !!b.Name);
  await mapLimit(named.slice(0, MAX_DETAILED), DETAIL_CONCURRENCY, (bucket) => describeBucket(inventory, ctx, s3, bucket));
  for (const bucket of named.slice(MAX_DETAILED)) {
    inventory.resources.push({ id: `arn:${ctx.scope.partition}:s3:::${bucket.Name}`, type: 's3-bucket', name: bucket.Name, provider: 'aws' });
  }
  return inventory;
}

async function describeBucket(inventory: InventoryResult, ctx: InventoryContext, s3: S3Client, bucket: Bucket & { Name: string }): Promise<void> {
  const name = bucket.Name;
  const arn = `arn:${ctx.scope.partition}:s3:::${name}`;
  const [versioning, lock, policy] = await Promise.all([
    detail(inventory, ctx, `s3:GetBucketVersioning ${name}`, () => s3.send(new GetBucketVersioningCommand({ Bucket: name }))),
    detail(inventory, ctx, `s3:GetObjectLockConfiguration ${name}`, () => s3.send(new GetObjectLockConfigurationCommand({ Bucket: name }))),
    detail(inventory, ctx, `s3:GetBucketPolicy ${name}`, () => s3.send(new GetBucketPolicyCommand({ Bucket: name }))),
  ]);
  const versioningStatus = versioning.ok ? (versioning.data.Status ?? 'Disabled') : undefined;
  const mfaDelete = versioning.ok && versioning.data.MFADelete === 'Enabled';
  const lockConfig = lock.ok ? lock.data.ObjectLockConfiguration : undefined;
  const retention = lockConfig?.Rule?.DefaultRetention;
  inventory.resources.push({
    id: arn,
    type: 's3-bucket',
    name,
    provider: 'aws',
    attributes: {
      ...(bucket.BucketRegion ? { region: bucket.BucketRegion } : {}),
      ...(versioningStatus ? { versioning: versioningStatus, mfaDelete } : {}),
      ...(lock.ok ? { objectLock: lockConfig?.ObjectLockEnabled === 'Enabled' ? (retention?.Mode ?? 'enabled, no default retention') : 'Disabled' } : {}),
    },
  });
  if (versioningStatus === 'Enabled') inventory.protections.push(versioningProtection(arn, mfaDelete));
  if (lockConfig?.ObjectLockEnabled === 'Enabled') {
    if (retention?.Mode) inventory.protections.push(objectLockProtection(arn, retention.Mode, retention.Days, retention.Years));
    else inventory.notes.push(`${arn}: Object Lock is enabled without a default retention; per-object retention was not read`);
  }
  const document = policy.ok && policy.data.Policy ? parsePolicyDocument(policy.data.Policy) : undefined;
  const resourcePolicy = document ? { label: `bucket policy of ${name}`, document, removableBy: ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy'] } : undefined;
  inventory.targets.push({ resourceId: arn, target: 's3-bucket', arn, resourcePolicy });
  inventory.targets.push({ resourceId: arn, target: 's3-object', arn: `${arn}/${PROBE_NAME}`, resourcePolicy });
}

// Versioning keeps what DeleteObject and PutObject replace; MFA Delete also guards versions and the setting.
function versioningProtection(arn: string, mfaDelete: boolean): Protection {
  return {
    kind: 'versioning',
    resource: arn,
    blocks: mfaDelete ? ['s3:DeleteObject', 's3:PutObject', 's3:DeleteObjectVersion', 's3:PutBucketVersioning'] : ['s3:DeleteObject', 's3:PutObject'],
    description: mfaDelete
      ? "versioning with MFA Delete: deleting versions or suspending versioning needs the root user's MFA device, which a leaked key does not have"
      : 'versioning enabled: DeleteObject only adds a delete marker and PutObject keeps the previous version',
    removableBy: mfaDelete ? [] : ['s3:PutBucketVersioning'],
  };
}

// COMPLIANCE retention cannot be shortened or removed by anyone; GOVERNANCE yields to s3:BypassGovernanceRetention.
function objectLockProtection(arn: string, mode: string, days: number | undefined, years: number | undefined): Protection {
  const period = days ? `${days} days` : years ? `${years} years` : 'a default retention';
  return {
    kind: 'object-lock',
    resource: arn,
    blocks: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObject', 's3:PutLifecycleConfiguration', 's3:DeleteBucket'],
    description: `S3 Object Lock in ${mode} mode, ${period} on new object versions`,
    removableBy: mode === 'COMPLIANCE' ? [] : ['s3:BypassGovernanceRetention'],
  };
}
