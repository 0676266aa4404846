import { createHash } from 'node:crypto';
import type { TokenRecord } from './model.js';

/** What the registry's token list says this token may do. `unknown` when it is not in the list. */
export interface TokenPowers {
  kind: 'read-only' | 'publish' | 'automation' | 'granular' | 'unknown';
  /** Undefined when the list could not tell (token not found, list unreadable). */
  canPublish: boolean | undefined;
  /** Automation tokens and granular tokens with bypass_2fa publish without a one-time password. */
  bypassesTwoFactor: boolean;
  evidence: string;
  /** Granular tokens limited to some packages or scopes; undefined = every package the user can publish. */
  packageFilter?: (name: string) => boolean;
  /** Organisations a granular token may administer (members, teams). */
  orgsWritable: string[];
  cidr: string[];
  expiry?: string;
}

/**
 * Finds this token in the user's token list: by `key` (the hex SHA-512 of the token) first,
 * then by the truncated `token` prefix the registry shows, only when exactly one entry matches.
 */
export function findOwnRecord(records: TokenRecord[], secret: string): TokenRecord | undefined {
  const sha512 = createHash('sha512').update(secret, 'utf8').digest('hex');
  const byKey = records.find((r) => r.key?.toLowerCase() === sha512);
  if (byKey) return byKey;
  const byPrefix = records.filter((r) => {
    const shown = (r.token ?? '').replace(/(…|\.\.\.)$/, '');
    return shown.length >= 4 && secret.startsWith(shown);
  });
  return byPrefix.length === 1 ? byPrefix[0] : undefined;
}

const UNKNOWN: TokenPowers = {
  kind: 'unknown',
  canPublish: undefined,
  bypassesTwoFactor: false,
  evidence: 'token not identified in the registry token list',
  orgsWritable: [],
  cidr: [],
};

export function classifyToken(record: TokenRecord | undefined): TokenPowers {
  if (!record) return UNKNOWN;
  const cidr = [...(record.cidr_whitelist ?? []), ...(record.cidr ?? [])];
  const expiry = record.expiry ?? undefined;
  if (record.permissions && record.permissions.length > 0) return classifyGranular(record, cidr, expiry);
  if (record.readonly === true) {
    return {
      kind: 'read-only',
      canPublish: false,
      bypassesTwoFactor: false,
      evidence: 'read-only token (token list: readonly=true)',
      orgsWritable: [],
      cidr,
      expiry,
    };
  }
  if (record.automation === true) {
    return {
      kind: 'automation',
      canPublish: true,
      bypassesTwoFactor: true,
      evidence: 'automation token (token list: automation=true, publishes without 2FA)',
      orgsWritable: [],
      cidr,
      expiry,
    };
  }
  return {
    kind: 'publish',
    canPublish: true,
    bypassesTwoFactor: false,
    evidence: 'publish token (token list: readonly=false)',
    orgsWritable: [],
    cidr,
    expiry,
  };
}

function classifyGranular(record: TokenRecord, cidr: string[], expiry: string | undefined): TokenPowers {
  const action = (name: string) => record.permissions?.find((p) => p.name === name)?.action ?? '';
  const writes = (a: string) => /write/i.test(a);
  const packageAction = action('package');
  const scopes = record.scopes ?? [];
  const packages = scopes.filter((s) => s.type === 'package' && s.name).map((s) => s.name!);
  const npmScopes = scopes.filter((s) => s.type === 'scope' && s.name).map((s) => (s.name!.startsWith('@') ? s.name! : `@${s.name}`));
  const orgs = scopes.filter((s) => s.type === 'org' && s.name).map((s) => s.name!);
  const limited = packages.length > 0 || npmScopes.length > 0;
  const packageFilter = limited ? (name: string) => packages.includes(name) || npmScopes.some((scope) => name.startsWith(`${scope}/`)) : undefined;
  const label = record.name ? `granular token "${record.name}"` : 'granular token';
  return {
    kind: 'granular',
    canPublish: writes(packageAction),
    bypassesTwoFactor: record.bypass_2fa === true,
    evidence: `${label} (packages: ${packageAction || 'no access'}${limited ? `, limited to ${[...packages, ...npmScopes].join(', ')}` : ''})`,
    packageFilter,
    orgsWritable: writes(action('org')) ? orgs : [],
    cidr,
    expiry,
  };
}
