// Verdict truth for AWS keys (issue 10): temporary keys, partitions, combinations, DryRun probes and
// how far each unknown reaches. Facts and doc pages: fixtures/providers/aws/README.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessBlastRadius } from '../../src/assess/assess.js';
import { defaultConfig } from '../../src/config/config.js';
import type { Grant, VerificationResult } from '../../src/core/types.js';
import { Detector } from '../../src/detect/detector.js';
import { NEEDS } from '../../src/providers/aws/combinations.js';
import { operationClass } from '../../src/providers/aws/index.js';
import { loadRules } from '../../src/rules/load.js';
import { makeToken } from '../helpers/provider.js';
import { FakeAws, manifest, mutatingCalls } from './aws/fake-aws.js';
import { keyOf, tokenFor, verifyAgainst } from './aws/harness.js';

const ACCOUNT = manifest.account;
const UNKNOWN_KEY = 'AKIARZPUZDIKHCHF7SWJ:m78IuB30f5ATsnSV2qkMAtSiOSMAaByTgk9lQMG1';

let fake: FakeAws;
beforeAll(async () => {
  fake = await new FakeAws().start();
});
afterAll(async () => {
  await fake.stop();
});

const verify = (...args: Parameters<typeof verifyAgainst> extends [unknown, ...infer R] ? R : never) => verifyAgainst(fake, ...args);
const grantsOf = (result: VerificationResult, operation: string): Grant[] => result.grants.filter((g) => g.operation === operation);
const stsRegions = (calls: { service: string; region?: string }[]) => calls.filter((c) => c.service === 'sts').map((c) => c.region);

describe('aws: a temporary (ASIA) key is never sent without its session token', () => {
  it('unverified "session token not found", and zero requests reach the fake', async () => {
    const [id, key] = keyOf('assumed-role');
    expect(id.startsWith('ASIA')).toBe(true);
    const { result, requests } = await verify(makeToken('aws.access-key', `${id}:${key.secret}`));
    expect(requests).toEqual([]);
    expect(result.status).toBe('unverified');
    expect(result.detail).toContain('session token not found');
    expect(result.identity).toMatchObject({ account: ACCOUNT, accountSource: 'decoded from the access key id' });
    expect(result.unknowns).toEqual([
      expect.objectContaining({
        what: 'everything this key can do',
        upTo: 'admin',
        resources: expect.arrayContaining([`arn:aws:*:*:${ACCOUNT}:*`, `arn:aws-cn:*:*:${ACCOUNT}:*`]),
        settle: expect.stringContaining('AWS_SESSION_TOKEN'),
      }),
    ]);
  });
});

