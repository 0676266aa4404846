// Read-only probes of what a token may do on one project. Each permission of a scoped token is
// read or read-write per capability, and a read endpoint answers 403 with `missing_permissions`
// when the token has neither (https://supabase.com/changelog/scoped-personal-access-tokens-ga);
// the endpoint each permission unlocks: https://supabase.com/docs/guides/platform/personal-access-tokens#permission-scopes
import type { Unknown } from '../../core/types.js';
import { parseJson } from '../http.js';
import { answered, type Get } from './management.js';

export interface Backups {
  region?: string;
  walg_enabled?: boolean;
  pitr_enabled?: boolean;
  backups: { id: number; is_physical_backup?: boolean; status: string; inserted_at: string }[];
  physical_backup_data?: { earliest_physical_backup_date_unix?: number; latest_physical_backup_date_unix?: number };
}

export interface ProjectProbe {
  backups?: Backups;
  /** 200 from an endpoint that needs Project Settings read-write: the delete permission. */
  canDeleteProject: boolean;
  /** Capabilities whose read endpoint answered 200 (read or read-write: not readable which). */
  readable: string[];
  unknowns: Unknown[];
  notes: string[];
}

/** Capabilities whose read-write destroys the project's data, each with the GET that needs at least its read. */
const CAPABILITIES: { name: string; path: string; destroys: string }[] = [
  { name: 'Database', path: '/database/context', destroys: 'Run a query (POST /v1/projects/{ref}/database/query) can DROP any table' },
  { name: 'Migrations', path: '/database/migrations', destroys: 'Apply a migration runs any SQL' },
  { name: 'Database Config', path: '/config/database/postgres', destroys: 'Update database password hands over the whole database' },
  { name: 'Edge Functions', path: '/functions', destroys: 'a deployed function runs with the service role key' },
  { name: 'Production Branches', path: '/branches', destroys: 'Reset a branch and Restore a branch overwrite its data' },
];

export async function probeProject(get: Get, ref: string, kind: string, secrets: readonly string[]): Promise<ProjectProbe> {
  const base = `/v1/projects/${encodeURIComponent(ref)}`;
  const project = [`supabase:${ref}`];
  const database = [`supabase:${ref}/database`];
  const probe: ProjectProbe = { canDeleteProject: false, readable: [], unknowns: [], notes: [] };

  const backups = await get(`${base}/database/backups`);
  if (backups.status === 200) {
    probe.backups = parseJson<Backups>(backups, 'Supabase database/backups', secrets);
    probe.readable.push('Backups');
  } else if (backups.status === 403) probe.notes.push(`${ref}: no Backups permission (403 to GET …/database/backups): it cannot restore over the database`);
  else
    probe.unknowns.push({
      what: `the backups of project ${ref}`,
      reason: `GET …/database/backups ${answered(backups)}`,
      upTo: 'read',
      resources: [`supabase:backups/${ref}`],
      settle: `GET ${base}/database/backups`,
    });

  // The only GET that needs Project Settings read-write (the delete permission). Its body, the
  // pgsodium root key, is never parsed: only the status answers the question.
  const settings = await get(`${base}/pgsodium`);
  if (settings.status === 200) probe.canDeleteProject = true;
  else if (settings.status === 403) probe.notes.push(`${ref}: no Project Settings read-write (403 to GET …/pgsodium): it cannot delete the project`);
  else
    probe.unknowns.push({
      what: `whether the token may delete project ${ref} (and its backups)`,
      reason: `GET …/pgsodium ${answered(settings)}`,
      upTo: 'destroy',
      resources: project,
      settle: `GET ${base}/pgsodium (403 = no Project Settings read-write)`,
    });

  // A classic token carries its user's role (roles.ts decides); scoped and OAuth tokens are probed per capability.
  if (kind === 'classic') return probe;
  if (probe.readable.includes('Backups')) {
    probe.unknowns.push({
      what: `whether the Backups permission on ${ref} is read-write`,
      reason: 'a read endpoint answers for read and read-write alike; read-write restores a backup over the database (Restore PITR backup)',
      upTo: 'destroy',
      resources: database,
      settle: "the token's permissions in the dashboard (Account > Access Tokens)",
    });
  }
  for (const capability of CAPABILITIES) {
    const response = await get(`${base}${capability.path}`);
    if (response.status === 403) continue;
    if (response.status === 200) probe.readable.push(capability.name);
    const reason =
      response.status === 200
        ? `GET …${capability.path} answered 200 (read or read-write); read-write: ${capability.destroys}`
        : `GET …${capability.path} ${answered(response)}`;
    probe.unknowns.push({
      what: `whether the ${capability.name} permission on ${ref} is read-write`,
      reason,
      upTo: 'destroy',
      resources: database,
      settle: `the token's permissions in the dashboard (Account > Access Tokens); 403 to GET ${base}${capability.path} rules it out`,
    });
  }
  return probe;
}
