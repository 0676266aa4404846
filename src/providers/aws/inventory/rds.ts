import {
  paginateDescribeDBClusters,
  paginateDescribeDBClusterSnapshots,
  paginateDescribeDBInstances,
  paginateDescribeDBSnapshots,
  RDSClient,
} from '@aws-sdk/client-rds';
import { emptyInventory, type InventoryResult } from '../types.js';
import { listOrNote, type InventoryContext } from './common.js';

/** RDS instances, clusters and their snapshots, with deletion protection and backup retention. */
export async function inventoryRds(ctx: InventoryContext): Promise<InventoryResult> {
  const inventory = emptyInventory();
  const rds = ctx.session.track(new RDSClient(ctx.session.clientConfig('rds')));
  const { partition, region, account } = ctx.scope;
  const [instances, clusters, snapshots, clusterSnapshots] = await Promise.all([
    listOrNote(
      inventory,
      ctx,
      'rds:DescribeDBInstances',
      () => paginateDescribeDBInstances({ client: rds }, {}),
      (p) => p.DBInstances,
    ),
    listOrNote(
      inventory,
      ctx,
      'rds:DescribeDBClusters',
      () => paginateDescribeDBClusters({ client: rds }, {}),
      (p) => p.DBClusters,
    ),
    listOrNote(
      inventory,
      ctx,
      'rds:DescribeDBSnapshots',
      () => paginateDescribeDBSnapshots({ client: rds }, {}),
      (p) => p.DBSnapshots,
    ),
    listOrNote(
      inventory,
      ctx,
      'rds:DescribeDBClusterSnapshots',
      () => paginateDescribeDBClusterSnapshots({ client: rds }, {}),
      (p) => p.DBClusterSnapshots,
    ),
  ]);
  if (instances) inventory.observed.push({ operation: 'rds:DescribeDBInstances', resource: `arn:${partition}:rds:${region}:${account}:db:*` });

  for (const db of instances ?? []) {
    if (!db.DBInstanceArn || !db.DBInstanceIdentifier) continue;
    const retention = db.BackupRetentionPeriod ?? 0;
    inventory.resources.push({
      id: db.DBInstanceArn,
      type: 'rds-db-instance',
      name: db.DBInstanceIdentifier,
      provider: 'aws',
      // Automated backups are deleted with the instance (DeleteAutomatedBackups defaults to true);
      // in a cluster they belong to the cluster.
      holdsBackups: retention > 0 && !db.DBClusterIdentifier,
      attributes: {
        engine: db.Engine,
        deletionProtection: db.DeletionProtection ?? false,
        backupRetentionPeriod: retention,
        storageEncrypted: db.StorageEncrypted ?? false,
        ...(db.KmsKeyId ? { kmsKeyId: db.KmsKeyId } : {}),
        ...(db.DBClusterIdentifier ? { cluster: db.DBClusterIdentifier } : {}),
      },
    });
    if (db.DeletionProtection) {
      inventory.protections.push({
        kind: 'deletion-protection',
        resource: db.DBInstanceArn,
        blocks: ['rds:DeleteDBInstance'],
        description: 'RDS deletion protection is on for this instance',
        removableBy: ['rds:ModifyDBInstance'],
      });
    }
    inventory.targets.push({ resourceId: db.DBInstanceArn, target: 'rds-db', arn: db.DBInstanceArn });
  }

  for (const cluster of clusters ?? []) {
    if (!cluster.DBClusterArn || !cluster.DBClusterIdentifier) continue;
    inventory.resources.push({
      id: cluster.DBClusterArn,
      type: 'rds-db-cluster',
      name: cluster.DBClusterIdentifier,
      provider: 'aws',
      holdsBackups: (cluster.BackupRetentionPeriod ?? 0) > 0,
      attributes: {
        engine: cluster.Engine,
        deletionProtection: cluster.DeletionProtection ?? false,
        backupRetentionPeriod: cluster.BackupRetentionPeriod,
        ...(cluster.KmsKeyId ? { kmsKeyId: cluster.KmsKeyId } : {}),
      },
    });
    if (cluster.DeletionProtection) {
      inventory.protections.push({
        kind: 'deletion-protection',
        resource: cluster.DBClusterArn,
        blocks: ['rds:DeleteDBCluster'],
        description: 'RDS deletion protection is on for this cluster',
        removableBy: ['rds:ModifyDBCluster'],
      });
    }
    inventory.targets.push({ resourceId: cluster.DBClusterArn, target: 'rds-cluster', arn: cluster.DBClusterArn });
  }

  for (const snapshot of snapshots ?? []) {
    if (!snapshot.DBSnapshotArn || !snapshot.DBSnapshotIdentifier) continue;
    inventory.resources.push({
      id: snapshot.DBSnapshotArn,
      type: 'rds-db-snapshot',
      name: snapshot.DBSnapshotIdentifier,
      provider: 'aws',
      attributes: { snapshotType: snapshot.SnapshotType, instance: snapshot.DBInstanceIdentifier, encrypted: snapshot.Encrypted ?? false },
    });
    inventory.targets.push({ resourceId: snapshot.DBSnapshotArn, target: 'rds-snapshot', arn: snapshot.DBSnapshotArn });
  }

  for (const snapshot of clusterSnapshots ?? []) {
    if (!snapshot.DBClusterSnapshotArn || !snapshot.DBClusterSnapshotIdentifier) continue;
    inventory.resources.push({
      id: snapshot.DBClusterSnapshotArn,
      type: 'rds-db-cluster-snapshot',
      name: snapshot.DBClusterSnapshotIdentifier,
      provider: 'aws',
      attributes: { snapshotType: snapshot.SnapshotType, cluster: snapshot.DBClusterIdentifier },
    });
    inventory.targets.push({ resourceId: snapshot.DBClusterSnapshotArn, target: 'rds-cluster-snapshot', arn: snapshot.DBClusterSnapshotArn });
  }
  return inventory;
}