describe('aws: partitions (aws, aws-cn, aws-us-gov) are asked at their own STS before "invalid"', () => {
  it('the rule captures the Region configured next to the key, with its key name', () => {
    const detector = new Detector(loadRules().filter((r) => r.id === 'aws.access-key'));
    const [id, key] = keyOf('china-user');
    for (const [text, expected] of [
      [`AWS_ACCESS_KEY_ID=${id}\nAWS_SECRET_ACCESS_KEY=${key.secret}\nAWS_REGION=cn-north-1\n`, 'AWS_REGION=cn-north-1'],
      [`[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${key.secret}\nregion = us-gov-west-1\n`, 'region = us-gov-west-1'],
    ]) {
      expect(detector.detectText(text, '.env')[0]?.extras).toEqual({ regionSetting: expected });
    }
  });

  it('aws-cn key, no hint: the commercial partition says InvalidClientTokenId, aws-cn answers → live, then everything signs for cn-north-1', async () => {
    const { result, calls } = await verify(tokenFor('china-user'));
    expect(result.status).toBe('live');
    expect(result.identity?.principal).toBe(`arn:aws-cn:iam::${ACCOUNT}:user/cn-deployer`);
    // The fake tells partitions apart by the credential scope Region, as AWS does by endpoint.
    expect(calls[0]).toMatchObject({ service: 'sts', region: 'us-east-1' });
    expect(stsRegions(calls)).toEqual(['us-east-1', 'cn-north-1']);
    expect(calls.slice(1).every((c) => c.region === 'cn-north-1' && c.signatureValid)).toBe(true);
    expect(result.notes).toContain('the aws partition (asked in us-east-1) answered InvalidClientTokenId; the key belongs to aws-cn');
    expect(result.resources.map((r) => r.id)).toContain('arn:aws-cn:s3:::acme-prod-data');
    expect(result.unknowns[0]).toMatchObject({ upTo: 'admin', resources: [`arn:aws-cn:*:*:${ACCOUNT}:*`, 'arn:aws-cn:s3:::*'] });
  });

  it('aws-cn key with AWS_REGION=cn-north-1 next to it: only aws-cn is asked', async () => {
    const { result, calls } = await verify(tokenFor('china-user', { regionSetting: 'AWS_REGION=cn-north-1' }));
    expect(result.status).toBe('live');
    expect(stsRegions(calls)).toEqual(['cn-north-1']);
  });

  it('aws-us-gov key → live through us-gov-west-1', async () => {
    const { result, calls } = await verify(tokenFor('gov-user'));
    expect(result.status).toBe('live');
    expect(result.identity?.principal).toBe(`arn:aws-us-gov:iam::${ACCOUNT}:user/gov-deployer`);
    expect(stsRegions(calls)).toEqual(['us-east-1', 'cn-north-1', 'us-gov-west-1']);
  });

  it('unknown key with cn-north-1 next to it: the partition known from context said InvalidClientTokenId → invalid, nobody else asked', async () => {
    const token = makeToken('aws.access-key', UNKNOWN_KEY, { regionSetting: 'region = cn-north-1' });
    const { result, calls } = await verify(token);
    expect(result.status).toBe('invalid');
    expect(result.detail).toBe('AWS rejected the key in aws-cn, the partition of the Region configured next to it (cn-north-1): aws-cn (InvalidClientTokenId)');
    expect(stsRegions(calls)).toEqual(['cn-north-1']);
  });

  it('unknown key with a commercial Region next to it: only aws is asked, and its InvalidClientTokenId is final', async () => {
    const { result, calls } = await verify(makeToken('aws.access-key', UNKNOWN_KEY, { regionSetting: '"region": "eu-west-1"' }));
    expect(result.status).toBe('invalid');
    expect(stsRegions(calls)).toEqual(['us-east-1']);
  });

  it('unknown key, aws-cn does not answer → unverified (never invalid); aws-us-gov is still asked', async () => {
    fake.override((call) => (call.service === 'sts' && call.region?.startsWith('cn-') ? { hang: true } : undefined));
    try {
      const { result, calls } = await verify(makeToken('aws.access-key', UNKNOWN_KEY), { timeoutMs: 300, retries: 0 });
      expect(result.status).toBe('unverified');
      expect(result.detail).toMatch(/^unknown to aws, aws-us-gov, but aws-cn \(.*timed out.*\) could not be asked: not proven invalid$/);
      expect(stsRegions(calls)).toEqual(['us-east-1', 'cn-north-1', 'us-gov-west-1']);
      expect(result.unknowns[0]).toMatchObject({ upTo: 'admin', resources: [`arn:aws-cn:*:*:${ACCOUNT}:*`, 'arn:aws-cn:s3:::*'] });
    } finally {
      fake.override(undefined);
    }
  });

  it('aws-us-gov key while aws-cn does not answer → still found in aws-us-gov, live', async () => {
    fake.override((call) => (call.service === 'sts' && call.region?.startsWith('cn-') ? { hang: true } : undefined));
    try {
      const { result } = await verify(tokenFor('gov-user'), { timeoutMs: 300, retries: 0 });
      expect(result.status).toBe('live');
      expect(result.notes.some((n) => n.startsWith('the aws-cn partition (asked in cn-north-1) could not be asked (sts:GetCallerIdentity: timed out'))).toBe(
        true,
      );
    } finally {
      fake.override(undefined);
    }
  });

  it('a Region of an isolated partition next to the key → unverified, nothing sent', async () => {
    const { result, requests } = await verify(makeToken('aws.access-key', UNKNOWN_KEY, { regionSetting: 'AWS_DEFAULT_REGION=us-iso-east-1' }));
    expect(requests).toEqual([]);
    expect(result.status).toBe('unverified');
    expect(result.detail).toContain('isolated partition aws-iso');
  });
});

