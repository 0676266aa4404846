import { assessBlastRadius } from '../../src/assess/assess.js';
import { assessWorkspace } from '../../src/assess/workspace.js';
import { parseProjectConfig } from '../../src/config/config.js';
import { Secret, tokenId } from '../../src/core/secret.js';
import type { Token, VerificationResult } from '../../src/core/types.js';
import { buildReport, type Report, type TokenAnalysis } from '../../src/report/model.js';
import type { ScanResult } from '../../src/scan/scan.js';

/** A fixed, realistic report (no clock, no paths of this machine) for golden files and UI tests. */
export function sampleReport(): Report {
  const config = parseProjectConfig(
    {
      resources: {
        production: ['arn:aws:s3:::acme-prod-*', 'railway:acme-shop/production/*', 'postgres://db.acme-shop.internal:5432/shop'],
        backup: ['arn:aws:s3:::acme-backups*', 'arn:aws:backup:*:*:backup-vault:*'],
      },
    },
    'blastradius.yaml',
  );
  const token = (ruleId: string, provider: string, kind: string, secret: string, redacted: string, file: string, line: number): Token => ({
    id: tokenId(secret),
    ruleId,
    provider,
    kind,
    redacted,
    locations: [{ file, line, column: 19 }],
    secret: new Secret(secret),
  });
  const railway = token('railway.api-token', 'railway', 'api-token', 'sample-railway-secret-1', '…6a7b', '.env', 3);
  const aws = token('aws.access-key', 'aws', 'access-key', 'AKIASAMPLE:sample-aws-secret', 'AKIA…LRAB', '.env', 4);
  const github = token('github.classic-pat', 'github', 'classic-pat', 'sample-github-secret', 'ghp_…wdgz', '.env', 6);
  const postgres = token(
    'postgres.connection-url',
    'postgres',
    'connection-url',
    'sample-postgres-url',
    'postgres://reporter:…@db.acme-shop.internal:5432/shop',
    'src/db.ts',
    2,
  );
  const slack = token('slack.token', 'slack', 'token', 'sample-slack-secret', 'xoxb-…tHo7', 'config/deploy.yml', 6);
  const stripe = token('stripe.secret-key', 'stripe', 'live-secret-key', 'sample-stripe-secret', 'sk_live_…l0RI', 'src/payments.ts', 4);
  const volume = 'railway:acme-shop/production/postgres-volume';
  const verifications: Record<string, VerificationResult> = {
    [railway.id]: {
      status: 'live',
      identity: { principal: 'ops@acme-shop.test', type: 'account-token' },
      grants: [
        { action: 'admin', resource: 'railway:*', evidence: 'account token: whole-account authority' },
        { action: 'destroy', resource: volume, operation: 'volumeDelete', evidence: 'account token: whole-account authority' },
      ],
      resources: [{ id: volume, type: 'volume', name: 'postgres-volume', provider: 'railway', holdsBackups: true, attributes: { backups: 3 } }],
      protections: [
        { kind: 'soft-delete', resource: volume, blocks: ['volumeDelete'], description: 'deleted volumes can be restored for 48 hours', mitigationOnly: true },
      ],
      unknowns: [],
      notes: [],
    },
    [aws.id]: {
      status: 'live',
      identity: { principal: 'arn:aws:iam::123456789012:user/ci-deploy', type: 'user', account: '123456789012' },
      grants: [
        { action: 'destroy', resource: 'arn:aws:s3:::*', operation: 's3:DeleteBucket', evidence: 'AdministratorAccess / statement #1' },
        {
          action: 'destroy',
          resource: 'arn:aws:backup:us-east-1:123456789012:backup-vault:*',
          operation: 'backup:DeleteRecoveryPoint',
          evidence: 'AdministratorAccess / statement #1',
        },
        { action: 'admin', resource: 'arn:aws:iam::123456789012:*', operation: 'iam:AttachUserPolicy', evidence: 'AdministratorAccess / statement #1' },
      ],
      resources: [],
      protections: [],
      unknowns: [],
      notes: [],
    },
    [github.id]: {
      status: 'live',
      identity: { principal: 'acme-bot', type: 'user' },
      grants: [{ action: 'read', resource: 'github:acme/shop', evidence: 'scope repo; permission pull' }],
      resources: [],
      protections: [],
      unknowns: [],
      notes: [],
    },
    [postgres.id]: {
      status: 'live',
      identity: { principal: 'reporter@db.acme-shop.internal:5432' },
      grants: [
        { action: 'read', resource: 'postgres://db.acme-shop.internal:5432/shop', operation: 'SELECT', evidence: 'SELECT on 12 table(s) in schema public' },
      ],
      resources: [],
      protections: [],
      unknowns: [],
      notes: [],
    },
    [slack.id]: {
      status: 'error',
      detail: 'https://slack.com/api/auth.test: timed out after 10000 ms',
      grants: [],
      resources: [],
      protections: [],
      unknowns: [{ what: 'everything this token can do', reason: 'timed out' }],
      notes: [],
    },
  };
  const tokens = [railway, aws, github, postgres, slack, stripe];
  const analyses = new Map<string, TokenAnalysis>(
    tokens.map((t) => [t.id, { verification: verifications[t.id], blastRadius: assessBlastRadius({ token: t, verification: verifications[t.id], config }) }]),
  );
  const scan: ScanResult = {
    roots: ['.'],
    files: 42,
    bytes: 123_456,
    skipped: [{ file: 'assets/logo.png', reason: 'binary' }],
    errors: [],
    partial: [],
    durationMs: 87,
    tokens,
    allowedInline: 1,
  };
  const report = buildReport({ version: '0.0.0-test', scan, offline: false, analyses });
  report.workspace = assessWorkspace(report.tokens);
  return report;
}
