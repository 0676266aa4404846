// Apps, volumes and volume snapshots a Fly.io token can see, through the Machines API's GETs:
// GET /v1/apps?org_slug= (https://fly.io/docs/machines/api/apps-resource/#list-apps-in-an-organization),
// GET /v1/apps/{app}/volumes and GET /v1/apps/{app}/volumes/{id}/snapshots
// (https://fly.io/docs/machines/api/volumes-resource/). Apps also carry `internal_numeric_id` and
// `app_role` ("postgres_cluster" for Fly Postgres) in Fly.io's own client (github.com/superfly/fly-go flaps/flaps_apps.go).
import type { Unknown } from '../../core/types.js';
import { ProviderCallError, type FlyClient } from './client.js';

export interface FlyOrg {
  slug: string;
  name?: string;
  numericId?: string;
  type?: string;
  /** The token's user's role in the org (GraphQL viewerRole), when the API tells. */
  role?: string;
}

export interface FlySnapshot { id: string; size?: number; createdAt?: string; retentionDays?: number }

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

interface RestApp { id?: string; name?: string; internal_numeric_id?: number | string; status?: string; app_role?: string; volume_count?: number; machine_count?: number }
interface RestVolume { id?: string; name?: string; state?: string; size_gb?: number; region?: string; attached_machine_id?: string | null; snapshot_retention?: number; auto_backup_enabled?: boolean }
interface RestSnapshot { id?: string; size?: number; created_at?: string; retention_days?: number }

export async function listInventory(client: FlyClient, orgs: readonly FlyOrg[]): Promise<FlyInventory> {
  const inventory: FlyInventory = { apps: [], unlisted: [], unknowns: [], notes: [] };
  for (const org of orgs) {
    const answer = await tryGet<{ apps?: RestApp[]; total_apps?: number }>(client, `/apps?org_slug=${encodeURIComponent(org.slug)}`);
    if (answer.status === 401) throw new FlyUnauthorized(answer.message);
    if (answer.status !== 200 || !Array.isArray(answer.body?.apps)) {
      inventory.unlisted.push({ org, reason: `GET /v1/apps?org_slug=${org.slug}: ${outcome(answer)}` });
      continue;
    }
    const apps = answer.body.apps.filter((a) => typeof a.name === 'string');
    if (apps.length > MAX_APPS_PER_ORG || (answer.body.total_apps ?? 0) > apps.length) {
      inventory.unknowns.push({ what: `apps of org ${org.slug} past the first ${Math.min(apps.length, MAX_APPS_PER_ORG)}`, reason: 'not listed', upTo: 'destroy', resources: [`fly:${org.slug}/*`], settle: `GET /v1/apps?org_slug=${org.slug}` });
    }
    for (const app of apps.slice(0, MAX_APPS_PER_ORG)) {
      inventory.apps.push({ org, id: String(app.id ?? app.name), name: app.name!, numericId: app.internal_numeric_id === undefined ? undefined : String(app.internal_numeric_id), status: app.status, appRole: app.app_role, volumeCount: app.volume_count });
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
    const answer = await tryGet<RestVolume[]>(client, `/apps/${encodeURIComponent(app.name)}/volumes`);
    if (answer.status === 401) throw new FlyUnauthorized(answer.message);
    if (answer.status !== 200 || !Array.isArray(answer.body)) {
      // 403/404: the token may not read this app (a deploy token for another app); its caveats decide what it may do.
      inventory.notes.push(`volumes of ${app.org.slug}/${app.name} not read: ${outcome(answer)}`);
      continue;
    }
    app.volumes = answer.body.filter((v) => typeof v.id === 'string' && !['destroyed', 'destroying', 'pending_destroy'].includes(v.state ?? '')).map((v) => ({
      id: v.id!, name: v.name ?? v.id!, state: v.state, sizeGb: v.size_gb, region: v.region, attachedMachine: v.attached_machine_id, snapshotRetention: v.snapshot_retention, autoBackup: v.auto_backup_enabled,
    }));
    for (const volume of app.volumes) {
      if (++snapshotListings > MAX_SNAPSHOT_LISTINGS) {
        inventory.notes.push(`snapshots of volume ${volume.id} (${app.name}) not listed: more than ${MAX_SNAPSHOT_LISTINGS} volumes`);
        continue;
      }
      const snapshots = await tryGet<RestSnapshot[]>(client, `/apps/${encodeURIComponent(app.name)}/volumes/${encodeURIComponent(volume.id)}/snapshots`);
      if (snapshots.status === 401) throw new FlyUnauthorized(snapshots.message);
      if (snapshots.status !== 200 || !Array.isArray(snapshots.body)) {
        inventory.notes.push(`snapshots of volume ${volume.id} (${app.name}) not read: ${outcome(snapshots)}`);
        continue;
      }
      volume.snapshots = snapshots.body.filter((s) => typeof s.id === 'string').map((s) => ({ id: s.id!, size: s.size, createdAt: s.created_at, retentionDays: s.retention_days }));
    }
  }
}

// A listing Fly.io did not answer (timeout, 5xx after retries) is a gap in the inventory, not a failed verification.
async function tryGet<T>(client: FlyClient, path: string): Promise<{ status: number; body: T | undefined; message: string }> {
  try {
    return await client.get<T>(path);
  } catch (error) {
    if (error instanceof ProviderCallError) return { status: 0, body: undefined, message: error.message };
    throw error;
  }
}

function outcome(answer: { status: number; message: string }): string {
  return answer.status === 0 ? answer.message : `HTTP ${answer.status} (${answer.message})`;
}

function unreadVolumes(app: FlyApp, reason: string): Unknown {
  return { what: `which volumes app ${app.name} has`, reason, upTo: 'none', resources: [`fly:${app.org.slug}/${app.name}/*`], settle: `GET /v1/apps/${app.name}/volumes` };
}
