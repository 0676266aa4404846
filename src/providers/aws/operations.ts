import type { ActionClass } from '../../core/types.js';

/** The kind of AWS resource an operation acts on (decides the ARN shapes it is simulated against). */
export type TargetKind =
  | 's3-bucket'
  | 's3-object'
  | 'backup-vault'
  | 'backup-recovery-point'
  | 'rds-db'
  | 'rds-cluster'
  | 'rds-snapshot'
  | 'rds-cluster-snapshot'
  | 'dynamodb-table'
  | 'dynamodb-backup'
  | 'ec2-volume'
  | 'ec2-snapshot'
  | 'kms-key'
  | 'iam-user'
  | 'iam-role'
  | 'iam-group'
  | 'iam-policy';

/** One IAM action the provider evaluates, with the action class a grant of it counts as. */
export interface OperationSpec {
  operation: string;
  action: ActionClass;
  target: TargetKind;
  /** Class when the operation is allowed only on the principal itself (a key for itself is not escalation). */
  selfAction?: ActionClass;
}

const op = (operation: string, action: ActionClass, target: TargetKind, selfAction?: ActionClass): OperationSpec => ({ operation, action, target, selfAction });

/**
 * The operations that matter for data and its backups, evaluated for every principal.
 * `destroy` = irreversible loss (delete, drop, shorten retention, disable versioning or a lock,
 * schedule deletion of the key that encrypts the data); IAM operations that let the principal
 * grant itself more, or remove a Deny that protects something, are `admin`. Operations that destroy
 * only together with another one (a retention bypass, deleting a bucket that must first be emptied)
 * are listed as `destroy` here and rewritten by combinations.ts: `destroy` with `combination` where
 * the other is held, `write` or a note where it is not.
 */
export const OPERATIONS: readonly OperationSpec[] = [
  op('s3:GetObject', 'read', 's3-object'),
  op('s3:PutObject', 'write', 's3-object'),
  op('s3:DeleteObject', 'destroy', 's3-object'),
  op('s3:DeleteObjectVersion', 'destroy', 's3-object'),
  op('s3:BypassGovernanceRetention', 'destroy', 's3-object'),
  op('s3:DeleteBucket', 'destroy', 's3-bucket'),
  op('s3:PutLifecycleConfiguration', 'destroy', 's3-bucket'),
  op('s3:PutBucketVersioning', 'destroy', 's3-bucket'),
  op('s3:PutBucketPolicy', 'destroy', 's3-bucket'),
  op('s3:DeleteBucketPolicy', 'destroy', 's3-bucket'),

  op('rds:DescribeDBInstances', 'read', 'rds-db'),
  op('rds:DeleteDBInstance', 'destroy', 'rds-db'),
  op('rds:ModifyDBInstance', 'destroy', 'rds-db'),
  op('rds:DeleteDBCluster', 'destroy', 'rds-cluster'),
  op('rds:ModifyDBCluster', 'destroy', 'rds-cluster'),
  op('rds:DeleteDBSnapshot', 'destroy', 'rds-snapshot'),
  op('rds:DeleteDBClusterSnapshot', 'destroy', 'rds-cluster-snapshot'),

  op('dynamodb:Scan', 'read', 'dynamodb-table'),
  op('dynamodb:PutItem', 'write', 'dynamodb-table'),
  op('dynamodb:DeleteItem', 'destroy', 'dynamodb-table'),
  op('dynamodb:DeleteTable', 'destroy', 'dynamodb-table'),
  op('dynamodb:UpdateTable', 'write', 'dynamodb-table'),
  op('dynamodb:UpdateContinuousBackups', 'destroy', 'dynamodb-table'),
  op('dynamodb:DeleteBackup', 'destroy', 'dynamodb-backup'),

  op('ec2:DeleteVolume', 'destroy', 'ec2-volume'),
  op('ec2:DeleteSnapshot', 'destroy', 'ec2-snapshot'),

  op('backup:ListRecoveryPointsByBackupVault', 'read', 'backup-vault'),
  op('backup:DeleteRecoveryPoint', 'destroy', 'backup-recovery-point'),
  op('backup:UpdateRecoveryPointLifecycle', 'destroy', 'backup-recovery-point'),
  op('backup:DeleteBackupVault', 'destroy', 'backup-vault'),
  op('backup:DeleteBackupVaultLockConfiguration', 'destroy', 'backup-vault'),
  op('backup:PutBackupVaultAccessPolicy', 'destroy', 'backup-vault'),
  op('backup:DeleteBackupVaultAccessPolicy', 'destroy', 'backup-vault'),

  op('kms:Decrypt', 'read', 'kms-key'),
  op('kms:ScheduleKeyDeletion', 'destroy', 'kms-key'),
  // Disabling is undone by EnableKey: "temporary and easily undone" (no data lost).
  // https://docs.aws.amazon.com/kms/latest/developerguide/enabling-keys.html
  op('kms:DisableKey', 'write', 'kms-key'),
  op('kms:PutKeyPolicy', 'admin', 'kms-key'),

  op('iam:CreateAccessKey', 'admin', 'iam-user', 'write'),
  op('iam:AttachUserPolicy', 'admin', 'iam-user'),
  op('iam:PutUserPolicy', 'admin', 'iam-user'),
  op('iam:DetachUserPolicy', 'admin', 'iam-user'),
  op('iam:DeleteUserPolicy', 'admin', 'iam-user'),
  op('iam:DeleteUserPermissionsBoundary', 'admin', 'iam-user'),
  op('iam:PutUserPermissionsBoundary', 'admin', 'iam-user'),
  op('iam:AddUserToGroup', 'admin', 'iam-group'),
  op('iam:RemoveUserFromGroup', 'admin', 'iam-group'),
  op('iam:AttachGroupPolicy', 'admin', 'iam-group'),
  op('iam:PutGroupPolicy', 'admin', 'iam-group'),
  op('iam:DetachGroupPolicy', 'admin', 'iam-group'),
  op('iam:DeleteGroupPolicy', 'admin', 'iam-group'),
  op('iam:AttachRolePolicy', 'admin', 'iam-role'),
  op('iam:PutRolePolicy', 'admin', 'iam-role'),
  op('iam:DetachRolePolicy', 'admin', 'iam-role'),
  op('iam:DeleteRolePolicy', 'admin', 'iam-role'),
  op('iam:DeleteRolePermissionsBoundary', 'admin', 'iam-role'),
  op('iam:PutRolePermissionsBoundary', 'admin', 'iam-role'),
  op('iam:PassRole', 'admin', 'iam-role', 'write'),
  op('iam:UpdateAssumeRolePolicy', 'admin', 'iam-role', 'write'),
  op('iam:CreatePolicyVersion', 'admin', 'iam-policy'),
];

const byOperation = new Map(OPERATIONS.map((spec) => [spec.operation, spec]));

/** The action class of an AWS operation this provider evaluates (undefined for others). */
export function operationClass(operation: string): ActionClass | undefined {
  return byOperation.get(operation)?.action;
}

export const DESTROY_OPERATIONS = OPERATIONS.filter((s) => s.action === 'destroy').map((s) => s.operation);
export const WRITE_OPERATIONS = OPERATIONS.filter((s) => s.action === 'write').map((s) => s.operation);
export const READ_OPERATIONS = OPERATIONS.filter((s) => s.action === 'read').map((s) => s.operation);
export const ADMIN_OPERATIONS = OPERATIONS.filter((s) => s.action === 'admin').map((s) => s.operation);

export function operationsFor(target: TargetKind): OperationSpec[] {
  return OPERATIONS.filter((spec) => spec.target === target);
}