describe('aws: a permission that only unlocks another is destroy only as a held combination', () => {
  it('every row of the needs table cites an AWS doc page; kms:DisableKey is write (undone by EnableKey)', () => {
    for (const row of NEEDS) expect(row.doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    expect(operationClass('kms:DisableKey')).toBe('write');
  });

  it('s3:BypassGovernanceRetention + s3:DeleteObjectVersion on a governance-mode bucket: destroy, with the combination as evidence', async () => {
    const { result } = await verify(tokenFor('governance-user'));
    const bypass = grantsOf(result, 's3:BypassGovernanceRetention');
    expect(bypass).toEqual([
      expect.objectContaining({
        action: 'destroy',
        resource: 'arn:aws:s3:::acme-prod-data',
        combination: ['s3:DeleteObjectVersion'],
        evidence: expect.stringMatching(
          /^s3:BypassGovernanceRetention \(ArchiveCleanup \/ CleanUpLockedVersions\) \+ s3:DeleteObjectVersion \(ArchiveCleanup \/ CleanUpLockedVersions\): deletes object versions/,
        ),
      }),
    ]);
    const lock = result.protections.find((p) => p.kind === 'object-lock' && p.resource === 'arn:aws:s3:::acme-prod-data');
    expect(lock).toMatchObject({ removableBy: ['s3:BypassGovernanceRetention'], description: expect.stringContaining('GOVERNANCE') });
    const config = defaultConfig();
    config.resources.production.push('arn:aws:s3:::acme-prod-*');
    const radius = assessBlastRadius({
      token: { id: 'x', provider: 'aws', ruleId: 'aws.access-key', kind: 'access-key', redacted: 'AKIA…' },
      verification: result,
      config,
    });
    expect(radius.production).toBe('destroy');
    expect(radius.paths.find((p) => p.operation === 's3:BypassGovernanceRetention')?.protection).toMatchObject({ kind: 'object-lock', effective: false });
  });

  it('the retention bypass alone (no delete) and a vault-lock removal alone: never destroy', async () => {
    const { result } = await verify(tokenFor('bypass-only-user'));
    expect(result.grants.filter((g) => g.action === 'destroy' || g.action === 'admin')).toEqual([]);
    expect(grantsOf(result, 's3:BypassGovernanceRetention')).toEqual([]);
    expect(result.notes.find((n) => n.startsWith('s3:BypassGovernanceRetention on arn:aws:s3:::acme-prod-data'))).toContain('destroys nothing by itself');
    const lockRemoval = grantsOf(result, 'backup:DeleteBackupVaultLockConfiguration');
    expect(lockRemoval.length).toBeGreaterThan(0);
    expect(lockRemoval.every((g) => g.action === 'write' && !g.combination && g.evidence.includes('alone:'))).toBe(true);
  });

  it('a compliance-mode lock blocks the combination too (it blocks the delete the combination needs)', async () => {
    const { result } = await verify(tokenFor('admin-user'));
    const compliance = result.protections.find((p) => p.kind === 'object-lock' && p.resource === 'arn:aws:s3:::acme-backups');
    expect(compliance?.removableBy).toEqual([]);
    expect(compliance?.blocks).toEqual(expect.arrayContaining(['s3:DeleteObjectVersion', 's3:BypassGovernanceRetention', 's3:DeleteBucket']));
    expect(grantsOf(result, 'backup:DeleteBackupVaultLockConfiguration')[0]).toMatchObject({ action: 'destroy', combination: ['backup:DeleteRecoveryPoint'] });
    const prodVault = result.protections.find((p) => p.kind === 'vault-lock' && p.resource.endsWith(':backup-vault:prod-vault'));
    expect(prodVault?.blocks).toContain('backup:DeleteBackupVaultLockConfiguration');
  });
});

describe('aws: when the key cannot read its own policies, EC2 DryRun narrows the unknown without acting', () => {
  it('DeleteVolume/DeleteSnapshot with DryRun=true only: DryRunOperation → destroy grant, UnauthorizedOperation → denied', async () => {
    const { result, calls } = await verify(tokenFor('no-iam-user'));
    const ec2 = calls.filter((c) => c.service === 'ec2');
    expect(ec2.filter((c) => !c.operation.startsWith('Describe')).map((c) => `${c.operation} ${c.discriminator} ${c.dryRun}`)).toEqual([
      'DeleteVolume vol-0a1b2c3d4e5f60001 true',
      'DeleteVolume vol-0a1b2c3d4e5f60002 true',
      'DeleteSnapshot snap-0f1e2d3c4b5a60001 true',
    ]);
    expect(ec2.every((c) => c.operation.startsWith('Describe') || c.dryRun === true)).toBe(true);
    expect(grantsOf(result, 'ec2:DeleteVolume').map((g) => [g.action, g.resource, g.evidence])).toEqual([
      [
        'destroy',
        `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/vol-0a1b2c3d4e5f60001`,
        'observed: ec2:DeleteVolume with DryRun=true answered DryRunOperation (would be allowed)',
      ],
      [
        'destroy',
        `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/vol-0a1b2c3d4e5f60002`,
        'observed: ec2:DeleteVolume with DryRun=true answered DryRunOperation (would be allowed)',
      ],
    ]);
    expect(grantsOf(result, 'ec2:DeleteSnapshot')).toEqual([]);
    expect(result.notes).toContain('EC2 DryRun: denied (UnauthorizedOperation): ec2:DeleteSnapshot snap-0f1e2d3c4b5a60001');
    expect(result.notes.some((n) => n.includes('every other service, Region and resource stays unknown'))).toBe(true);
    expect(result.resources.find((r) => r.type === 'ebs-snapshot')).toMatchObject({ id: `arn:aws:ec2:us-east-1::snapshot/snap-0f1e2d3c4b5a60001` });
    // What DryRun cannot answer is still unknown, up to admin of the account.
    expect(result.unknowns).toEqual([expect.objectContaining({ what: 'everything this key can do', upTo: 'admin' })]);
  });

  it('the read-only guard lets through an EC2 delete only with DryRun=true', () => {
    const signed = `AWS4-HMAC-SHA256 Credential=${keyOf('no-iam-user')[0]}/20261125/us-east-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`;
    const request = (body: string) => ({
      method: 'POST',
      path: '/',
      query: new URLSearchParams(),
      headers: { authorization: signed, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
    });
    const flagged = mutatingCalls([
      request('Action=DeleteVolume&Version=2016-11-15&VolumeId=vol-1&DryRun=true'),
      request('Action=DeleteVolume&Version=2016-11-15&VolumeId=vol-1'),
      request('Action=DeleteVolume&Version=2016-11-15&VolumeId=vol-1&DryRun=false'),
    ]);
    expect(flagged.map((c) => c.dryRun ?? false)).toEqual([false, false]);
  });

  it('a key whose policies are readable gets no DryRun probe at all', async () => {
    const { calls } = await verify(tokenFor('admin-user'));
    expect(
      calls
        .filter((c) => c.service === 'ec2')
        .map((c) => c.operation)
        .sort(),
    ).toEqual(['DescribeSnapshots', 'DescribeVolumes']);
  });
});

describe('aws: every unknown says how far it reaches and what settles it', () => {
  it('cannot read own IAM policies → up to admin over the account ARNs; settled by the audit profile or the exact denied reads', async () => {
    const { result } = await verify(tokenFor('no-iam-user'));
    const principal = `arn:aws:iam::${ACCOUNT}:user/ci/ci-deployer`;
    expect(result.unknowns[0]).toMatchObject({ upTo: 'admin', resources: [`arn:aws:*:*:${ACCOUNT}:*`, 'arn:aws:s3:::*'] });
    expect(result.unknowns[0].settle).toBe(
      `re-run with --aws-audit-profile NAME, or allow iam:ListAttachedUserPolicies, iam:ListUserPolicies, iam:ListGroupsForUser for ${principal}`,
    );
  });

  it('a boundary that could not be read can only narrow → upTo none', async () => {
    const [id] = keyOf('narrow-user');
    fake.override((call) =>
      call.accessKeyId === id && call.operation === 'GetUser'
        ? { status: 403, headers: { 'content-type': 'text/xml' }, body: accessDenied('iam:GetUser') }
        : undefined,
    );
    try {
      const { result } = await verify(tokenFor('narrow-user'));
      expect(result.unknowns).toEqual([
        expect.objectContaining({ what: 'permissions boundary', upTo: 'none', settle: expect.stringContaining('iam:GetUser') }),
      ]);
    } finally {
      fake.override(undefined);
    }
  });

  it('an allow that hinges on request context → up to the class of its operations, on its resource pattern', async () => {
    const { result } = await verify(tokenFor('assumed-role'));
    expect(result.unknowns).toEqual([expect.objectContaining({ upTo: 'destroy', resources: [`arn:aws:rds:*:${ACCOUNT}:snapshot:app-*`] })]);
  });
});

function accessDenied(operation: string): string {
  return `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform: ${operation}</Message></Error><RequestId>4b2a1b7e</RequestId></ErrorResponse>`;
}
