// Apps, volumes and volume snapshots a Fly.io token can see, through the Machines API's GETs:
// GET /v1/apps?org_slug= (https://fly.io/docs/machines/api/apps-resource/#list-apps-in-an-organization),
// GET /v1/apps/{app}/volumes and GET /v1/apps/{app}/volumes/{id}/snapshots
// (https://fly.io/docs/machines/api/volumes-resource/). Apps also carry `internal_numeric_id` and
// `app_role` ("postgres_cluster" for Fly Postgres) in Fly.io's own client (github.com/superfly/fly-go flaps/flaps_apps.go).
import type { Unknown } from '../../core/types.js';
import type { Outcome } from '../outcome.js';
import type { FlyClient } from './client.js';

export interface FlyOrg {
  slug: string;
  name?: string;
  numericId?: string;
  type?: string;
  /** The token's user's role in the org (GraphQL viewerRole), when the API tells. */
  role?: string;
}

export interface FlySnapshot {
  id: string;
  size?: number;
  createdAt?: string;
  retentionDays?: number;
}

export interface FlyVolume {
  id: string;
  name: string;
  state?: string;
  sizeGb?: number;
  region?: string;
  attachedMachine?: string | null;
  snapshotRetention?: number;
  autoBackup?: boolean;
  /** Undefined: not read (the reason is an unknown or a note). */
  snapshots?: FlySnapshot[];
}

export interface FlyApp {
  org: FlyOrg;
  id: string;
  name: string;
  numericId?: string;
  status?: string;
  appRole?: string;
  volumeCount?: number;
  /** Undefined: not read. */
  volumes?: FlyVolume[];
}

export interface FlyInventory {
  apps: FlyApp[];
  /** Orgs whose apps could not be listed, with the reason. */
  unlisted: { org: FlyOrg; reason: string }[];
  unknowns: Unknown[];
  notes: string[];
}

/** Fly.io's Machines API answered 401: the documented "missing or invalid" token. */
export class FlyUnauthorized extends Error {}

const MAX_APPS_PER_ORG = 100;
const MAX_VOLUME_LISTINGS = 40;
const MAX_SNAPSHOT_LISTINGS = 40;

interface RestApp {
  id?: string;
  name?: string;
  internal_numeric_id?: number | string;
  status?: string;
  app_role?: string;
  volume_count?: number;
  machine_count?: number;
}
interface RestVolume {
  id?: string;
  name?: string;
  state?: string;
  size_gb?: number;
  region?: string;
  attached_machine_id?: string | null;
  snapshot_retention?: number;
  auto_backup_enabled?: boolean;
}
interface RestSnapshot {
  id?: string;
  size?: number;
  created_at?: string;
  retention_days?: number;
}

export async function listInventory(client: FlyClient, orgs: readonly FlyOrg[]): Promise<FlyInventory> {
  const inventory: FlyInventory = { apps: [], unlisted: [], unknowns: [], notes: [] };
  for (const org of orgs) {
    const answer = await client.get<{ apps?: RestApp[]; total_apps?: number }>(`/apps?org_slug=${encodeURIComponent(org.slug)}`);
    if (!answer.ok && answer.kind === 'invalid') throw new FlyUnauthorized(answer.reason);
    if (!answer.ok || !Array.isArray(answer.data?.apps)) {
      inventory.unlisted.push({ org, reason: `GET /v1/apps?org_slug=${org.slug}: ${unread(answer)}` });
      continue;
    }
    const apps = answer.data.apps.filter((a) => typeof a.name === 'string');
    if (apps.length > MAX_APPS_PER_ORG || (answer.data.total_apps ?? 0) > apps.length) {
      inventory.unknowns.push({
        what: `apps of org ${org.slug} past the first ${Math.min(apps.length, MAX_APPS_PER_ORG)}`,
        reason: 'not listed',
        upTo: 'destroy',
        resources: [`fly:${org.slug}/*`],
        settle: `GET /v1/apps?org_slug=${org.slug}`,
      });
    }
    for (const app of apps.slice(0, MAX_APPS_PER_ORG)) {
      inventory.apps.push({
        org,
        id: String(app.id ?? app.name),
        name: app.name!,
        numericId: app.internal_numeric_id === undefined ? undefined : String(app.internal_numeric_id),
        status: app.status,
        appRole: app.app_role,
        volumeCount: app.volume_count,
      });
    }
  }
  await listVolumes(client, inventory);
  return inventory;
}

async function listVolumes(client: FlyClient, inventory: FlyInventory): Promise<void> {
  let volumeListings = 0;
  let snapshotListings = 0;
  for (const app of inventory.apps) {
    if (app.volumeCount === 0) {
      app.volumes = [];
      continue;
    }
    if (++volumeListings > MAX_VOLUME_LISTINGS) {
      inventory.unknowns.push(unreadVolumes(app, `more than ${MAX_VOLUME_LISTINGS} apps with volumes: not read`));
      continue;
    }
    const answer = await client.get<RestVolume[]>(`/apps/${encodeURIComponent(app.name)}/volumes`);
    if (!answer.ok && answer.kind === 'invalid') throw new FlyUnauthorized(answer.reason);
    if (!answer.ok || !Array.isArray(answer.data)) {
      // 403/404: the token may not read this app (a deploy token for another app); its caveats decide what it may do.
      inventory.notes.push(`volumes of ${app.org.slug}/${app.name} not read: ${unread(answer)}`);
      continue;
    }
    app.volumes = answer.data
      .filter((v) => typeof v.id === 'string' && !['destroyed', 'destroying', 'pending_destroy'].includes(v.state ?? ''))
      .map((v) => ({
        id: v.id!,
        name: v.name ?? v.id!,
        state: v.state,
        sizeGb: v.size_gb,
        region: v.region,
        attachedMachine: v.attached_machine_id,
        snapshotRetention: v.snapshot_retention,
        autoBackup: v.auto_backup_enabled,
      }));
    for (const volume of app.volumes) {
      if (++snapshotListings > MAX_SNAPSHOT_LISTINGS) {
        inventory.notes.push(`snapshots of volume ${volume.id} (${app.name}) not listed: more than ${MAX_SNAPSHOT_LISTINGS} volumes`);
        continue;
      }
      const snapshots = await client.get<RestSnapshot[]>(`/apps/${encodeURIComponent(app.name)}/volumes/${encodeURIComponent(volume.id)}/snapshots`);
      if (!snapshots.ok && snapshots.kind === 'invalid') throw new FlyUnauthorized(snapshots.reason);
      if (!snapshots.ok || !Array.isArray(snapshots.data)) {
        inventory.notes.push(`snapshots of volume ${volume.id} (${app.name}) not read: ${unread(snapshots)}`);
        continue;
      }
      volume.snapshots = snapshots.data
        .filter((s) => typeof s.id === 'string')
        .map((s) => ({ id: s.id!, size: s.size, createdAt: s.created_at, retentionDays: s.retention_days }));
    }
  }
}

// Why a listing gave no list. One Fly.io did not answer (timeout, 5xx after retries) is a gap in the inventory, not a failed verification.
function unread(answer: Outcome<unknown>): string {
  if (answer.ok) return `HTTP ${answer.status} without a list`;
  return answer.status === undefined ? answer.reason : `HTTP ${answer.status} (${answer.reason})`;
}

function unreadVolumes(app: FlyApp, reason: string): Unknown {
  return {
    what: `which volumes app ${app.name} has`,
    reason,
    upTo: 'none',
    resources: [`fly:${app.org.slug}/${app.name}/*`],
    settle: `GET /v1/apps/${app.name}/volumes`,
  };
}
