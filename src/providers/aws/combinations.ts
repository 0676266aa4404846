import type { Grant, Protection } from '../../core/types.js';

/**
 * Operations that destroy nothing by themselves: they act only together with another operation on
 * the same resource. A grant of one counts as `destroy` only when the principal also holds one of
 * `anyOf` there; it is then reported with `combination` naming it. Alone it is `alone` (a `write`
 * grant, or only a note), never `destroy`. Each row cites the AWS page the fact comes from.
 *
 * Checked and NOT listed (they destroy by themselves): s3:PutLifecycleConfiguration (S3 expires
 * objects itself), backup:UpdateRecoveryPointLifecycle (AWS Backup deletes at the new expiry),
 * kms:ScheduleKeyDeletion (the key is deleted when the waiting period ends), s3:PutBucketPolicy
 * (in the same account a bucket-policy Allow is enough, so it can grant itself the delete:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 * kms:DisableKey is `write` in operations.ts: disabling is undone by EnableKey.
 */
export interface NeedsRow {
  operation: string;
  /** The grant destroys once one of these is held on the same resource (first held wins). */
  anyOf: string[];
  /** The needed operation must cover the whole resource, not a prefix of its objects (emptying a bucket). */
  wholeResource?: boolean;
  /** What it is without the others: a `write` grant, or only a note (it changes nothing by itself). */
  alone: 'write' | 'note';
  /** Why the combination destroys, shown in the evidence. */
  why: string;
  /** Why it destroys nothing alone. */
  aloneWhy: string;
  doc: string;
}

export const NEEDS: readonly NeedsRow[] = [
  {
    operation: 's3:BypassGovernanceRetention',
    anyOf: ['s3:DeleteObjectVersion'],
    alone: 'note',
    why: 'deletes object versions that Object Lock governance-mode retention protects',
    aloneWhy: 'it only lifts governance-mode retention for a request that also deletes a version (s3:DeleteObjectVersion) or changes retention',
    doc: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html#object-lock-retention-modes',
  },
  {
    operation: 's3:DeleteBucket',
    anyOf: ['s3:DeleteObjectVersion', 's3:DeleteObject'],
    wholeResource: true,
    alone: 'write',
    why: 'empties the bucket, then deletes it',
    aloneWhy: 'a bucket can be deleted only once every object version and delete marker in it is gone',
    doc: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html',
  },
  {
    operation: 's3:PutBucketVersioning',
    anyOf: ['s3:DeleteObject', 's3:PutObject'],
    alone: 'write',
    why: 'suspends versioning, after which DeleteObject and PutObject remove null-version objects (stored before versioning was enabled) and every later write',
    aloneWhy: 'suspending versioning leaves existing object versions as they are',
    doc: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/VersionSuspendedBehavior.html',
  },
  {
    operation: 's3:DeleteBucketPolicy',
    anyOf: ['s3:DeleteObjectVersion', 's3:DeleteObject', 's3:PutLifecycleConfiguration'],
    alone: 'write',
    why: 'removes the bucket policy and any Deny in it that protected the objects',
    aloneWhy: 'it removes the bucket policy only; deleting data needs a delete permission',
    doc: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketPolicy.html',
  },
  {
    operation: 'backup:DeleteBackupVault',
    anyOf: ['backup:DeleteRecoveryPoint'],
    wholeResource: true,
    alone: 'write',
    why: 'deletes the recovery points, then the vault',
    aloneWhy: 'a vault can be deleted only if it is empty',
    doc: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DeleteBackupVault.html',
  },
  {
    operation: 'backup:DeleteBackupVaultLockConfiguration',
    anyOf: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
    alone: 'write',
    why: 'removes Vault Lock (governance mode, or compliance mode in its grace time), then deletes recovery points or shortens their retention',
    aloneWhy: 'it removes the lock only; deleting recovery points needs backup:DeleteRecoveryPoint or backup:UpdateRecoveryPointLifecycle',
    doc: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DeleteBackupVaultLockConfiguration.html',
  },
  {
    operation: 'backup:DeleteBackupVaultAccessPolicy',
    anyOf: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
    alone: 'write',
    why: 'removes the vault access policy and any Deny in it that protected the recovery points',
    aloneWhy: 'it removes the access policy only; deleting recovery points needs backup:DeleteRecoveryPoint or backup:UpdateRecoveryPointLifecycle',
    doc: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DeleteBackupVaultAccessPolicy.html',
  },
];

