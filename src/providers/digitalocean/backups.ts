// A database cluster's automated backups: GET /v2/databases/{uuid}/backups (scope database:read;
// github.com/digitalocean/openapi resources/databases/responses/database_backups.yml: backups
// [{created_at, size_gigabytes, incremental}], scheduled_backup_time). Clusters run one backup a day
// and keep it seven days, the point-in-time recovery window
// (https://docs.digitalocean.com/products/databases/postgresql/how-to/restore-from-backups/); the
// backups die with the cluster (https://docs.digitalocean.com/products/databases/postgresql/how-to/destroy/).
import type { Resource } from '../../core/types.js';
import { httpRequest, parseJson, ProviderCallError } from '../http.js';
import type { ProviderContext } from '../types.js';

const MAX_CLUSTERS = 20;

interface Backups {
  backups?: { created_at?: string; size_gigabytes?: number; incremental?: boolean }[];
  scheduled_backup_time?: { backup_hour?: number; backup_minute?: number; backup_interval_hours?: number };
}

/** Adds each cluster's backups as resources and their count to the cluster; returns notes on what could not be read. */
export async function listDatabaseBackups(baseUrl: string, secret: string, resources: Resource[], ctx: ProviderContext): Promise<string[]> {
  const notes: string[] = [];
  const clusters = resources.filter((r) => r.type === 'database');
  for (const [index, cluster] of clusters.entries()) {
    const uuid = cluster.id.slice('digitalocean:database/'.length);
    if (index >= MAX_CLUSTERS) {
      notes.push(`backups of database ${cluster.name} not listed (more than ${MAX_CLUSTERS} clusters); it holds its automated backups all the same`);
      continue;
    }
    try {
      const response = await httpRequest(
        {
          url: `${baseUrl}/v2/databases/${encodeURIComponent(uuid)}/backups`,
          headers: { authorization: `Bearer ${secret}`, accept: 'application/json' },
          secrets: [secret],
        },
        ctx,
      );
      if (response.status !== 200) {
        notes.push(`backups of database ${cluster.name} not listed: HTTP ${response.status}`);
        continue;
      }
      const body = parseJson<Backups>(response, 'DigitalOcean database backups', [secret]);
      const backups = (body.backups ?? []).filter((b) => typeof b.created_at === 'string');
      const latest = backups
        .map((b) => b.created_at!)
        .sort()
        .at(-1);
      // PostgreSQL: point-in-time recovery is limited to the last 7 days (https://docs.digitalocean.com/products/databases/postgresql/details/limits/).
      const pitr = cluster.attributes?.engine === 'pg' ? { pointInTimeRecoveryDays: 7 } : {};
      cluster.attributes = {
        ...cluster.attributes,
        backups: backups.length,
        latestBackup: latest,
        backupIntervalHours: body.scheduled_backup_time?.backup_interval_hours,
        ...pitr,
      };
      for (const backup of backups) {
        resources.push({
          id: `${cluster.id}/backup/${backup.created_at}`,
          type: 'database-backup',
          name: `${cluster.name} backup ${backup.created_at}`,
          provider: 'digitalocean',
          attributes: { cluster: uuid, sizeGigabytes: backup.size_gigabytes, incremental: backup.incremental },
        });
      }
    } catch (error) {
      notes.push(`backups of database ${cluster.name} not listed: ${error instanceof ProviderCallError ? error.message : 'the listing failed'}`);
    }
  }
  return notes;
}
