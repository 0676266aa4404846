import type { ActionClass, Grant, Identity, Resource, Unknown } from '../../core/types.js';
import { describeTls } from '../db-tls.js';
import { ACTIONS } from './privileges.js';
import type { MongoFacts, MongoPrivilege } from './session.js';
import { clusterWildcard, databaseId, type MongoTarget } from './url.js';

export interface Access {
  identity: Identity;
  grants: Grant[];
  resources: Resource[];
  unknowns: Unknown[];
  notes: string[];
}

const ACTION_RANK: Record<ActionClass, number> = { admin: 0, destroy: 1, write: 2, read: 3 };

/** The id a privilege's resource document bears on, and how the evidence names it. */
function scopeOf(target: MongoTarget, resource: MongoPrivilege['resource']): { id: string; text: string } {
  if (resource.anyResource) return { id: clusterWildcard(target), text: 'any resource' };
  if (resource.cluster) return { id: clusterWildcard(target), text: 'the cluster' };
  const db = resource.db ?? '';
  const collection = resource.collection ?? '';
  const id = db ? databaseId(target, db) : clusterWildcard(target);
  const where = db ? `database ${db}` : 'every database';
  return { id, text: collection ? `collection ${collection} in ${where}` : `every collection in ${where}` };
}

/** One grant per (action class, resource, operation): the actions of one privilege, joined in its evidence. */
function grantsOf(target: MongoTarget, privileges: MongoPrivilege[], principal: string): Grant[] {
  const grants = new Map<string, Grant>();
  for (const privilege of privileges) {
    const { id, text } = scopeOf(target, privilege.resource);
    for (const action of privilege.actions) {
      const meaning = ACTIONS[action];
      if (!meaning) continue;
      const key = `${meaning.action}|${id}|${action}`;
      const evidence = `${action} on ${text}${meaning.why ? `: ${meaning.why}` : ''}`;
      const existing = grants.get(key);
      if (existing) existing.evidence = `${existing.evidence}; ${evidence}`;
      else grants.set(key, { action: meaning.action, resource: id, operation: action, evidence, principal });
    }
  }
  return [...grants.values()];
}

/** Turns connectionStatus and listDatabases into identity, grants, inventory, unknowns and notes. */
export function describeAccess(target: MongoTarget, facts: MongoFacts): Access {
  const user = facts.users[0] ?? { user: target.user, db: target.authSource };
  const principal = `${user.user}@${user.db} on ${target.server}`;
  const everything = clusterWildcard(target);
  const unknowns: Unknown[] = [];
  const notes: string[] = [];
  const grants = facts.privileges ? grantsOf(target, facts.privileges, principal) : [];
  if (!facts.privileges) {
    unknowns.push({
      what: `the privileges of ${user.user}@${user.db}`,
      reason: 'connectionStatus returned no privileges',
      upTo: 'admin',
      resources: [everything],
      settle: 'connectionStatus with showPrivileges: true',
    });
  }
  const resources: Resource[] = (facts.databases ?? []).map((d) => ({
    id: databaseId(target, d.name),
    type: 'mongodb-database',
    name: d.name,
    provider: 'mongodb',
  }));
  if (facts.databasesError) notes.push(`databases not listed: ${facts.databasesError}`);
  if (facts.roles.length) notes.push(`roles: ${facts.roles.map((r) => `${r.role}@${r.db}`).join(', ')}`);
  notes.push(`connection: ${describeTls(target.tls, false)}; one host, directly (no replica-set discovery)`);
  if (target.ignored.length)
    notes.push(`URL options not followed: ${target.ignored.join(', ')} (local files named by a scanned URL are never read; our connection settings win)`);
  notes.push('backups (mongodump files, Atlas or Ops Manager snapshots) live outside the server and are not visible to a database user');
  const identity: Identity = {
    principal,
    type: 'mongodb-user',
    account: target.server,
    displayName: `${user.user}@${user.db}`,
    roles: facts.roles.map((r) => `${r.role}@${r.db}`),
    ...(target.endpoint ? { endpoint: `${target.endpoint.host}:${target.endpoint.port}` } : {}),
  };
  return { identity, grants: grants.sort((a, b) => ACTION_RANK[a.action] - ACTION_RANK[b.action]), resources, unknowns, notes };
}
