import type { TargetKind } from './operations.js';

/** Partition, region and account the ARNs of one verification are built in. */
export interface ArnScope {
  partition: string;
  region: string;
  account: string;
}

/** Name given to the made-up resource that stands for "any resource of this kind". */
export const PROBE_NAME = 'blastradius-probe';

type ArnBuilder = (scope: ArnScope, name: string) => string;

const shapes: Record<TargetKind, { service: string; arn: ArnBuilder }> = {
  's3-bucket': { service: 's3', arn: (s, n) => `arn:${s.partition}:s3:::${n}` },
  's3-object': { service: 's3', arn: (s, n) => `arn:${s.partition}:s3:::${n}/${n}` },
  'backup-vault': { service: 'backup', arn: (s, n) => `arn:${s.partition}:backup:${s.region}:${s.account}:backup-vault:${n}` },
  'backup-recovery-point': { service: 'backup', arn: (s, n) => `arn:${s.partition}:backup:${s.region}:${s.account}:recovery-point:${n}` },
  'rds-db': { service: 'rds', arn: (s, n) => `arn:${s.partition}:rds:${s.region}:${s.account}:db:${n}` },
  'rds-cluster': { service: 'rds', arn: (s, n) => `arn:${s.partition}:rds:${s.region}:${s.account}:cluster:${n}` },
  'rds-snapshot': { service: 'rds', arn: (s, n) => `arn:${s.partition}:rds:${s.region}:${s.account}:snapshot:${n}` },
  'rds-cluster-snapshot': { service: 'rds', arn: (s, n) => `arn:${s.partition}:rds:${s.region}:${s.account}:cluster-snapshot:${n}` },
  'dynamodb-table': { service: 'dynamodb', arn: (s, n) => `arn:${s.partition}:dynamodb:${s.region}:${s.account}:table/${n}` },
  'dynamodb-backup': { service: 'dynamodb', arn: (s, n) => `arn:${s.partition}:dynamodb:${s.region}:${s.account}:table/${n}/backup/${n}` },
  'ec2-volume': { service: 'ec2', arn: (s, n) => `arn:${s.partition}:ec2:${s.region}:${s.account}:volume/${n}` },
  // EBS snapshot ARNs carry no account.
  'ec2-snapshot': { service: 'ec2', arn: (s, n) => `arn:${s.partition}:ec2:${s.region}::snapshot/${n}` },
  'kms-key': { service: 'kms', arn: (s, n) => `arn:${s.partition}:kms:${s.region}:${s.account}:key/${n}` },
  'iam-user': { service: 'iam', arn: (s, n) => `arn:${s.partition}:iam::${s.account}:user/${n}` },
  'iam-role': { service: 'iam', arn: (s, n) => `arn:${s.partition}:iam::${s.account}:role/${n}` },
  'iam-group': { service: 'iam', arn: (s, n) => `arn:${s.partition}:iam::${s.account}:group/${n}` },
  'iam-policy': { service: 'iam', arn: (s, n) => `arn:${s.partition}:iam::${s.account}:policy/${n}` },
};

export function targetService(target: TargetKind): string {
  return shapes[target].service;
}

/** A concrete ARN no policy names on purpose: allowed on it means allowed on any resource of the kind. */
export function probeArn(target: TargetKind, scope: ArnScope): string {
  return shapes[target].arn(scope, PROBE_NAME);
}

/** The service-wide wildcard a grant on "any resource of this kind" is reported under. */
export function wildcardResource(target: TargetKind, scope: ArnScope): string {
  if (target.startsWith('iam-')) return `arn:${scope.partition}:iam::${scope.account}:*`;
  if (target === 's3-object') return shapes['s3-bucket'].arn(scope, '*');
  // Recovery points live in vaults: deleting them empties the vault, so report them on the vaults.
  if (target === 'backup-recovery-point') return shapes['backup-vault'].arn(scope, '*');
  return shapes[target].arn(scope, '*');
}

/**
 * The canonical resource id (or glob) a grant or protection found on a policy pattern is reported
 * under: S3 object patterns become their bucket pattern (the assessment classifies buckets),
 * recovery point patterns become the vaults of their region and account.
 */
export function canonicalPattern(target: TargetKind, pattern: string, scope: ArnScope): string {
  if (pattern === '*') return wildcardResource(target, scope);
  if (target === 's3-object') {
    const prefix = `arn:${pattern.split(':')[1] ?? scope.partition}:s3:::`;
    if (!pattern.startsWith(prefix)) return pattern;
    const bucket = pattern.slice(prefix.length).split('/')[0];
    return prefix + (bucket || '*');
  }
  if (target === 'backup-recovery-point') return pattern.replace(/:recovery-point:.*$/, ':backup-vault:*');
  return pattern;
}

/**
 * A concrete ARN inside a policy's resource pattern, for the simulator to evaluate: wildcards in
 * the region and account become this verification's, wildcards in the resource part become a
 * made-up name, and known policy variables are filled in. Undefined when the pattern is not an
 * ARN of the target's service or keeps a variable we cannot fill.
 */
export function concretize(pattern: string, target: TargetKind, scope: ArnScope, variables: Record<string, string>): string | undefined {
  const filled = pattern.replace(/\$\{([^}]+)\}/g, (whole, name: string) => variables[name.toLowerCase()] ?? whole);
  if (filled.includes('${')) return undefined;
  const parts = filled.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, account] = parts;
  const wantedService = targetService(target);
  if (service !== wantedService && !/[*?]/.test(service)) return undefined;
  let resource = parts.slice(5).join(':');
  const fill = (value: string, replacement: string) => (value === '' ? '' : value.replace(/\*/g, replacement).replace(/\?/g, 'x'));
  const globalService = wantedService === 's3' || wantedService === 'iam';
  if (target === 's3-object' && !resource.includes('/') && /[*?]/.test(resource)) resource = `${resource}/${PROBE_NAME}`;
  return [
    'arn',
    fill(partition, scope.partition),
    wantedService,
    globalService ? '' : fill(region, scope.region) || scope.region,
    target === 's3-object' || target === 's3-bucket' ? '' : target === 'ec2-snapshot' ? '' : fill(account, scope.account) || scope.account,
    fill(resource, PROBE_NAME),
  ].join(':');
}
