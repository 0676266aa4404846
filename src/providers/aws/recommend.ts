import type { RecommendInput } from '../../assess/types.js';

/** Least privilege on AWS: roles over keys, explicit denies and locked vaults for the backups. */
export function recommendAws(input: RecommendInput): string[] {
  const out: string[] = [];
  const ops = new Set(input.paths.filter((p) => p.level !== 'none').map((p) => p.operation));
  if (input.paths.some((p) => p.action === 'admin'))
    out.push('Replace this key with a role limited to the actions it needs; it holds IAM privilege escalation or admin rights.');
  if (input.backup === 'destroy') {
    out.push(
      'Add an explicit Deny on backup:Delete*, backup:UpdateRecoveryPointLifecycle, backup:DeleteBackupVaultLockConfiguration and rds:DeleteDB*Snapshot for this principal.',
    );
    out.push('Turn on AWS Backup Vault Lock in compliance mode, and keep backups in a separate account.');
  }
  if (ops.has('s3:DeleteObject') || ops.has('s3:PutBucketVersioning'))
    out.push('Enable S3 versioning with Object Lock (compliance mode) on production and backup buckets.');
  out.push('Prefer short-lived credentials (SSO / assumed roles) over long-lived access keys in files.');
  return out;
}
