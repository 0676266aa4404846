import type { ActionClass, Grant, Unknown } from '../../core/types.js';
import { ACTION, evaluate, type Access, type Verdict } from './caveats.js';
import type { FlyApp, FlyInventory, FlyOrg } from './inventory.js';
import type { Macaroon } from './macaroon.js';
import { appId, volumeId } from './resources.js';

const ROLES_DOC = 'https://fly.io/docs/security/org-roles-permissions/';
const APP_DELETE_DOC = 'https://fly.io/docs/apps/delete/';
const MPG_DESTROY_DOC = 'https://fly.io/docs/flyctl/mpg-destroy/';

/** Who answers for what the token may do: its caveats (a macaroon), or its user's org roles (an fo1_ token). */
export type Authority = { kind: 'macaroon'; tokens: readonly Macaroon[] } | { kind: 'user' };

export interface FlyGrants {
  grants: Grant[];
  unknowns: Unknown[];
}

/** Grants over every app, volume and snapshot listed, and unknowns where the caveats or the listings leave the answer open. */
export function flyGrants(authority: Authority, inventory: FlyInventory, principal: string): FlyGrants {
  const out: FlyGrants = { grants: [], unknowns: [] };
  for (const app of inventory.apps) {
    if (authority.kind === 'user') userGrants(app, principal, out);
    else macaroonGrants(authority.tokens, app, principal, out);
  }
  const orgs = new Map<string, FlyOrg>();
  for (const app of inventory.apps) orgs.set(app.org.slug, app.org);
  for (const { org, reason } of inventory.unlisted) {
    const level =
      authority.kind === 'user'
        ? { result: 'unknown', because: 'the role in this org was not read' }
        : evaluate(authority.tokens, { org: org.numericId ?? '?', app: '?', action: ACTION.delete });
    if (level.result === 'deny') continue;
    out.unknowns.push({
      what: `which apps of org ${org.slug} this token can delete`,
      reason: `its apps could not be listed (${reason})`,
      upTo: 'destroy',
      resources: [`fly:${org.slug}/*`],
      settle: `GET /v1/apps?org_slug=${org.slug}`,
    });
  }
  for (const org of [...orgs.values(), ...inventory.unlisted.map((u) => u.org)]) mpgUnknown(authority, org, out);
  return out;
}

// Fly.io org roles: "Members ... Create and destroy apps ... Manage secrets, volumes, and machines"; Admins have all of that too.
function userGrants(app: FlyApp, principal: string, out: FlyGrants): void {
  const role = app.org.role?.toLowerCase();
  const id = appId(app);
  if (role !== 'admin' && role !== 'member') {
    out.grants.push(grant('read', id, `listed by the Machines API (org ${app.org.slug})`, principal));
    out.unknowns.push({
      what: `the token's role in org ${app.org.slug}`,
      reason: `Fly.io did not tell the viewer's role (${app.org.role ?? 'none'})`,
      upTo: 'destroy',
      resources: [id, `${id}/volume/*`],
      settle: 'GraphQL organizations { nodes { viewerRole } }',
    });
    return;
  }
  const evidence = `${role === 'admin' ? 'Admin' : 'Member'} of org ${app.org.slug} (a user token acts with its user's role; Fly.io org roles: members and admins create and destroy apps and manage volumes, ${ROLES_DOC})`;
  out.grants.push(
    grant('destroy', id, `${evidence}; destroying an app deletes its volumes and volume snapshots (${APP_DELETE_DOC})`, principal, 'apps:delete'),
  );
  for (const volume of app.volumes ?? []) out.grants.push(grant('destroy', volumeId(app, volume), evidence, principal, 'volumes:delete'));
  out.grants.push(grant('read', `${id}/*`, evidence, principal));
}