const byOperation = new Map(NEEDS.map((row) => [row.operation, row]));

/** True when `pattern` (an ARN glob with * and ?) matches `id` (an ARN, or a narrower glob taken literally). */
export function arnCovers(pattern: string, id: string): boolean {
  if (pattern === id) return true;
  if (!/[*?]/.test(pattern)) return false;
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(id);
}

// Marks an s3-object grant limited to some keys (capabilities.ts): it cannot empty a whole bucket.
const OBJECT_PREFIX_ONLY = /\(objects .+ only\)/;

/**
 * Rewrites grants of the operations in NEEDS: `destroy` with `combination` where one of the needed
 * operations is held on the same resource, `write` (or a note) elsewhere. Protections that block a
 * needed operation also block the combination (a compliance-mode lock stops the delete it needs).
 */
export function applyNeeds(grants: readonly Grant[], protections: readonly Protection[]): { grants: Grant[]; protections: Protection[]; notes: string[] } {
  const out: Grant[] = [];
  const notes: string[] = [];
  const combined: Grant[] = [];
  for (const grant of grants) {
    const row = grant.operation ? byOperation.get(grant.operation) : undefined;
    if (!row || grant.action !== 'destroy') {
      out.push(grant);
      continue;
    }
    const found = combinationsFor(grant, row, grants);
    combined.push(...found);
    out.push(...found);
    if (found.some((c) => c.resource === grant.resource)) continue;
    const alone = `${grant.operation} on ${grant.resource} (${grant.evidence}) destroys nothing by itself: ${row.aloneWhy} (${row.doc})`;
    if (row.alone === 'write') out.push({ ...grant, action: 'write', evidence: `${grant.evidence}; alone: ${row.aloneWhy}` });
    else notes.push(alone);
  }
  return { grants: dedupe(out), protections: protections.map((p) => extendBlocks(p, combined)), notes };
}

function combinationsFor(grant: Grant, row: NeedsRow, grants: readonly Grant[]): Grant[] {
  for (const needed of row.anyOf) {
    const found: Grant[] = [];
    for (const other of grants) {
      if (other.operation !== needed || (other.action !== 'destroy' && other.action !== 'write')) continue;
      if (row.wholeResource && OBJECT_PREFIX_ONLY.test(other.evidence)) continue;
      // The combination acts where both hold: on the narrower of the two resources.
      const resource = arnCovers(other.resource, grant.resource) ? grant.resource : arnCovers(grant.resource, other.resource) ? other.resource : undefined;
      if (!resource || found.some((g) => g.resource === resource)) continue;
      found.push({
        ...grant,
        action: 'destroy',
        resource,
        combination: [needed],
        evidence: `${grant.operation} (${grant.evidence}) + ${needed} (${other.evidence}): ${row.why}`,
      });
    }
    if (found.length) return found;
  }
  return [];
}

function extendBlocks(protection: Protection, combined: readonly Grant[]): Protection {
  if (protection.blocks.length === 0) return protection;
  const blocks = [...protection.blocks];
  for (const grant of combined) {
    if (!grant.operation || blocks.includes(grant.operation)) continue;
    if (!grant.combination?.some((op) => protection.blocks.includes(op))) continue;
    if (arnCovers(protection.resource, grant.resource) || arnCovers(grant.resource, protection.resource)) blocks.push(grant.operation);
  }
  return blocks.length === protection.blocks.length ? protection : { ...protection, blocks };
}

function dedupe(grants: Grant[]): Grant[] {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = `${g.operation} ${g.resource} ${g.action} ${g.evidence}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
