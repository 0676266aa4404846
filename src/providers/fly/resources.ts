import type { Resource } from '../../core/types.js';
import type { FlyApp, FlyVolume } from './inventory.js';

// Canonical ids: fly:<org>/<app> (app names are unique across Fly.io), fly:<org>/<app>/volume/<id>,
// fly:<org>/<app>/snapshot/<id>. Snapshots sit beside the volumes, not under them, so a grant
// on an app's volumes never reads as a grant on its snapshots (no documented call deletes one).
export const appId = (app: FlyApp) => `fly:${app.org.slug}/${app.name}`;
export const volumeId = (app: FlyApp, volume: FlyVolume) => `${appId(app)}/volume/${volume.id}`;

/**
 * An app holds backups when it has volumes: Fly.io snapshots every volume daily by default and
 * deletes an app's volume snapshots with the app (https://fly.io/docs/apps/delete/). Volumes not
 * read count as present unless the listing said there are none: unknown is never safe.
 */
export function holdsBackups(app: FlyApp): boolean {
  if (app.volumes === undefined) return app.volumeCount !== 0;
  return app.volumes.some((v) => v.autoBackup !== false || (v.snapshots?.length ?? 1) > 0);
}

export function flyResources(apps: readonly FlyApp[]): Resource[] {
  const out: Resource[] = [];
  for (const app of apps) {
    const snapshots = app.volumes?.flatMap((v) => v.snapshots ?? []) ?? [];
    out.push({
      id: appId(app),
      type: app.appRole === 'postgres_cluster' ? 'postgres-app' : 'app',
      name: app.name,
      provider: 'fly',
      holdsBackups: holdsBackups(app) || undefined,
      attributes: {
        org: app.org.slug,
        status: app.status,
        appRole: app.appRole,
        volumes: app.volumes?.length ?? app.volumeCount,
        snapshots: app.volumes ? snapshots.length : undefined,
      },
    });
    for (const volume of app.volumes ?? []) {
      out.push({
        id: volumeId(app, volume),
        type: 'volume',
        name: volume.name,
        provider: 'fly',
        attributes: {
          app: app.name,
          region: volume.region,
          sizeGb: volume.sizeGb,
          attachedMachine: volume.attachedMachine ?? undefined,
          snapshotRetentionDays: volume.snapshotRetention,
          automaticSnapshots: volume.autoBackup,
          snapshots: volume.snapshots?.length,
        },
      });
      for (const snapshot of volume.snapshots ?? []) {
        out.push({
          id: `${appId(app)}/snapshot/${snapshot.id}`,
          type: 'snapshot',
          name: snapshot.id,
          provider: 'fly',
          attributes: { app: app.name, volume: volume.id, createdAt: snapshot.createdAt, retentionDays: snapshot.retentionDays, sizeBytes: snapshot.size },
        });
      }
    }
  }
  return out;
}
