// What a Render API key can see, with GETs only: /v1/owners and each workspace's members (the key
// owner's role), /v1/postgres with each instance's recovery info and exports, /v1/services,
// /v1/disks with each disk's snapshots, and the environments they sit in (protected or not).
import { mapLimit } from '../../core/concurrency.js';
import type { Unknown } from '../../core/types.js';
import type { RestApi } from '../rest.js';
import {
  workspacePattern,
  type Disk,
  type Inventory,
  type Member,
  type Owner,
  type Postgres,
  type RecoveryInfo,
  type Service,
  type User,
  type WorkspaceView,
} from './model.js';

const LIMIT = 100;
const CONCURRENCY = 3;

type Listed<K extends string, T> = ({ cursor?: string } & Record<K, T>)[];

export async function listInventory(api: RestApi, user: User): Promise<Inventory> {
  const unknowns: Unknown[] = [];
  const notes: string[] = [];
  const owners = await api.get<Listed<'owner', Owner>>(`/v1/owners?limit=${LIMIT}`);
  if (!owners.ok || !Array.isArray(owners.data)) {
    unknowns.push({
      what: 'which workspaces this key reaches',
      reason: owners.ok ? 'Render answered without a list' : owners.reason,
      upTo: 'admin',
      resources: ['render:*'],
      settle: 'GET /v1/owners',
    });
    return { workspaces: [], unknowns, notes };
  }
  const workspaces: WorkspaceView[] = owners.data
    .map((o) => o.owner)
    .filter((o): o is Owner => typeof o?.id === 'string')
    .map((owner) => ({ owner, databases: [], services: [] }));
  await mapLimit(workspaces, CONCURRENCY, (ws) => readRole(api, ws, user));
  const byId = new Map(workspaces.map((w) => [w.owner.id, w]));
  const more = (what: string, path: string) =>
    unknowns.push({
      what: `${what} past the first ${LIMIT}`,
      reason: `Render returned a full page of ${LIMIT}`,
      upTo: 'destroy',
      resources: ['render:*'],
      settle: `GET ${path} with the last cursor`,
    });

  const databases = await api.get<Listed<'postgres', Postgres>>(`/v1/postgres?limit=${LIMIT}`);
  if (databases.ok && Array.isArray(databases.data)) {
    if (databases.data.length >= LIMIT) more('Postgres instances', '/v1/postgres');
    for (const { postgres } of databases.data) {
      const ws = byId.get(postgres?.owner?.id ?? '');
      if (ws && typeof postgres.name === 'string') ws.databases.push({ postgres, notes: [] });
    }
  } else
    unknowns.push({
      what: 'which Postgres instances this key reaches',
      reason: databases.ok ? 'Render answered without a list' : databases.reason,
      upTo: 'destroy',
      resources: ['render:*'],
      settle: 'GET /v1/postgres',
    });

  const services = await api.get<Listed<'service', Service>>(`/v1/services?limit=${LIMIT}`);
  const serviceById = new Map<string, { ws: WorkspaceView; index: number }>();
  if (services.ok && Array.isArray(services.data)) {
    if (services.data.length >= LIMIT) more('services', '/v1/services');
    for (const { service } of services.data) {
      const ws = byId.get(service?.ownerId ?? '');
      if (!ws || typeof service.name !== 'string') continue;
      serviceById.set(service.id, { ws, index: ws.services.push({ service, notes: [] }) - 1 });
    }
  } else
    unknowns.push({
      what: 'which services this key reaches',
      reason: services.ok ? 'Render answered without a list' : services.reason,
      upTo: 'destroy',
      resources: ['render:*'],
      settle: 'GET /v1/services',
    });

  const disks = await api.get<Listed<'disk', Disk>>(`/v1/disks?limit=${LIMIT}`);
  if (disks.ok && Array.isArray(disks.data)) {
    if (disks.data.length >= LIMIT) more('disks', '/v1/disks');
    for (const { disk } of disks.data) {
      const at = serviceById.get(disk?.serviceId ?? '');
      if (at) at.ws.services[at.index].disk = disk;
    }
  } else notes.push(`disks not listed (${disks.ok ? 'no list' : disks.reason})`);

  const environments = await readEnvironments(api, workspaces);
  for (const ws of workspaces) {
    await mapLimit(ws.databases, CONCURRENCY, async (db) => {
      db.protectedEnv = environments.get(db.postgres.environmentId ?? '');
      const recovery = await api.get<RecoveryInfo>(`/v1/postgres/${encodeURIComponent(db.postgres.id)}/recovery`);
      if (recovery.ok) db.recovery = recovery.data;
      else db.notes.push(`point-in-time recovery of ${db.postgres.name} not read (${recovery.reason})`);
      // Exports carry signed download URLs: only their number is kept.
      const exports = await api.get<unknown[]>(`/v1/postgres/${encodeURIComponent(db.postgres.id)}/export`);
      if (exports.ok && Array.isArray(exports.data)) db.exports = exports.data.length;
    });
    await mapLimit(ws.services, CONCURRENCY, async (s) => {
      s.protectedEnv = environments.get(s.service.environmentId ?? '');
      if (!s.disk) return;
      const snapshots = await api.get<{ createdAt?: string }[]>(`/v1/disks/${encodeURIComponent(s.disk.id)}/snapshots`);
      if (snapshots.ok && Array.isArray(snapshots.data)) {
        const latestAt = snapshots.data
          .map((x) => x.createdAt ?? '')
          .filter(Boolean)
          .sort()
          .at(-1);
        s.snapshots = { count: snapshots.data.length, ...(latestAt ? { latestAt } : {}) };
      } else s.notes.push(`snapshots of disk ${s.disk.name} not read (${snapshots.ok ? 'no list' : snapshots.reason})`);
    });
  }
  for (const ws of workspaces) {
    if (!ws.role)
      unknowns.push({
        what: `the key owner's role in workspace "${ws.owner.name}"`,
        reason: ws.roleUnread ?? 'not read',
        upTo: 'admin',
        resources: [workspacePattern(ws.owner.name)],
        settle: `GET /v1/owners/${ws.owner.id}/members`,
      });
  }
  return { workspaces, unknowns, notes };
}

