import type { ReachLevel, Token, VerificationResult } from '../core/types.js';
import type { BlastPath, BlastRadius } from './types.js';

interface RecommendInput {
  token: Pick<Token, 'provider' | 'kind' | 'ruleId'>;
  verification: VerificationResult;
  production: ReachLevel;
  backup: ReachLevel;
  shared: boolean;
  paths: BlastPath[];
  protections: BlastRadius['protections'];
}

/** How to shrink the blast radius: concrete, provider-specific, most important first. */
export function recommend(input: RecommendInput): string[] {
  const out: string[] = [];
  const ops = new Set(input.paths.filter((p) => p.level !== 'none').map((p) => p.operation).filter(Boolean));
  const identityType = String(input.verification.identity?.type ?? '');
  const reachesSomething = input.production !== 'none' || input.backup !== 'none';
  switch (input.token.provider) {
    case 'railway':
      if (/account|workspace/.test(identityType) || input.verification.grants.some((g) => /^(account|workspace) token/.test(g.evidence))) {
        out.push('This is an account/workspace token with whole-account authority: replace it with a project token scoped to the one environment it needs.');
      }
      if (ops.has('volumeDelete')) out.push("Keep a copy of production data outside the volume (Railway deletes a volume's backups with it): e.g. a scheduled pg_dump to separate storage under separate credentials.");
      break;
    case 'aws':
      if (input.paths.some((p) => p.action === 'admin')) out.push('Replace this key with a role limited to the actions it needs; it holds IAM privilege escalation or admin rights.');
      if (input.backup === 'destroy') {
        out.push('Add an explicit Deny on backup:Delete*, backup:UpdateRecoveryPointLifecycle, backup:DeleteBackupVaultLockConfiguration and rds:DeleteDB*Snapshot for this principal.');
        out.push('Turn on AWS Backup Vault Lock in compliance mode, and keep backups in a separate account.');
      }
      if (ops.has('s3:DeleteObject') || ops.has('s3:PutBucketVersioning')) out.push('Enable S3 versioning with Object Lock (compliance mode) on production and backup buckets.');
      out.push('Prefer short-lived credentials (SSO / assumed roles) over long-lived access keys in files.');
      break;
    case 'github':
      if (ops.has('delete_repo')) out.push('Drop the delete_repo scope: create a fine-grained token limited to the repositories and permissions it needs.');
      else if (reachesSomething) out.push('Use a fine-grained token limited to the repositories and permissions it needs, with an expiry.');
      break;
    case 'postgres':
      if (input.paths.some((p) => p.action === 'admin')) out.push('Use a role without SUPERUSER/CREATEROLE for the application; keep superuser credentials out of the workspace.');
      if (input.production === 'destroy') out.push('Give the application role only the DML it needs on its own tables; do not let it own the database (owners can DROP it).');
      break;
  }
  if (input.shared) out.push('Production and its backups share one credential: put backups under a different account or credential than production, so that no single token can destroy both.');
  for (const p of input.protections) if (!p.effective && p.reason?.startsWith('the token can remove it')) out.push(`The ${p.kind} on ${p.resource} does not protect against this token: ${p.reason}.`);
  if (reachesSomething) out.push('This token sits in a file an agent or dependency can read: rotate it and load it from a secret manager at run time.');
  return [...new Set(out)];
}
