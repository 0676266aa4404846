import { DeleteSnapshotCommand, DeleteVolumeCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { Grant, Resource } from '../../core/types.js';
import type { AwsSession } from './clients.js';
import { attempt, isDenied } from './errors.js';
import { MAX_DRY_RUN_PROBES } from './inventory/ec2.js';
import type { AwsCaller } from './types.js';

/**
 * When the key cannot read its own policies, EC2's DryRun parameter still tells, without acting,
 * whether it may delete a given volume or snapshot: EC2 checks the permission and answers
 * DryRunOperation ("the request would have succeeded") or UnauthorizedOperation, and deletes
 * nothing. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVolume.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteSnapshot.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
 * Every request built here carries DryRun: true; the tests' read-only guard lets through no other.
 */
export async function dryRunDeletes(session: AwsSession, caller: AwsCaller, resources: readonly Resource[]): Promise<{ grants: Grant[]; notes: string[] }> {
  const ec2 = session.track(new EC2Client(session.clientConfig('ec2')));
  const volumes = resources.filter((r) => r.type === 'ebs-volume');
  const snapshots = resources.filter((r) => r.type === 'ebs-snapshot');
  const probes = [
    ...volumes.slice(0, MAX_DRY_RUN_PROBES).map((r) => ({
      resource: r,
      operation: 'ec2:DeleteVolume',
      send: () => ec2.send(new DeleteVolumeCommand({ VolumeId: String(r.attributes?.volumeId), DryRun: true })),
    })),
    ...snapshots.slice(0, MAX_DRY_RUN_PROBES).map((r) => ({
      resource: r,
      operation: 'ec2:DeleteSnapshot',
      send: () => ec2.send(new DeleteSnapshotCommand({ SnapshotId: String(r.attributes?.snapshotId), DryRun: true })),
    })),
  ];
  const grants: Grant[] = [];
  const allowed: string[] = [];
  const denied: string[] = [];
  const open: string[] = [];
  // One at a time: a handful of calls, and EC2 throttles bursts per account.
  for (const probe of probes) {
    const label = `${probe.operation} ${probe.resource.name}`;
    const outcome = await attempt(`${probe.operation} (DryRun)`, session.secrets, probe.send);
    if (!outcome.ok && outcome.code === 'DryRunOperation') {
      allowed.push(label);
      grants.push({
        action: 'destroy',
        resource: probe.resource.id,
        operation: probe.operation,
        principal: caller.arn,
        evidence: `observed: ${probe.operation} with DryRun=true answered DryRunOperation (would be allowed)`,
      });
    } else if (!outcome.ok && isDenied(outcome)) {
      denied.push(label);
    } else {
      open.push(`${label} (${outcome.ok ? 'no DryRunOperation in the answer' : outcome.code})`);
    }
  }
  const notes: string[] = [];
  if (probes.length === 0) notes.push('EC2 DryRun: no EBS volume or snapshot listed, nothing to ask about');
  if (allowed.length) notes.push(`EC2 DryRun: would be allowed: ${allowed.join(', ')}`);
  if (denied.length) notes.push(`EC2 DryRun: denied (UnauthorizedOperation): ${denied.join(', ')}`);
  if (open.length) notes.push(`EC2 DryRun: still unknown: ${open.join(', ')}`);
  const skipped = Math.max(0, volumes.length - MAX_DRY_RUN_PROBES) + Math.max(0, snapshots.length - MAX_DRY_RUN_PROBES);
  if (skipped) notes.push(`EC2 DryRun: ${skipped} more volumes/snapshots not asked about (first ${MAX_DRY_RUN_PROBES} of each only): still unknown`);
  if (probes.length)
    notes.push(`EC2 DryRun answers only for the listed EBS volumes and snapshots in ${session.region}; every other service, Region and resource stays unknown`);
  return { grants, notes };
}
