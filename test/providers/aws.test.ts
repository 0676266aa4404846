import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grant, Token, VerificationResult } from '../../src/core/types.js';
import aws, { accountIdFromKeyId, DESTROY_OPERATIONS, operationClass } from '../../src/providers/aws/index.js';
import { endpointOverride } from '../../src/providers/aws/clients.js';
import type { ProviderContext } from '../../src/providers/types.js';
import { closedPortUrl } from '../helpers/provider-harness.js';
import { makeToken, testContext } from '../helpers/provider.js';
import { FakeAws, manifest, mutatingCalls, parseAwsRequest } from './aws/fake-aws.js';

const ACCOUNT = manifest.account;
const keyOf = (scenario: string) => Object.entries(manifest.keys).find(([, k]) => k.scenario === scenario)!;

function tokenFor(scenario: string, secretOverride?: string): Token {
  const [id, key] = keyOf(scenario);
  return makeToken('aws.access-key', `${id}:${secretOverride ?? key.secret}`, key.sessionToken ? { sessionToken: key.sessionToken } : {});
}

let fake: FakeAws;
beforeAll(async () => {
  fake = await new FakeAws().start();
});
afterAll(async () => {
  await fake.stop();
});

/** Runs one verification and checks what every test must: nothing mutating sent, no secret leaked. */
async function verify(token: Token, overrides: Partial<ProviderContext> = {}, servers: FakeAws[] = [fake]) {
  const before = servers.map((s) => s.server.requests.length);
  const callsBefore = servers.map((s) => s.calls.length);
  const ctx = testContext({ env: { AWS_ENDPOINT_URL: fake.url }, ...overrides });
  const started = Date.now();
  const result = await aws.verify(token, ctx);
  const elapsedMs = Date.now() - started;
  const requests = servers.flatMap((s, i) => s.server.requests.slice(before[i]));
  expectReadOnly(requests);
  expectNoSecret(token, result, ctx.logs);
  // The fake's own record: parsed per protocol, with the outcome of its signature check.
  const calls = servers.flatMap((s, i) => s.calls.slice(callsBefore[i]));
  expect(calls.map(({ signatureValid, ...call }) => call)).toEqual(requests.map(parseAwsRequest));
  return { result, ctx, requests, calls, elapsedMs };
}

function expectReadOnly(requests: Parameters<typeof mutatingCalls>[0]): void {
  expect(mutatingCalls(requests)).toEqual([]);
}

function expectNoSecret(token: Token, result: VerificationResult, logs: string[]): void {
  const secrets = [token.secret.reveal(), token.secret.reveal().split(':')[1], ...Object.values(token.extras ?? {}).map((s) => s.reveal())];
  const text = JSON.stringify(result) + logs.join('\n');
  for (const secret of secrets) expect(text).not.toContain(secret);
}

const grant = (result: VerificationResult, operation: string, resource?: string): Grant | undefined =>
  result.grants.find((g) => g.operation === operation && (resource === undefined || g.resource === resource));

