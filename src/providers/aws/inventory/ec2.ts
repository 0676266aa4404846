import { EC2Client, paginateDescribeSnapshots, paginateDescribeVolumes, type Tag } from '@aws-sdk/client-ec2';
import { emptyInventory, type InventoryResult } from '../types.js';
import { capNote, listOrNote, MAX_DETAILED, type InventoryContext } from './common.js';

// EBS snapshot ARNs carry no account (targets.ts); volume ARNs do.
const volumeArn = (ctx: InventoryContext, id: string) => `arn:${ctx.scope.partition}:ec2:${ctx.scope.region}:${ctx.scope.account}:volume/${id}`;
const snapshotArn = (ctx: InventoryContext, id: string) => `arn:${ctx.scope.partition}:ec2:${ctx.scope.region}::snapshot/${id}`;

/**
 * EBS volumes and the account's own EBS snapshots in the Region: Describe calls only.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVolumes.html
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSnapshots.html
 */
export async function inventoryEc2(ctx: InventoryContext): Promise<InventoryResult> {
  const inventory = emptyInventory();
  const ec2 = ctx.session.track(new EC2Client(ctx.session.clientConfig('ec2')));
  const [volumes, snapshots] = await Promise.all([
    listOrNote(
      inventory,
      ctx,
      'ec2:DescribeVolumes',
      () => paginateDescribeVolumes({ client: ec2 }, {}),
      (page) => page.Volumes,
    ),
    // OwnerIds self: public and shared snapshots are not this account's backups.
    listOrNote(
      inventory,
      ctx,
      'ec2:DescribeSnapshots',
      () => paginateDescribeSnapshots({ client: ec2 }, { OwnerIds: ['self'] }),
      (page) => page.Snapshots,
    ),
  ]);
  for (const volume of volumes ?? []) {
    if (!volume.VolumeId) continue;
    const arn = volumeArn(ctx, volume.VolumeId);
    inventory.resources.push({
      id: arn,
      type: 'ebs-volume',
      name: nameTag(volume.Tags) ?? volume.VolumeId,
      provider: 'aws',
      attributes: {
        volumeId: volume.VolumeId,
        state: volume.State,
        sizeGiB: volume.Size,
        encrypted: volume.Encrypted ?? false,
        attachedTo: (volume.Attachments ?? []).map((a) => a.InstanceId).filter(Boolean),
      },
    });
    inventory.targets.push({ resourceId: arn, target: 'ec2-volume', arn });
  }
  for (const snapshot of snapshots ?? []) {
    if (!snapshot.SnapshotId) continue;
    const arn = snapshotArn(ctx, snapshot.SnapshotId);
    inventory.resources.push({
      id: arn,
      type: 'ebs-snapshot',
      name: nameTag(snapshot.Tags) ?? snapshot.SnapshotId,
      provider: 'aws',
      attributes: { snapshotId: snapshot.SnapshotId, volumeId: snapshot.VolumeId, description: snapshot.Description, encrypted: snapshot.Encrypted ?? false },
    });
    inventory.targets.push({ resourceId: arn, target: 'ec2-snapshot', arn });
  }
  capNote(inventory, 'EBS volumes', volumes?.length ?? 0);
  return inventory;
}

function nameTag(tags: Tag[] | undefined): string | undefined {
  return tags?.find((t) => t.Key === 'Name')?.Value || undefined;
}

/** How many volumes and snapshots the DryRun probes ask about (one call each). */
export const MAX_DRY_RUN_PROBES = Math.min(MAX_DETAILED, 10);
