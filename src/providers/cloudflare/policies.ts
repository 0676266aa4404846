import type { ActionClass, Grant, Protection, Unknown } from '../../core/types.js';
import type { CloudflarePolicy, CloudflareZone } from './api.js';

export interface PolicyReach {
  grants: Grant[];
  protections: Protection[];
  unknowns: Unknown[];
}

/**
 * A token's policies → grants. Each permission group is classed by its name: "… Read" reads,
 * "… Write"/"… Edit" writes AND deletes (Cloudflare's write groups include delete), and the groups
 * that mint tokens or add account members are admin: the token can give itself anything.
 */
export function policyReach(policies: CloudflarePolicy[], zones: { items?: CloudflareZone[]; complete: boolean }, principal: string): PolicyReach {
  const reach: PolicyReach = { grants: [], protections: [], unknowns: [] };
  for (const policy of policies) {
    const targets = policyTargets(policy, zones, reach.unknowns);
    const names = policy.permission_groups.map((g) => g.name);
    if (policy.effect === 'deny') {
      for (const resource of targets)
        reach.protections.push({ kind: 'explicit-deny', resource, blocks: names, description: `deny policy ${policy.id} of this token: ${names.join(', ')}` });
      continue;
    }
    for (const name of names) {
      const action = classify(name);
      if (!action) {
        reach.unknowns.push({ what: `what permission group "${name}" allows`, reason: 'its name says neither read nor write' });
        continue;
      }
      const evidence = `permission group "${name}" (policy ${policy.id})${action === 'destroy' ? ': Cloudflare write permissions include delete' : action === 'admin' ? ': can create tokens or memberships with any permission' : ''}`;
      for (const target of targets) {
        // Minting tokens as the user reaches whatever the user can: every account and zone of theirs.
        const resource = action === 'admin' && target.startsWith('cloudflare:user/') ? 'cloudflare:*' : target;
        reach.grants.push({ action, resource, evidence, operation: name, principal });
      }
    }
  }
  return reach;
}

function classify(name: string): ActionClass | undefined {
  if (/\b(api tokens|memberships)\s+(write|edit)$/i.test(name)) return 'admin';
  if (/\b(write|edit)$/i.test(name)) return 'destroy';
  if (/\bread$/i.test(name)) return 'read';
  return undefined;
}

const ZONE = 'com.cloudflare.api.account.zone.';
const ACCOUNT = 'com.cloudflare.api.account.';

// Policy resource keys → canonical ids (`cloudflare:zone/<id>`, `cloudflare:account/<id>`, globs for `*`).
function policyTargets(policy: CloudflarePolicy, zones: { items?: CloudflareZone[]; complete: boolean }, unknowns: Unknown[]): string[] {
  const targets = new Set<string>();
  for (const [key, value] of Object.entries(policy.resources)) {
    if (typeof value !== 'object' || value === null) {
      targets.add(canonical(key));
      continue;
    }
    // Nested form: an account, then the zones inside it ("all zones of account X").
    const accountId = key.startsWith(ACCOUNT) ? key.slice(ACCOUNT.length) : key;
    for (const inner of Object.keys(value)) {
      if (inner !== `${ZONE}*`) {
        targets.add(canonical(inner));
        continue;
      }
      for (const zone of zones.items ?? []) if (zone.account?.id === accountId) targets.add(`cloudflare:zone/${zone.id}`);
      if (!zones.items || !zones.complete)
        unknowns.push({ what: `the zones of account ${accountId} that policy ${policy.id} covers`, reason: 'the token could not list all of its zones' });
    }
  }
  return [...targets];
}

function canonical(key: string): string {
  if (key.startsWith(ZONE)) return `cloudflare:zone/${key.slice(ZONE.length)}`;
  if (key.startsWith(ACCOUNT)) return `cloudflare:account/${key.slice(ACCOUNT.length)}`;
  const user = /^com\.cloudflare\.api\.user\.(.+)$/.exec(key);
  if (user) return `cloudflare:user/${user[1]}`;
  // R2 bucket-scoped tokens: com.cloudflare.edge.r2.bucket.<account>_<jurisdiction>_<bucket>
  const bucket = /^com\.cloudflare\.edge\.r2\.bucket\.([0-9a-f]+)_([a-z]+)_(.+)$/.exec(key);
  if (bucket) return `cloudflare:r2/${bucket[1]}/${bucket[3]}`;
  return `cloudflare:${key}`;
}