describe('aws: the fake itself', () => {
  it('flags mutating requests in every protocol, and only those', () => {
    const signed = (service: string) =>
      `AWS4-HMAC-SHA256 Credential=AKIARZPUZDIKFTPQA64S/20261125/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`;
    const request = (service: string, method: string, path: string, headers: Record<string, string>, body = '') => ({
      method,
      path,
      query: new URLSearchParams(),
      headers: { authorization: signed(service), ...headers },
      body,
    });
    const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
    const mutating = [
      request('iam', 'POST', '/', form, 'Action=AttachUserPolicy&Version=2010-05-08&UserName=x'),
      request('rds', 'POST', '/', form, 'Action=ModifyDBInstance&Version=2014-10-31'),
      request('dynamodb', 'POST', '/', { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.DeleteTable' }, '{}'),
      request('kms', 'POST', '/', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.ScheduleKeyDeletion' }, '{}'),
      request('s3', 'DELETE', '/acme-prod-data/', {}),
      request('backup', 'PUT', '/backup-vaults/prod-vault/access-policy', {}),
    ];
    const readOnly = [
      request('iam', 'POST', '/', form, 'Action=GetUser&Version=2010-05-08'),
      request('s3', 'GET', '/', {}),
      request('backup', 'GET', '/backup-vaults/', {}),
    ];
    expect(mutatingCalls(mutating).map((c) => `${c.service} ${c.operation}`)).toEqual([
      'iam AttachUserPolicy',
      'rds ModifyDBInstance',
      'dynamodb DeleteTable',
      'kms ScheduleKeyDeletion',
      's3 DELETE bucket',
      'backup PUT access-policy',
    ]);
    expectReadOnly(readOnly);
  });
});

describe('aws: offline account id', () => {
  it('decodes the published example and the fixture keys, and refuses old-generation ids', () => {
    expect(accountIdFromKeyId('ASIAY34FZKBOKMUTVV7A')).toBe('609629065308');
    expect(accountIdFromKeyId(keyOf('admin-user')[0])).toBe(ACCOUNT);
    expect(accountIdFromKeyId('AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
    expect(accountIdFromKeyId('not-a-key')).toBeUndefined();
    expectReadOnly([]);
  });

  it('exports which operations are destroy / write / read / admin', () => {
    expect(DESTROY_OPERATIONS).toEqual(
      expect.arrayContaining(['s3:DeleteBucket', 'rds:DeleteDBInstance', 'backup:DeleteRecoveryPoint', 'kms:ScheduleKeyDeletion']),
    );
    expect(operationClass('s3:GetObject')).toBe('read');
    expect(operationClass('s3:PutObject')).toBe('write');
    expect(operationClass('iam:AttachUserPolicy')).toBe('admin');
    expectReadOnly([]);
  });
});

describe('aws: live keys against the fake AWS (real SDK, SigV4-checked)', () => {
  it('admin user: destroy on every data and backup service, admin over IAM, service safeguards read', async () => {
    const { result, calls } = await verify(tokenFor('admin-user'));
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: `arn:aws:iam::${ACCOUNT}:user/deploy-bot`, type: 'iam-user', account: ACCOUNT, endpoint: fake.url });
    expect(grant(result, 's3:DeleteObjectVersion', 'arn:aws:s3:::*')).toMatchObject({ action: 'destroy', evidence: 'AdministratorAccess / statement #1' });
    // A bucket must be emptied first: DeleteBucket destroys only with the version delete it holds too.
    expect(grant(result, 's3:DeleteBucket', 'arn:aws:s3:::*')).toMatchObject({ action: 'destroy', combination: ['s3:DeleteObjectVersion'] });
    expect(grant(result, 'backup:DeleteRecoveryPoint', `arn:aws:backup:us-east-1:${ACCOUNT}:backup-vault:*`)?.action).toBe('destroy');
    expect(grant(result, 'rds:DeleteDBInstance', `arn:aws:rds:us-east-1:${ACCOUNT}:db:*`)?.action).toBe('destroy');
    expect(grant(result, 'iam:AttachUserPolicy', `arn:aws:iam::${ACCOUNT}:*`)?.action).toBe('admin');
    expect(grant(result, 'kms:ScheduleKeyDeletion', `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`)?.evidence).toContain(
      'key policy of 1234abcd',
    );

    expect(result.resources.map((r) => r.id)).toEqual(
      expect.arrayContaining([
        'arn:aws:s3:::acme-prod-data',
        'arn:aws:s3:::acme-backups',
        `arn:aws:backup:us-east-1:${ACCOUNT}:backup-vault:prod-vault`,
        `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`,
      ]),
    );
    expect(result.resources.find((r) => r.type === 'rds-db-instance')).toMatchObject({
      id: `arn:aws:rds:us-east-1:${ACCOUNT}:db:acme-prod-db`,
      holdsBackups: true,
    });
    const protection = (kind: string, resource: string) => result.protections.find((p) => p.kind === kind && p.resource === resource);
    expect(protection('object-lock', 'arn:aws:s3:::acme-backups')).toMatchObject({
      removableBy: [],
      blocks: expect.arrayContaining(['s3:DeleteObject', 's3:PutLifecycleConfiguration']),
    });
    expect(protection('object-lock', 'arn:aws:s3:::acme-backups')?.description).toContain('COMPLIANCE');
    expect(protection('vault-lock', `arn:aws:backup:us-east-1:${ACCOUNT}:backup-vault:prod-vault`)?.removableBy).toEqual([]);
    expect(protection('vault-lock', `arn:aws:backup:us-east-1:${ACCOUNT}:backup-vault:staging-vault`)?.removableBy).toEqual([
      'backup:DeleteBackupVaultLockConfiguration',
    ]);
    expect(protection('deletion-protection', `arn:aws:rds:us-east-1:${ACCOUNT}:db:acme-prod-db`)?.removableBy).toEqual(['rds:ModifyDBInstance']);
    expect(protection('resource-policy', 'arn:aws:s3:::acme-backups')).toMatchObject({
      description: 'Deny in bucket policy of acme-backups / DenyObjectDeletion',
      blocks: expect.arrayContaining(['s3:DeleteObject']),
    });

    // Each service in its own protocol, every request signed with the scanned key.
    expect(calls.every((c) => c.signatureValid && c.accessKeyId === keyOf('admin-user')[0])).toBe(true);
    const services = new Set(calls.map((c) => c.service));
    expect([...services].sort()).toEqual(['backup', 'dynamodb', 'ec2', 'iam', 'kms', 'rds', 's3', 'sts']);
    expect(calls.filter((c) => c.service === 's3' || c.service === 'backup').every((c) => c.method === 'GET')).toBe(true);
  });

  it('narrow user: one read grant on one bucket, inventory denied is "not visible", not an error', async () => {
    const { result, ctx } = await verify(tokenFor('narrow-user'));
    expect(result.status).toBe('live');
    expect(ctx.logs.some((line) => line.includes('user/reader: 1 grants'))).toBe(true);
    expect(result.grants).toEqual([
      {
        action: 'read',
        resource: 'arn:aws:s3:::acme-prod-data',
        evidence: 'ReadProdData / ReadProdObjects',
        operation: 's3:GetObject',
        principal: `arn:aws:iam::${ACCOUNT}:user/reader`,
      },
    ]);
    expect(result.resources).toEqual([]);
    expect(result.notes).toContain('not visible to this key: s3:ListBuckets (AccessDenied)');
    expect(result.unknowns).toEqual([]);
  });

  it('explicit Deny on backup:* becomes a protection the principal could remove itself', async () => {
    const { result } = await verify(tokenFor('deny-backup-user'));
    expect(result.grants.filter((g) => g.operation?.startsWith('backup:'))).toEqual([]);
    expect(grant(result, 's3:DeleteObjectVersion', 'arn:aws:s3:::*')?.evidence).toBe('AdministratorAccess (group Admins) / statement #1');
    const deny = result.protections.find((p) => p.kind === 'explicit-deny' && p.resource === `arn:aws:backup:us-east-1:${ACCOUNT}:backup-vault:*`);
    expect(deny).toMatchObject({ description: 'Deny in ProtectBackups / DenyBackupDeletion', removableBy: ['iam:DeleteUserPolicy', 'iam:PutUserPolicy'] });
    expect(deny?.blocks).toEqual(
      expect.arrayContaining(['backup:DeleteRecoveryPoint', 'backup:DeleteBackupVault', 'backup:DeleteBackupVaultLockConfiguration']),
    );
    // The same admin policy lets it delete that inline Deny: the assessment must see it.
    expect(grant(result, 'iam:DeleteUserPolicy')?.action).toBe('admin');
    expect(result.protections.some((p) => p.kind === 'explicit-deny' && p.resource.endsWith('backup-vault:prod-vault'))).toBe(true);
  });

  it('permissions boundary narrows AdministratorAccess to what both allow', async () => {
    const { result } = await verify(tokenFor('boundary-user'));
    expect(grant(result, 's3:DeleteBucket', 'arn:aws:s3:::*')).toBeUndefined();
    expect(grant(result, 's3:DeleteObjectVersion', 'arn:aws:s3:::acme-dev-*')?.evidence).toBe(
      'AdministratorAccess / statement #1 (within permissions boundary ContractorBoundary / DevBucketsOnly)',
    );
    expect(grant(result, 's3:DeleteBucket', 'arn:aws:s3:::acme-dev-*')).toMatchObject({ action: 'destroy', combination: ['s3:DeleteObjectVersion'] });
    expect(result.grants.every((g) => g.resource === 'arn:aws:s3:::acme-dev-*')).toBe(true);
    const rds = result.protections.find((p) => p.kind === 'permission-boundary' && p.resource === `arn:aws:rds:us-east-1:${ACCOUNT}:db:*`);
    expect(rds).toMatchObject({
      description: 'permissions boundary ContractorBoundary does not allow it',
      blocks: expect.arrayContaining(['rds:DeleteDBInstance']),
    });
    expect(rds?.removableBy).toContain('iam:DeleteUserPermissionsBoundary');
    // Listed production bucket: the boundary is what stops AdministratorAccess there.
    expect(result.protections.find((p) => p.kind === 'permission-boundary' && p.resource === 'arn:aws:s3:::acme-prod-data')?.blocks).toContain(
      's3:DeleteBucket',
    );
  });

  it('assumed role (session token): the role policies, a prefix-limited S3 grant, and a conditional allow as unknown', async () => {
    const { result, calls } = await verify(tokenFor('assumed-role'));
    expect(calls.every((c) => c.signatureValid)).toBe(true);
    expect(result.identity).toMatchObject({ type: 'assumed-role', role: `arn:aws:iam::${ACCOUNT}:role/service/app-runtime`, session: 'i-0abc123def4567890' });
    expect(grant(result, 'dynamodb:DeleteItem', `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`)).toMatchObject({
      action: 'destroy',
      evidence: 'AppData / OrdersTable',
    });
    expect(grant(result, 's3:PutObject', 'arn:aws:s3:::acme-prod-data')?.evidence).toBe('AppData / AppObjects (objects app/* only)');
    expect(grant(result, 'dynamodb:DeleteTable')).toBeUndefined();
    expect(grant(result, 'rds:DeleteDBSnapshot')).toBeUndefined();
    expect(result.unknowns).toEqual([
      expect.objectContaining({
        what: `rds:DeleteDBSnapshot on arn:aws:rds:*:${ACCOUNT}:snapshot:app-*`,
        reason: expect.stringContaining('aws:SourceIp IpAddress 10.0.0.0/8'),
      }),
    ]);
  });

  it('root key: unrestricted admin over the account, critical by itself, no IAM reads', async () => {
    const { result, calls } = await verify(tokenFor('root'));
    expect(result.identity).toMatchObject({ principal: `arn:aws:iam::${ACCOUNT}:root`, type: 'root' });
    expect(result.grants).toContainEqual(
      expect.objectContaining({ action: 'admin', resource: `arn:aws:*:*:${ACCOUNT}:*`, evidence: 'root user: unrestricted' }),
    );
    expect(grant(result, 'backup:DeleteBackupVaultLockConfiguration')?.action).toBe('destroy');
    expect(calls.some((c) => c.service === 'iam')).toBe(false);
  });

  it('key that cannot read its own IAM: identity known, capability unknown (never "none")', async () => {
    const { result } = await verify(tokenFor('no-iam-user'));
    expect(result.status).toBe('live');
    expect(result.identity?.principal).toBe(`arn:aws:iam::${ACCOUNT}:user/ci/ci-deployer`);
    expect(result.unknowns).toEqual([expect.objectContaining({ what: 'everything this key can do', reason: expect.stringContaining('unknown, not none') })]);
    expect(result.unknowns[0].reason).toContain('--aws-audit-profile');
    // Only what a successful call proves (the EC2 DryRun answers are tested in aws-verdicts.test.ts).
    expect(result.grants.filter((g) => g.action === 'read')).toEqual([
      expect.objectContaining({ operation: 'rds:DescribeDBInstances', evidence: 'observed: rds:DescribeDBInstances succeeded' }),
    ]);
    expect(result.grants.every((g) => g.evidence.startsWith('observed: '))).toBe(true);
    expect(result.resources.map((r) => r.name)).toContain('acme-prod-data');
  });

  it('the same key with an audit profile: policies read with the auditor credential only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'blastradius-aws-'));
    try {
      const [auditorId, auditor] = keyOf('auditor');
      writeFileSync(join(dir, 'credentials'), `[blastradius-audit]\naws_access_key_id = ${auditorId}\naws_secret_access_key = ${auditor.secret}\n`);
      const env = { AWS_ENDPOINT_URL: fake.url, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_CONFIG_FILE: join(dir, 'config') };
      const { result, calls } = await verify(tokenFor('no-iam-user'), { env, awsAuditProfile: 'blastradius-audit' });
      expect(result.unknowns).toEqual([]);
      expect(grant(result, 's3:DeleteObjectVersion', 'arn:aws:s3:::*')).toMatchObject({ action: 'destroy', evidence: 'AmazonS3FullAccess / statement #1' });
      expect(result.notes).toContain('IAM policies read with the audit profile "blastradius-audit"');
      const iamCalls = calls.filter((c) => c.service === 'iam');
      expect(iamCalls.length).toBeGreaterThan(0);
      expect(iamCalls.every((c) => c.accessKeyId === auditorId && c.signatureValid)).toBe(true);
      expect(calls.filter((c) => c.service !== 'iam').every((c) => c.accessKeyId === keyOf('no-iam-user')[0])).toBe(true);
      expect(JSON.stringify(result)).not.toContain(auditor.secret);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('aws: rejected, unreachable and throttled', () => {
  it('unknown key id → invalid only after every public partition said InvalidClientTokenId; account still decoded offline', async () => {
    const token = makeToken('aws.access-key', 'AKIARZPUZDIKHCHF7SWJ:m78IuB30f5ATsnSV2qkMAtSiOSMAaByTgk9lQMG1');
    const { result, calls } = await verify(token);
    expect(result.status).toBe('invalid');
    expect(result.detail).toBe(
      'AWS rejected the key in every partition it could belong to: aws (InvalidClientTokenId), aws-cn (InvalidClientTokenId), aws-us-gov (InvalidClientTokenId)',
    );
    expect(result.identity?.account).toBe(ACCOUNT);
    expect(calls.map((c) => `${c.service} ${c.operation} ${c.region}`)).toEqual([
      'sts GetCallerIdentity us-east-1',
      'sts GetCallerIdentity cn-north-1',
      'sts GetCallerIdentity us-gov-west-1',
    ]);
  });

  it('wrong secret → invalid (SignatureDoesNotMatch from the real signature check)', async () => {
    const { result } = await verify(tokenFor('admin-user', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAa'));
    expect(result.status).toBe('invalid');
    expect(result.detail).toContain('SignatureDoesNotMatch');
  });

  it('STS 500 → error with the reason after retries, never invalid; offline account kept', async () => {
    const { result, calls } = await verify(tokenFor('sts-down'), { retries: 1 });
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/HTTP 500 .*after 2 attempts/);
    expect(result.identity).toMatchObject({ account: ACCOUNT, principal: `unknown principal in account ${ACCOUNT}` });
    expect(result.unknowns[0]).toMatchObject({
      what: 'everything this key can do',
      upTo: 'admin',
      resources: expect.arrayContaining([`arn:aws:*:*:${ACCOUNT}:*`, 'arn:aws:s3:::*']),
    });
    expect(calls.length).toBe(2);
  });

  it('STS that never answers → error "timed out", not invalid', async () => {
    fake.override((call) => (call.accessKeyId === keyOf('admin-user')[0] && call.service === 'sts' ? { hang: true } : undefined));
    try {
      const { result, elapsedMs } = await verify(tokenFor('admin-user'), { timeoutMs: 300, retries: 0 });
      expect(result.status).toBe('error');
      expect(result.detail).toContain('timed out');
      expect(result.identity?.account).toBe(ACCOUNT);
      expect(elapsedMs).toBeLessThan(3000);
    } finally {
      fake.override(undefined);
    }
  });

  it('nothing listening → error "connection refused"', async () => {
    const { result } = await verify(tokenFor('admin-user'), { env: { AWS_ENDPOINT_URL: await closedPortUrl() }, retries: 0 });
    expect(result.status).toBe('error');
    expect(result.detail).toContain('connection refused');
  });

  it('throttled (429 + Retry-After) then recovered → live, after waiting', async () => {
    const { result, calls, elapsedMs } = await verify(tokenFor('throttled'));
    expect(result.status).toBe('live');
    expect(calls.filter((c) => c.service === 'sts').length).toBe(2);
    expect(elapsedMs).toBeGreaterThanOrEqual(900);
    expect(grant(result, 's3:GetObject', 'arn:aws:s3:::acme-prod-data')?.evidence).toBe('ReadProdData / ReadProdObjects');
  });

  it('not a KEYID:SECRET pair → error, nothing sent', async () => {
    const token = makeToken('aws.access-key', 'AKIARZPUZDIKFTPQA64S');
    const { result, requests } = await verify(token);
    expect(result.status).toBe('error');
    expect(requests).toEqual([]);
  });
});

describe('aws: endpoints come from the SDK variables in ctx.env (or the flag) and are reported', () => {
  it('AWS_ENDPOINT_URL_STS beats AWS_ENDPOINT_URL; both are named in identity.endpoint and notes', async () => {
    const stsOnly = await new FakeAws().start();
    try {
      const env = { AWS_ENDPOINT_URL: fake.url, AWS_ENDPOINT_URL_STS: stsOnly.url };
      const { result } = await verify(tokenFor('narrow-user'), { env }, [fake, stsOnly]);
      expect(result.status).toBe('live');
      expect(stsOnly.calls.map((c) => c.operation)).toEqual(['GetCallerIdentity']);
      expect(result.identity?.endpoint?.split(',').sort()).toEqual([fake.url, stsOnly.url].sort());
      expect(result.notes).toContain(`non-default endpoint: sts at ${stsOnly.url}`);
      expect(result.notes).toContain(`non-default endpoint: iam at ${fake.url}`);
    } finally {
      await stsOnly.stop();
    }
  });

  it('ctx.apiUrls.aws (flag / user config) overrides the environment', async () => {
    const { result, calls } = await verify(tokenFor('narrow-user'), { env: { AWS_ENDPOINT_URL: await closedPortUrl() }, apiUrls: { aws: fake.url } });
    expect(result.status).toBe('live');
    expect(result.identity?.endpoint).toBe(fake.url);
    expect(calls[0].operation).toBe('GetCallerIdentity');
  });

  it('reads the SDK variable names, honours AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', () => {
    const ctx = testContext({ env: { AWS_ENDPOINT_URL: 'http://all', AWS_ENDPOINT_URL_DYNAMODB: 'http://ddb' } });
    expect(endpointOverride('dynamodb', ctx)).toBe('http://ddb');
    expect(endpointOverride('s3', ctx)).toBe('http://all');
    expect(endpointOverride('s3', testContext({ env: { AWS_ENDPOINT_URL: 'http://all', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' } }))).toBeUndefined();
    expect(endpointOverride('s3', testContext())).toBeUndefined();
    expectReadOnly([]);
  });
});
