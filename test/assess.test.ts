import { describe, expect, it } from 'vitest';
import { assessBlastRadius } from '../src/assess/assess.js';
import { classifyResource } from '../src/assess/classify.js';
import { ciPathsOf as crossProviderPaths } from '../src/assess/ci-paths.js';
import { assessWorkspace } from '../src/assess/workspace.js';
import { defaultConfig, parseProjectConfig, type ProjectConfig } from '../src/config/config.js';
import type { Grant, Protection, Resource, VerificationResult } from '../src/core/types.js';

const token = { id: 'a'.repeat(64), provider: 'aws', ruleId: 'aws.access-key', kind: 'access-key', redacted: 'AKIA…WXYZ' };

function live(
  grants: Grant[],
  resources: Resource[] = [],
  protections: Protection[] = [],
  principal = 'arn:aws:iam::123456789012:user/deploy',
): VerificationResult {
  return { status: 'live', identity: { principal }, grants, resources, protections, unknowns: [], notes: [] };
}

function config(resources: Partial<ProjectConfig['resources']> = {}): ProjectConfig {
  const c = defaultConfig();
  Object.assign(c.resources, resources);
  return c;
}

const g = (action: Grant['action'], resource: string, operation?: string, evidence = 'policy Admin / statement #1'): Grant => ({
  action,
  resource,
  operation,
  evidence,
});
const acme = config({
  production: ['arn:aws:s3:::acme-prod-*', 'arn:aws:rds:*:*:db:acme-prod*'],
  backup: ['arn:aws:s3:::acme-backups*', 'arn:aws:backup:*:*:backup-vault:*'],
});

describe('severity table', () => {
  const cases: {
    name: string;
    grants: Grant[];
    resources?: Resource[];
    config?: ProjectConfig;
    severity: string;
    production: string;
    backup: string;
    shared?: boolean;
  }[] = [
    {
      name: 'critical: destroy production and backups (wildcard grants reach resources named only in the config)',
      grants: [g('destroy', 'arn:aws:s3:::*', 's3:DeleteBucket'), g('destroy', 'arn:aws:backup:*:*:backup-vault:*', 'backup:DeleteBackupVault')],
      config: acme,
      severity: 'critical',
      production: 'destroy',
      backup: 'destroy',
      shared: true,
    },
    {
      name: 'high: destroy production only',
      grants: [g('destroy', 'arn:aws:s3:::acme-prod-data', 's3:DeleteBucket')],
      config: acme,
      severity: 'high',
      production: 'destroy',
      backup: 'none',
    },
    {
      name: 'high: destroy backups only',
      grants: [g('destroy', 'arn:aws:s3:::acme-backups', 's3:DeleteObject')],
      config: acme,
      severity: 'high',
      production: 'none',
      backup: 'destroy',
    },
    {
      name: 'medium: write production',
      grants: [g('write', 'arn:aws:s3:::acme-prod-data', 's3:PutObject')],
      config: acme,
      severity: 'medium',
      production: 'write',
      backup: 'none',
    },
    {
      name: 'medium: read both (exfiltration)',
      grants: [g('read', 'arn:aws:s3:::acme-prod-data', 's3:GetObject'), g('read', 'arn:aws:s3:::acme-backups', 's3:GetObject')],
      config: acme,
      severity: 'medium',
      production: 'read',
      backup: 'read',
    },
    {
      name: 'low: read one side',
      grants: [g('read', 'arn:aws:s3:::acme-prod-data', 's3:GetObject')],
      config: acme,
      severity: 'low',
      production: 'read',
      backup: 'none',
    },
    {
      name: 'info: reaches nothing classified',
      grants: [g('destroy', 'arn:aws:s3:::scratch', 's3:DeleteBucket')],
      config: acme,
      severity: 'info',
      production: 'none',
      backup: 'none',
    },
    {
      name: 'heuristics classify by name and type when the config is silent',
      grants: [
        g('destroy', 'arn:aws:s3:::shop-production-assets', 's3:DeleteBucket'),
        g('destroy', 'arn:aws:rds:us-east-1:123456789012:snapshot:nightly', 'rds:DeleteDBSnapshot'),
      ],
      severity: 'critical',
      production: 'destroy',
      backup: 'destroy',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const br = assessBlastRadius({ token, verification: live(c.grants, c.resources), config: c.config ?? defaultConfig() });
      expect({ severity: br.severity, production: br.production, backup: br.backup }).toEqual({
        severity: c.severity,
        production: c.production,
        backup: c.backup,
      });
      if (c.shared !== undefined) expect(br.shared).toBe(c.shared);
      for (const path of br.paths) expect(path).toMatchObject({ tokenId: token.id, principal: 'arn:aws:iam::123456789012:user/deploy' });
    });
  }

  it('not verified, invalid and unknown tokens are info with the reason — never "safe"', () => {
    expect(assessBlastRadius({ token, config: acme })).toMatchObject({ severity: 'info', summary: expect.stringMatching(/not verified/) });
    const invalid: VerificationResult = { ...live([]), status: 'invalid', detail: 'InvalidClientTokenId' };
    expect(assessBlastRadius({ token, verification: invalid, config: acme }).summary).toMatch(/rejected.*InvalidClientTokenId/);
    const error: VerificationResult = { ...live([]), status: 'error', detail: 'timed out after 10000 ms' };
    expect(assessBlastRadius({ token, verification: error, config: acme }).summary).toMatch(/reach unknown: timed out/);
  });
});