function macaroonGrants(tokens: readonly Macaroon[], app: FlyApp, principal: string, out: FlyGrants): void {
  const id = appId(app);
  const base = { org: app.org.numericId ?? '?', app: app.numericId ?? '?' };
  const remove = either(evaluate(tokens, { ...base, action: ACTION.delete }), evaluate(tokens, { ...base, action: ACTION.delete, mutation: 'deleteApp' }));
  const write = evaluate(tokens, { ...base, action: ACTION.write });
  const read = evaluate(tokens, { ...base, action: ACTION.read });
  if (remove.result === 'allow') {
    out.grants.push(
      grant(
        'destroy',
        id,
        `macaroon caveats allow delete on app ${app.name} (${remove.because}); destroying an app deletes its volumes and volume snapshots (${APP_DELETE_DOC})`,
        principal,
        'apps:delete',
      ),
    );
  } else if (remove.result === 'unknown') {
    out.unknowns.push({
      what: `whether this token can delete app ${app.name}`,
      reason: remove.because,
      upTo: 'destroy',
      resources: [id, `${id}/volume/*`],
      settle: 'flyctl tokens debug on the token: the caveats that decide it',
    });
  }
  for (const volume of app.volumes ?? []) {
    const access: Access = { ...base, volume: volume.id, action: ACTION.delete };
    const verdict = either(evaluate(tokens, access), evaluate(tokens, { ...access, mutation: 'deleteVolume' }));
    if (verdict.result === 'allow')
      out.grants.push(
        grant('destroy', volumeId(app, volume), `macaroon caveats allow delete on volume ${volume.id} (${verdict.because})`, principal, 'volumes:delete'),
      );
  }
  if (write.result === 'allow' && remove.result !== 'allow')
    out.grants.push(...both('write', id, `macaroon caveats allow write on app ${app.name} (${write.because})`, principal));
  else if (write.result === 'unknown' && remove.result === 'deny') {
    out.unknowns.push({ what: `whether this token can change app ${app.name}`, reason: write.because, upTo: 'write', resources: [id, `${id}/*`] });
  }
  if (read.result === 'allow') out.grants.push(...both('read', id, `macaroon caveats allow read on app ${app.name} (${read.because})`, principal));
}

/** Managed Postgres clusters: no documented API lists them, and whether destroying one keeps its backups is not documented. */
function mpgUnknown(authority: Authority, org: FlyOrg, out: FlyGrants): void {
  const verdict: Verdict =
    authority.kind === 'user'
      ? { result: org.role ? 'allow' : 'unknown', because: `role ${org.role ?? 'not read'}` }
      : evaluate(authority.tokens, { org: org.numericId ?? '?', action: ACTION.delete });
  if (verdict.result === 'deny') return;
  out.unknowns.push({
    what: `Managed Postgres clusters of org ${org.slug}, and whether their backups outlive them`,
    reason: `the token may delete at the org level (${verdict.because}); "fly mpg destroy" permanently destroys a cluster and all its data (${MPG_DESTROY_DOC}); Fly.io does not document what becomes of its backups, and lists clusters only through an API it does not document`,
    upTo: 'destroy',
    resources: [`fly:${org.slug}/mpg/*`],
    settle: `fly mpg list --org ${org.slug} and Fly.io support on backup retention after destroy`,
  });
}

function either(a: Verdict, viaMutation: Verdict): Verdict {
  if (a.result === 'allow') return a;
  // Through a GraphQL mutation the caveats are at most "unknown" (the access Fly.io builds is not documented).
  if (viaMutation.result !== 'deny') return { result: 'unknown', because: viaMutation.because };
  return a;
}

// The app and everything under it (its volumes and snapshots), never another app whose name it prefixes.
function both(action: ActionClass, id: string, evidence: string, principal: string): Grant[] {
  return [grant(action, id, evidence, principal), grant(action, `${id}/*`, evidence, principal)];
}

function grant(action: ActionClass, resource: string, evidence: string, principal: string, operation?: string): Grant {
  return { action, resource, evidence, principal, ...(operation ? { operation } : {}) };
}
