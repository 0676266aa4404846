import type { Grant, Unknown } from '../../core/types.js';
import { ADDON_DELETE, APP_DELETE, APP_PERMISSIONS, OAUTH, PG_BACKUPS } from './docs.js';
import { addonId, appId, backupsId, POSTGRES_SERVICE, type Account, type Inventory, type ScopeReading } from './model.js';

// What an OAuth scope allows (https://devcenter.heroku.com/articles/oauth, "Scopes"): `global` is
// full access to the account and every app and resource, like the account API key; `write` and
// `write-protected` change apps and resources (deleting an app or an add-on is such a change);
// `read-protected` and `write-protected` include config vars — DATABASE_URL among them, the owner
// credentials of the database; `read` and `identity` read.
const WRITES = new Set(['global', 'write', 'write-protected']);
const CONFIG = new Set(['global', 'read-protected', 'write-protected']);
const READS = new Set(['global', 'read', 'write', 'read-protected', 'write-protected']);

export function herokuGrants(
  scope: ScopeReading,
  account: Account | undefined,
  inventory: Inventory,
  principal: string,
): { grants: Grant[]; unknowns: Unknown[] } {
  const grants: Grant[] = [];
  const unknowns: Unknown[] = [];
  if ('unread' in scope) {
    unknowns.push({
      what: 'what this token may do (its OAuth scope)',
      reason: `${scope.unread}; a global token deletes apps, add-ons and their backups`,
      upTo: 'admin',
      settle: "the token's scope in the Heroku Dashboard (Account settings → Applications → Authorizations), or heroku authorizations:info",
    });
    return { grants, unknowns };
  }
  const has = (set: Set<string>) => scope.scopes.some((s) => set.has(s));
  const via = `OAuth scope ${scope.scopes.join(', ') || '(none)'}`;
  const add = (g: Omit<Grant, 'principal'>) => grants.push({ ...g, principal });
  for (const app of inventory.apps) {
    const owned = account !== undefined && app.owner?.id === account.id;
    const databases = inventory.addons.filter((a) => a.app?.name === app.name && a.addon_service?.name === POSTGRES_SERVICE);
    if (has(READS)) add({ action: 'read', resource: appId(app.name), operation: 'GET /apps', evidence: `${via} (${OAUTH})` });
    if (!owned && (has(WRITES) || has(CONFIG))) {
      // Team and collaborator apps: what the user may do there is the app permission (manage deletes the app), not read here.
      unknowns.push({
        what: `whether this user may delete app ${app.name} or its databases`,
        reason: `${via} over an app the account does not own${app.team?.name ? ` (team ${app.team.name})` : ''}: deleting a team app needs the manage permission, which was not read`,
        upTo: 'destroy',
        resources: [appId(app.name), ...databases.flatMap((d) => [addonId(app.name, d.name), backupsId(app.name, d.name)])],
        settle: `GET /teams/apps/${app.name}/collaborators/${account?.email ?? '{email}'} (${APP_PERMISSIONS})`,
      });
      continue;
    }
    if (has(WRITES))
      add({
        action: 'destroy',
        resource: appId(app.name),
        operation: 'DELETE /apps/{app}',
        evidence: `${via}: the account owns ${app.name} and may delete it (${APP_DELETE})`,
      });
    for (const db of databases) {
      const dbId = addonId(app.name, db.name);
      const backups = backupsId(app.name, db.name);
      if (has(WRITES))
        add({
          action: 'destroy',
          resource: dbId,
          operation: 'DELETE /apps/{app}/addons/{addon}',
          evidence: `${via}: deprovisions the database (${ADDON_DELETE})`,
        });
      if (has(CONFIG)) {
        add({
          action: 'destroy',
          resource: dbId,
          operation: 'GET /apps/{app}/config-vars',
          evidence: `${via}: reads DATABASE_URL, the database's owner credentials, and can drop its data through them (${OAUTH})`,
          combination: ['connect with DATABASE_URL', 'DROP / TRUNCATE'],
        });
      }
      if (scope.scopes.includes('global')) {
        add({
          action: 'destroy',
          resource: backups,
          operation: 'pg:backups:delete',
          evidence: `${via}: full access to every resource, PGBackups deleted one by one with heroku pg:backups:delete (${PG_BACKUPS})`,
        });
      } else if (has(WRITES)) {
        unknowns.push({
          what: `whether a ${scope.scopes.join('/')} token may delete the PGBackups of ${dbId}`,
          reason: 'heroku pg:backups:delete goes to the Heroku Postgres API, whose scope rules are not documented',
          upTo: 'destroy',
          resources: [backups],
          settle: PG_BACKUPS,
        });
      }
      if (has(WRITES) || has(CONFIG)) {
        unknowns.push({
          what: `whether deprovisioning ${db.name} or deleting app ${app.name} also deletes its PGBackups and Continuous Protection backups`,
          reason:
            "the Heroku documentation read (PGBackups, Continuous Protection, Platform API add-on delete) does not say what becomes of a deprovisioned database's backups",
          upTo: 'destroy',
          resources: [backups],
          settle: PG_BACKUPS,
        });
      }
    }
  }
  return { grants, unknowns: dedupe(unknowns, grants) };
}

/** An unknown over backups a proven grant already destroys adds nothing. */
function dedupe(unknowns: Unknown[], grants: Grant[]): Unknown[] {
  const destroyed = new Set(grants.filter((g) => g.action === 'destroy').map((g) => g.resource));
  return unknowns.filter((u) => !u.resources?.every((r) => destroyed.has(r)));
}