describe('service semantics', () => {
  const railway = { ...token, provider: 'railway', ruleId: 'railway.api-token' };
  const volume: Resource = {
    id: 'railway:acme-shop/production/postgres-volume',
    type: 'volume',
    name: 'postgres-volume',
    provider: 'railway',
    holdsBackups: true,
  };

  it('Railway volumeDelete on a production volume destroys production AND its backups in one grant', () => {
    const br = assessBlastRadius({
      token: railway,
      verification: live(
        [g('admin', 'railway:*', undefined, 'account token: whole-account authority'), g('destroy', volume.id, 'volumeDelete', 'account token')],
        [volume],
        [],
        'ops@acme.test',
      ),
      config: defaultConfig(),
    });
    expect(br).toMatchObject({ severity: 'critical', production: 'destroy', backup: 'destroy', shared: true });
    expect(br.paths[0]).toMatchObject({
      operation: 'volumeDelete',
      resource: volume.id,
      resourceClass: 'production',
      alsoReaches: { resourceClass: 'backup' },
    });
    expect(br.summary).toMatch(/production AND its backups in one call/);
    expect(br.recommendations.join(' ')).toMatch(/project token scoped to the one environment/);
  });

  it('RDS DeleteDBInstance takes the automated backups, unless the config says backups are kept elsewhere', () => {
    const db = 'arn:aws:rds:us-east-1:123456789012:db:acme-prod-main';
    const grants = [g('destroy', db, 'rds:DeleteDBInstance')];
    expect(assessBlastRadius({ token, verification: live(grants), config: acme })).toMatchObject({ severity: 'critical', backup: 'destroy' });
    const elsewhere = config({ ...acme.resources, backupsElsewhere: ['arn:aws:rds:*:*:db:acme-prod*'] });
    expect(assessBlastRadius({ token, verification: live(grants), config: elsewhere })).toMatchObject({ severity: 'high', backup: 'none' });
  });

  it('admin over an account holding both is critical', () => {
    const br = assessBlastRadius({ token, verification: live([g('admin', 'arn:aws:*', undefined, 'root user: unrestricted')]), config: acme });
    expect(br).toMatchObject({ severity: 'critical', production: 'destroy', backup: 'destroy' });
  });
});

