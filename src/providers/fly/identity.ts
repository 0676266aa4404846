import { actionString } from './caveats.js';
import type { FlyOrg } from './inventory.js';
import { expiresAt, type Caveat, type FlyTokenBundle } from './macaroon.js';

// One read-only query (schema: github.com/superfly/fly-go schema.graphql — Query.viewer: Principal,
// Query.organizations: OrganizationConnection, Organization.internalNumericId / slug / viewerRole).
export const IDENTITY_QUERY = `query BlastradiusIdentity {
  viewer { __typename email }
  organizations { nodes { id internalNumericId slug name type viewerRole } }
}`;

export interface IdentityData {
  viewer?: { __typename?: string; email?: string } | null;
  organizations?: {
    nodes?: ({ id?: string; internalNumericId?: string | number; slug?: string; name?: string; type?: string; viewerRole?: string } | null)[];
  } | null;
}

export function orgsOf(data: IdentityData): FlyOrg[] {
  return (data.organizations?.nodes ?? []).flatMap((n) =>
    n?.slug
      ? [
          {
            slug: n.slug,
            name: n.name,
            type: n.type,
            role: n.viewerRole,
            numericId: n.internalNumericId === undefined ? undefined : String(n.internalNumericId),
          },
        ]
      : [],
  );
}

/** The orgs a macaroon names in its Organization caveats (all of them for a user token or an org id 0). */
export function targetOrgs(bundle: FlyTokenBundle, orgs: readonly FlyOrg[]): { orgs: FlyOrg[]; missing: string[] } {
  if (bundle.kind === 'oauth') return { orgs: [...orgs], missing: [] };
  const ids = new Set(bundle.permission.flatMap((m) => m.caveats.flatMap((c) => (c.type === 'Organization' ? [c.id] : []))));
  if (ids.size === 0 || ids.has('0') || orgs.every((o) => o.numericId === undefined)) return { orgs: [...orgs], missing: [] };
  return {
    orgs: orgs.filter((o) => o.numericId !== undefined && ids.has(o.numericId)),
    missing: [...ids].filter((id) => !orgs.some((o) => o.numericId === id)),
  };
}

/** What kind of Fly.io token this is, read from its caveats (https://fly.io/docs/security/tokens/). */
export function tokenKind(bundle: FlyTokenBundle): string {
  if (bundle.kind === 'oauth') return 'user token (fo1_): acts as its user in every org';
  if (bundle.permission.length === 0) return 'macaroon without a permission token';
  if (bundle.permission.length > 1) return `macaroon bundle (${bundle.permission.length} permission tokens)`;
  const caveats = bundle.permission[0].caveats;
  const apps = appsNamed(caveats);
  if (apps.length > 0) return `app-scoped token (apps ${apps.join(', ')}), as fly tokens create deploy makes`;
  const masks = caveats.flatMap((c) => (c.type === 'Organization' ? [c.mask] : c.type === 'Action' ? [c.mask] : []));
  const mask = masks.reduce((a, b) => a & b, 0xffff);
  const orgs = [...new Set(caveats.flatMap((c) => (c.type === 'Organization' ? [c.id] : [])))];
  if (caveats.some((c) => c.type === 'Scoped' || c.type === 'Mutations' || c.type === 'Volumes' || c.type === 'Unmodelled'))
    return 'macaroon with custom caveats';
  if (mask === 1) return `read-only org token (org ${orgs.join(', ')})`;
  return `org-scoped token (org ${orgs.join(', ') || 'any'}: ${actionString(mask)})`;
}

function appsNamed(caveats: readonly Caveat[]): string[] {
  return caveats.flatMap((c) => (c.type === 'Apps' ? [...c.apps.keys()].filter((k) => k !== '0') : c.type === 'IfPresent' ? appsNamed(c.ifs) : []));
}

/** Expiry and discharge facts from the token itself. */
export function tokenNotes(bundle: FlyTokenBundle, now = Date.now()): string[] {
  const notes: string[] = [];
  for (const token of bundle.permission) {
    const end = expiresAt(token);
    if (end === undefined) notes.push('the permission token has no expiry caveat');
    else notes.push(`the permission token ${end * 1000 < now ? 'expired' : 'expires'} ${new Date(end * 1000).toISOString()}`);
    const thirdParties = token.caveats.flatMap((c) => (c.type === 'ThirdParty' ? [c.location] : []));
    for (const location of thirdParties) {
      if (!bundle.discharges.some((d) => d.location === location))
        notes.push(`no discharge token for ${location} travels with it: Fly.io accepts the token only with one (a logged-in user's)`);
    }
  }
  if (bundle.undecoded > 0) notes.push(`${bundle.undecoded} piece(s) of the token did not decode as Fly.io macaroons`);
  return notes;
}
