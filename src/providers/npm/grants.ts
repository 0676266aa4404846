import type { Grant, Resource, Unknown } from '../../core/types.js';
import type { TokenPowers } from './token-kind.js';

/** Packages the user can reach, and where that list came from (for evidence). */
export interface PackageReach {
  packages: Map<string, 'read' | 'write'>;
  source: string;
}

export interface NpmFindings {
  grants: Grant[];
  resources: Resource[];
  notes: string[];
  unknowns: Unknown[];
}

const UNPUBLISH_POLICY =
  'npm unpublish removes a version within 72 hours of its publication, and later only for packages without dependents, under 300 downloads in the last week and with a single owner';

/** Turns package reach + token powers + the account's 2FA mode into grants, inventory and notes. */
export function npmFindings(user: string, reach: PackageReach | undefined, powers: TokenPowers, twoFactorMode: string | undefined): NpmFindings {
  const out: NpmFindings = { grants: [], resources: [], notes: [], unknowns: [] };
  // With 2FA on writes, a publish token alone cannot publish: the registry also asks for a one-time password.
  const otpBlocks = twoFactorMode === 'auth-and-writes' && !powers.bypassesTwoFactor;
  const canPublish = powers.canPublish === true && !otpBlocks;
  if (powers.canPublish === true && otpBlocks) {
    out.notes.push(
      `account ${user} has 2FA for writes (auth-and-writes): publishing or unpublishing with this ${powers.kind} token also needs a one-time password`,
    );
  }
  if (powers.cidr.length > 0) out.notes.push(`token usable only from ${powers.cidr.join(', ')}`);
  if (powers.expiry) out.notes.push(`token expires ${powers.expiry}`);
  if (powers.canPublish === undefined) {
    out.unknowns.push({
      what: 'whether this token can publish or unpublish',
      reason: `${powers.evidence}: read-only and publish tokens look alike to GET requests`,
    });
  }
  if (!reach) {
    out.unknowns.push({ what: `packages ${user} can publish`, reason: 'the registry did not list the packages of this user' });
  } else {
    for (const [name, access] of [...reach.packages].sort(([a], [b]) => a.localeCompare(b))) {
      if (powers.packageFilter && !powers.packageFilter(name)) continue;
      const resource = `npm:${name}`;
      out.resources.push({ id: resource, type: 'package', name, provider: 'npm', attributes: { access } });
      const reachEvidence = `${user} has ${access} access to ${name} (${reach.source})`;
      if (access === 'write' && canPublish) {
        out.grants.push({ action: 'write', resource, evidence: `${powers.evidence}; ${reachEvidence}`, operation: 'npm publish', principal: user });
        out.grants.push({
          action: 'destroy',
          resource,
          evidence: `${powers.evidence}; ${reachEvidence}; ${UNPUBLISH_POLICY}`,
          operation: 'npm unpublish',
          principal: user,
        });
      } else {
        out.grants.push({ action: 'read', resource, evidence: `${powers.evidence}; ${reachEvidence}`, operation: 'npm install', principal: user });
      }
    }
    if (canPublish && out.grants.some((g) => g.action === 'destroy')) {
      out.unknowns.push({ what: 'which versions can still be unpublished', reason: `decided by the registry at unpublish time (${UNPUBLISH_POLICY})` });
    }
  }
  for (const org of powers.orgsWritable) {
    out.grants.push({
      action: 'admin',
      resource: `npm:@${org}/*`,
      evidence: `${powers.evidence}; organisation ${org}: read-write (members and teams)`,
      operation: 'npm org set / npm team',
      principal: user,
    });
  }
  return out;
}