describe('protections', () => {
  const bucket = 'arn:aws:s3:::acme-backups';
  const vault = 'arn:aws:backup:us-east-1:123456789012:backup-vault:main';

  it('object lock in compliance mode blocks deleting backups, and says so', () => {
    const br = assessBlastRadius({
      token,
      verification: live(
        [g('destroy', bucket, 's3:DeleteObject')],
        [],
        [{ kind: 'object-lock', resource: bucket, blocks: ['s3:DeleteObject'], description: 'Object Lock COMPLIANCE, 30 days' }],
      ),
      config: acme,
    });
    expect(br).toMatchObject({ backup: 'none', severity: 'info' });
    expect(br.paths[0].protection).toMatchObject({ kind: 'object-lock', effective: true });
    expect(br.protections).toEqual([expect.objectContaining({ kind: 'object-lock', effective: true })]);
  });

  it('an explicit deny blocks the path', () => {
    const br = assessBlastRadius({
      token,
      verification: live(
        [g('destroy', vault, 'backup:DeleteRecoveryPoint')],
        [],
        [{ kind: 'explicit-deny', resource: 'arn:aws:backup:*', blocks: ['backup:DeleteRecoveryPoint'], description: 'DenyBackupDelete / Sid DenyBackup' }],
      ),
      config: acme,
    });
    expect(br.backup).toBe('none');
  });

  it('a vault lock the token can remove (grace time) does not count, and the path says why', () => {
    const br = assessBlastRadius({
      token,
      verification: live(
        [g('destroy', vault, 'backup:DeleteRecoveryPoint'), g('destroy', vault, 'backup:DeleteBackupVaultLockConfiguration')],
        [],
        [
          {
            kind: 'vault-lock',
            resource: vault,
            blocks: ['backup:DeleteRecoveryPoint'],
            description: 'Vault Lock in grace time until 2026-12-01',
            removableBy: ['backup:DeleteBackupVaultLockConfiguration'],
          },
        ],
      ),
      config: acme,
    });
    expect(br.backup).toBe('destroy');
    const path = br.paths.find((p) => p.operation === 'backup:DeleteRecoveryPoint')!;
    expect(path.protection).toMatchObject({ effective: false, reason: expect.stringMatching(/can remove it \(backup:DeleteBackupVaultLockConfiguration/) });
    expect(br.recommendations.join(' ')).toMatch(/does not protect against this token/);
  });

  it("a mitigation (Railway's 48-hour soft delete) is listed but does not block", () => {
    const volume: Resource = { id: 'railway:shop/production/data', type: 'volume', name: 'data', provider: 'railway', holdsBackups: true };
    const br = assessBlastRadius({
      token: { ...token, provider: 'railway', ruleId: 'railway.api-token' },
      verification: live(
        [g('destroy', volume.id, 'volumeDelete')],
        [volume],
        [{ kind: 'soft-delete', resource: volume.id, blocks: ['volumeDelete'], description: '48-hour restore window', mitigationOnly: true }],
      ),
      config: defaultConfig(),
    });
    expect(br.severity).toBe('critical');
    expect(br.protections[0]).toMatchObject({ kind: 'soft-delete', effective: false });
  });
});

describe('resource classes', () => {
  it('the config decides before the heuristics', () => {
    const c = config({ other: ['arn:aws:s3:::prod-reports'], production: ['arn:aws:s3:::misc'] });
    expect(classifyResource('arn:aws:s3:::prod-reports', c)).toEqual({ resourceClass: 'other', reason: 'config: arn:aws:s3:::prod-reports' });
    expect(classifyResource('arn:aws:s3:::misc', c).resourceClass).toBe('production');
    expect(classifyResource('arn:aws:s3:::prod-reports', defaultConfig()).resourceClass).toBe('production');
  });

  it('backups by type and by name; a backup of production is a backup', () => {
    expect(classifyResource('arn:aws:backup:us-east-1:1:backup-vault:main', defaultConfig()).resourceClass).toBe('backup');
    expect(classifyResource('arn:aws:s3:::prod-backups', defaultConfig()).resourceClass).toBe('backup');
    expect(classifyResource('railway:shop/production/db', defaultConfig()).resourceClass).toBe('production');
    expect(classifyResource('github:acme/website', defaultConfig()).resourceClass).toBe('other');
  });

  it('config globs: * stays within a path segment, ** crosses them', () => {
    const c = config({ production: ['railway:*/production/*', 'github:acme/**'] });
    expect(classifyResource('railway:shop/production/db', c).resourceClass).toBe('production');
    expect(classifyResource('railway:shop/staging/db', c).resourceClass).toBe('other');
    expect(classifyResource('github:acme/infra/sub', c).resourceClass).toBe('production');
  });

  it('the scanned project cannot set API base URLs in its config', () => {
    expect(() => parseProjectConfig({ providers: { github: 'https://evil.test' } }, 'blastradius.yaml')).toThrow(/cannot be set by the scanned project/);
    expect(() => parseProjectConfig({ gate: { failOn: 'sometimes' } }, 'blastradius.yaml')).toThrow(/key "gate.failOn": expected critical \| high/);
    expect(() => parseProjectConfig({ resources: { production: 'x' } }, 'blastradius.yaml')).toThrow(/key "resources.production": expected a list of strings/);
  });
});

describe('cross-provider reach', () => {
  it('a GitHub token that can push to a repository whose workflow assumes an AWS role reaches that role', () => {
    const gh = { id: 'b'.repeat(64), provider: 'github', redacted: 'ghp_…abcd' };
    const verification = live([g('write', 'github:acme/shop', undefined, 'scope repo; permission push')], [], [], 'octocat');
    const workflows = [
      {
        file: '.github/workflows/deploy.yml',
        repo: 'github:acme/shop',
        roles: ['arn:aws:iam::123456789012:role/acme-prod-deploy'],
        secrets: ['AWS_SECRET_ACCESS_KEY', 'NPM_TOKEN'],
      },
    ];
    const paths = crossProviderPaths(gh, verification, workflows, defaultConfig());
    expect(paths.map((p) => [p.operation, p.resource, p.resourceClass])).toEqual([
      ['ci:assume-role', 'arn:aws:iam::123456789012:role/acme-prod-deploy', 'production'],
      ['ci:read-secret', 'github:acme/shop#secrets.AWS_SECRET_ACCESS_KEY', 'other'],
    ]);
    expect(paths[0].evidence).toMatch(/deploy\.yml, which assumes the role/);
    const br = assessBlastRadius({
      token: { ...gh, ruleId: 'github.classic-pat', kind: 'classic-pat' },
      verification,
      config: defaultConfig(),
      extraPaths: paths,
    });
    expect(br).toMatchObject({ production: 'write', severity: 'medium' });
    expect(crossProviderPaths(gh, live([g('read', 'github:acme/shop')]), workflows, defaultConfig())).toEqual([]);
  });
});

describe('workspace verdict', () => {
  it('is critical when one token destroys production and another the backups, though neither alone is', () => {
    const prod = assessBlastRadius({
      token: { ...token, id: '1'.repeat(64) },
      verification: live([g('destroy', 'arn:aws:s3:::acme-prod-data', 's3:DeleteBucket')]),
      config: acme,
    });
    const backup = assessBlastRadius({
      token: { ...token, id: '2'.repeat(64) },
      verification: live([g('destroy', 'arn:aws:s3:::acme-backups', 's3:DeleteBucket')]),
      config: acme,
    });
    expect([prod.severity, backup.severity]).toEqual(['high', 'high']);
    const verdict = assessWorkspace([
      { id: '1'.repeat(64), redacted: 'AKIA…1111', provider: 'aws', blastRadius: prod },
      { id: '2'.repeat(64), redacted: 'AKIA…2222', provider: 'aws', blastRadius: backup },
    ]);
    expect(verdict).toMatchObject({ severity: 'critical', shared: true, productionVia: ['1'.repeat(64)], backupVia: ['2'.repeat(64)] });
    expect(verdict.summary).toMatch(/no single token can, together they do/);
  });
});
