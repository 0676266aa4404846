import { describe, expect, it } from 'vitest';
import { assessBlastRadius } from '../src/assess/assess.js';
import { assessWorkspace } from '../src/assess/workspace.js';
import { defaultConfig, parseProjectConfig, type ProjectConfig } from '../src/config/config.js';
import type { Grant, Protection, Resource, Unknown, VerificationResult, VerificationStatus } from '../src/core/types.js';
import { evaluateGate, gatePolicy } from '../src/gate/gate.js';
import { formatMarkdown } from '../src/report/markdown.js';
import type { Report, ReportToken } from '../src/report/model.js';
import { formatSarif } from '../src/report/sarif.js';
import { formatText } from '../src/report/text.js';

const ACCOUNT = '123456789012';
const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:user/app`;
const token = { id: 'b'.repeat(64), provider: 'aws', ruleId: 'aws.access-key', kind: 'access-key', redacted: 'AKIA…APP1' };

const prodDb: Resource = {
  id: `arn:aws:rds:us-east-1:${ACCOUNT}:db:acme-prod-db`,
  type: 'rds-db-instance',
  name: 'acme-prod-db',
  provider: 'aws',
  holdsBackups: true,
};
const backupVault: Resource = { id: `arn:aws:backup:us-east-1:${ACCOUNT}:backup-vault:acme-vault`, type: 'backup-vault', name: 'acme-vault', provider: 'aws' };
const scratch: Resource = { id: 'arn:aws:s3:::scratch-bucket', type: 's3-bucket', name: 'scratch-bucket', provider: 'aws' };

// The usual leaked application key: STS answers, IAM policy reads are denied, inventory reads work.
const cannotReadPolicies: Unknown = {
  what: 'everything this key can do',
  reason: `the IAM policies of ${PRINCIPAL} could not be read (AccessDenied on iam:ListAttachedUserPolicies)`,
  upTo: 'admin',
  resources: [`arn:aws:*:*:${ACCOUNT}:*`, 'arn:aws:s3:::*'],
  settle: 're-run with --aws-audit-profile NAME',
};
const observedRead: Grant = {
  action: 'read',
  resource: prodDb.id,
  evidence: 'observed: rds:DescribeDBInstances succeeded',
  operation: 'rds:DescribeDBInstances',
};

function result(parts: Partial<VerificationResult> & { status?: VerificationStatus }): VerificationResult {
  return { status: 'live', identity: { principal: PRINCIPAL }, grants: [], resources: [], protections: [], unknowns: [], notes: [], ...parts };
}

describe('possible bound: unknown is never safe', () => {
  it('a live key that cannot read its own IAM policies, seeing production and a vault: proven LOW, possibly CRITICAL (shared)', () => {
    const br = assessBlastRadius({
      token,
      verification: result({ grants: [observedRead], resources: [prodDb, backupVault], unknowns: [cannotReadPolicies] }),
      config: defaultConfig(),
    });
    expect({ severity: br.severity, production: br.production, backup: br.backup }).toEqual({ severity: 'low', production: 'read', backup: 'none' });
    expect(br.possible).toMatchObject({ severity: 'critical', production: 'destroy', backup: 'destroy', shared: true });
    expect(br.possible.because).toEqual([{ what: cannotReadPolicies.what, reason: cannotReadPolicies.reason, settle: cannotReadPolicies.settle }]);
    const dbPath = br.possible.paths.find((p) => p.resource === prodDb.id)!;
    expect(dbPath).toMatchObject({ level: 'destroy', resourceClass: 'production', evidence: 'unknown: everything this key can do' });
    expect(dbPath.alsoReaches?.resourceClass).toBe('backup');
  });

  it('without an unknown, the same key is LOW and nothing more', () => {
    const br = assessBlastRadius({ token, verification: result({ grants: [observedRead], resources: [prodDb, backupVault] }), config: defaultConfig() });
    expect(br.possible).toMatchObject({ severity: 'low', production: 'read', backup: 'none', because: [], paths: [] });
  });

  it('unknowns that can only narrow (upTo none) never widen', () => {
    const scp: Unknown = { what: 'service control policies', reason: 'not readable with this key', upTo: 'none' };
    const br = assessBlastRadius({ token, verification: result({ grants: [observedRead], resources: [prodDb], unknowns: [scp] }), config: defaultConfig() });
    expect(br.possible.severity).toBe('low');
  });

  it('an unknown without resources bears on everything the token can see, and only that', () => {
    const unknown: Unknown = { what: 'what this token can write or delete', reason: 'scopes not readable' };
    const config = parseProjectConfig({ resources: { production: ['github:acme/app'] } }, 'test');
    const seesScratch = assessBlastRadius({
      token,
      verification: result({ grants: [{ action: 'read', resource: scratch.id, evidence: 'list' }], resources: [scratch], unknowns: [unknown] }),
      config,
    });
    expect(seesScratch.possible.severity).toBe('info');
    const seesProd = assessBlastRadius({ token, verification: result({ resources: [prodDb], grants: [observedRead], unknowns: [unknown] }), config });
    expect(seesProd.possible).toMatchObject({ severity: 'critical', production: 'destroy', backup: 'destroy' });
  });

  it('resources named only in the config count when the unknown covers them (the key could list nothing)', () => {
    const config = parseProjectConfig(
      { resources: { production: ['arn:aws:s3:::acme-prod-*'], backup: ['arn:aws:s3:::acme-backups*', 'github:acme/backups'] } },
      'test',
    );
    const br = assessBlastRadius({ token, verification: result({ unknowns: [cannotReadPolicies] }), config });
    expect(br.severity).toBe('info');
    expect(br.possible).toMatchObject({ severity: 'critical', production: 'destroy', backup: 'destroy' });
    expect(br.possible.paths.map((p) => p.resource)).not.toContain('github:acme/backups');
  });

  it('an unknown capped at write gives at most medium', () => {
    const unknown: Unknown = { what: 'whether this key can publish', reason: 'look alike to GET requests', upTo: 'write', resources: [prodDb.id] };
    const br = assessBlastRadius({
      token,
      verification: result({ grants: [observedRead], resources: [prodDb], unknowns: [unknown] }),
      config: defaultConfig(),
    });
    expect(br.possible).toMatchObject({ severity: 'medium', production: 'write', backup: 'none' });
  });

  it('a protection no token can remove still blocks a possible path; one the token might remove does not', () => {
    const lock: Protection = { kind: 'object-lock', resource: 'arn:aws:s3:::acme-backups', blocks: [], description: 'Object Lock, compliance mode' };
    const governance: Protection = { ...lock, description: 'Object Lock, governance mode', removableBy: ['s3:BypassGovernanceRetention'] };
    const backups: Resource = { id: 'arn:aws:s3:::acme-backups', type: 's3-bucket', name: 'acme-backups', provider: 'aws' };
    const compliance = assessBlastRadius({
      token,
      verification: result({ resources: [backups], unknowns: [cannotReadPolicies], protections: [lock] }),
      config: defaultConfig(),
    });
    expect(compliance.possible.backup).toBe('none');
    const gov = assessBlastRadius({
      token,
      verification: result({ resources: [backups], unknowns: [cannotReadPolicies], protections: [governance] }),
      config: defaultConfig(),
    });
    expect(gov.possible.backup).toBe('destroy');
  });

  it('the possible bound is never below the proven one', () => {
    const grants: Grant[] = [{ action: 'destroy', resource: prodDb.id, evidence: 'policy', operation: 'rds:DeleteDBInstance' }];
    const unknown: Unknown = { what: 'x', reason: 'y', upTo: 'read', resources: [prodDb.id] };
    const br = assessBlastRadius({ token, verification: result({ grants, resources: [prodDb], unknowns: [unknown] }), config: defaultConfig() });
    expect(br.severity).toBe('critical');
    expect(br.possible).toMatchObject({ severity: 'critical', because: [] });
  });
});

function reportOf(tokens: { status: VerificationStatus; verification: VerificationResult; id?: string }[], config: ProjectConfig = defaultConfig()): Report {
  const reportTokens: ReportToken[] = tokens.map((t, i) => {
    const id =
      t.id ??
      String(i + 1)
        .repeat(64)
        .slice(0, 64);
    const v = { ...t.verification, status: t.status };
    return {
      id,
      ruleId: token.ruleId,
      provider: token.provider,
      kind: token.kind,
      redacted: `AKIA…000${i}`,
      locations: [{ file: 'app.env', line: i + 1, column: 1 }],
      verification: { status: t.status },
      identity: v.identity ?? null,
      grants: v.grants,
      resources: v.resources,
      protections: v.protections,
      unknowns: v.unknowns,
      notes: v.notes,
      blastRadius: assessBlastRadius({ token: { ...token, id }, verification: v, config }),
    };
  });
  return {
    schemaVersion: 1,
    tool: { name: 'blastradius', version: 'test' },
    scan: {
      roots: ['.'],
      files: 1,
      bytes: 10,
      skipped: [],
      durationMs: 1,
      errors: [],
      partial: [],
      suppressed: { inline: 0, baseline: 0 },
      offline: false,
      warnings: [],
    },
    workspace: assessWorkspace(reportTokens),
    tokens: reportTokens,
  };
}

describe('gate on the possible bound', () => {
  const leaked = result({ grants: [observedRead], resources: [prodDb, backupVault], unknowns: [cannotReadPolicies] });

  it('fails by default on a live token that is possibly critical, and says why', () => {
    const report = reportOf([{ status: 'live', verification: leaked }]);
    const verdict = evaluateGate(report, gatePolicy(defaultConfig(), {}));
    expect(verdict.failed).toBe(true);
    expect(verdict.possibly).toHaveLength(1);
    expect(verdict.failing[0].reason).toMatch(
      /^possibly critical ≥ critical: unknown: everything this key can do; to settle: re-run with --aws-audit-profile NAME$/,
    );
    expect(report.workspace).toMatchObject({ severity: 'low', possible: { severity: 'critical', shared: true } });
  });

  it('passes with a warning under gate.possible: warn (config or flag)', () => {
    const report = reportOf([{ status: 'live', verification: leaked }]);
    const config = parseProjectConfig({ gate: { possible: 'warn' } }, 'test');
    const verdict = evaluateGate(report, gatePolicy(config, {}));
    expect(verdict.failed).toBe(false);
    expect(verdict.possibly).toHaveLength(1);
    expect(verdict.summary).toMatch(/1 live token\(s\) possibly at or above it \(warn\)/);
    expect(evaluateGate(report, gatePolicy(defaultConfig(), { possible: 'warn' })).failed).toBe(false);
    expect(evaluateGate(report, gatePolicy(config, { possible: 'fail' })).failed).toBe(true);
  });

  it('does not apply to tokens decoded offline (unverified): those follow gate.unverified', () => {
    const report = reportOf([{ status: 'unverified', verification: { ...leaked, grants: [observedRead] } }]);
    const verdict = evaluateGate(report, gatePolicy(defaultConfig(), {}));
    expect(verdict.possibly).toHaveLength(0);
    expect(verdict.failed).toBe(false);
  });

  it('gate.possible only accepts warn or fail', () => {
    expect(() => parseProjectConfig({ gate: { possible: 'maybe' } }, 'blastradius.yaml')).toThrow(
      'config blastradius.yaml: key "gate.possible": expected warn | fail',
    );
  });
});

describe('every format shows the possible bound beside the proven one', () => {
  const report = reportOf([
    { status: 'live', verification: result({ grants: [observedRead], resources: [prodDb, backupVault], unknowns: [cannotReadPolicies] }) },
  ]);

  it('text', () => {
    const text = formatText(report, { color: false, verbose: false });
    expect(text).toContain('WORKSPACE LOW (possibly CRITICAL)');
    expect(text).toMatch(/○ LOW {5}\(possibly CRITICAL\) aws/);
    expect(text).toContain(
      'possibly CRITICAL: production: destroy · backup: destroy · SHARED — unknown: everything this key can do; to settle: re-run with --aws-audit-profile NAME',
    );
  });

  it('markdown', () => {
    const md = formatMarkdown(report);
    expect(md).toContain('| ○ low (possibly critical, shared) |');
    expect(md).toContain('**Possibly CRITICAL**');
  });

  it('sarif', () => {
    const sarif = JSON.parse(formatSarif(report, []));
    const result0 = sarif.runs[0].results[0];
    expect(result0.message.text).toContain('low (possibly critical: unknown: everything this key can do');
    expect(result0.properties).toMatchObject({ severity: 'low', possibleSeverity: 'critical', possibleShared: true });
  });
});