/** The key owner's workspace role, from the workspace's member list (matched by email). */
async function readRole(api: RestApi, ws: WorkspaceView, user: User): Promise<void> {
  const members = await api.get<Member[]>(`/v1/owners/${encodeURIComponent(ws.owner.id)}/members`);
  if (!members.ok || !Array.isArray(members.data)) {
    ws.roleUnread = members.ok ? 'Render answered without a member list' : members.reason;
    return;
  }
  const me = members.data.find((m) => typeof m.email === 'string' && m.email.toLowerCase() === user.email.toLowerCase());
  if (me?.role) ws.role = me.role.toUpperCase();
  else ws.roleUnread = 'the key owner is not among the members Render listed';
}

/** Whether each environment that holds a resource is protected (only Admins act destructively there). */
async function readEnvironments(api: RestApi, workspaces: WorkspaceView[]): Promise<Map<string, boolean | undefined>> {
  const ids = [
    ...new Set(
      workspaces
        .flatMap((w) => [...w.databases.map((d) => d.postgres.environmentId), ...w.services.map((s) => s.service.environmentId)])
        .filter((id): id is string => typeof id === 'string' && id.length > 0),
    ),
  ];
  const out = new Map<string, boolean | undefined>();
  await mapLimit(ids, CONCURRENCY, async (id) => {
    const env = await api.get<{ protectedStatus?: string }>(`/v1/environments/${encodeURIComponent(id)}`);
    out.set(id, env.ok ? env.data.protectedStatus === 'protected' : undefined);
  });
  return out;
}
