// Supabase Management API (personal access tokens): https://supabase.com/docs/reference/api/introduction
// Token kinds: https://supabase.com/docs/guides/platform/personal-access-tokens
// Roles: https://supabase.com/docs/guides/platform/access-control
import { scrub } from '../../core/secret.js';
import type { Grant, Identity, Resource, Token, Unknown, VerificationResult } from '../../core/types.js';
import { apiBaseUrl, httpRequest, parseJson, ProviderCallError, type HttpResponse } from '../http.js';
import { invalid, live, unknownError } from '../result.js';
import type { ProviderContext } from '../types.js';
import { probeProject, type ProjectProbe } from './probes.js';
import { roleGrants, type Member } from './roles.js';

const DEFAULT_BASE = 'https://api.supabase.com';
/** Projects probed in detail; the rest stay an unknown with the read that settles it. */
export const MAX_PROJECTS = 10;

export interface Project {
  ref: string;
  name: string;
  organization_slug?: string;
  organization_id?: string;
  region?: string;
  status?: string;
}
interface Profile {
  gotrue_id: string;
  primary_email?: string;
  username?: string;
}
interface Organization {
  slug?: string;
  id?: string;
  name: string;
}

/** A GET; a probe that did not answer comes back with status 0 and the reason (one failed probe never loses the others). */
export type Get = (path: string) => Promise<HttpResponse & { failure?: string }>;

/** How a probe answered, for an unknown's reason. */
export function answered(response: { status: number; failure?: string }): string {
  return response.failure ? `did not answer (${response.failure})` : `answered HTTP ${response.status}`;
}

export function tokenKind(secret: string): 'classic' | 'scoped' | 'oauth' {
  if (secret.startsWith('sbp_oauth_')) return 'oauth';
  // Scoped tokens start with sbp_fc (personal-access-tokens page); a classic one may too, by chance: probes answer for both.
  return secret.startsWith('sbp_fc') ? 'scoped' : 'classic';
}

export async function verifyAccessToken(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
  const secret = token.secret.reveal();
  const secrets = [secret];
  const { url, overridden } = apiBaseUrl('supabase', ctx, DEFAULT_BASE);
  const where = overridden ? ` (endpoint ${url})` : '';
  const call = (path: string) =>
    httpRequest({ url: `${url}${path}`, headers: { authorization: `Bearer ${secret}`, accept: 'application/json' }, secrets }, ctx);
  const get: Get = (path) =>
    call(path).catch((error: unknown) => {
      if (error instanceof ProviderCallError) return { status: 0, headers: new Headers(), text: '', failure: error.message };
      throw error;
    });
  try {
    const listing = await call('/v1/projects');
    // The Management API documents 401 Unauthorized for a token it does not accept (revoked, expired, unknown).
    if (listing.status === 401) return invalid(`the Supabase Management API answered 401 Unauthorized${where}`);
    if (listing.status !== 200 && listing.status !== 403)
      return unknownError(`the Supabase Management API answered HTTP ${listing.status} to GET /v1/projects${where}`);
    const kind = tokenKind(secret);
    const projects = listing.status === 200 ? parseJson<Project[]>(listing, 'Supabase /v1/projects', secrets) : [];
    const unknowns: Unknown[] = [];
    const notes: string[] = [];
    if (listing.status === 403) {
      notes.push('the token cannot list projects (403): a scoped token without the Projects permission');
      unknowns.push({
        what: 'which Supabase projects this token reaches',
        reason: 'GET /v1/projects answered 403',
        upTo: 'destroy',
        resources: ['supabase:*'],
        settle: "the token's resources in the dashboard (Account > Access Tokens)",
      });
    }
    const profile = await readJson<Profile>(get, '/v1/profile', secrets);
    if (!profile)
      unknowns.push({
        what: 'which Supabase account this token belongs to',
        reason: 'GET /v1/profile did not answer 200 (scoped tokens cannot read the profile)',
        upTo: 'none',
        settle: 'GET /v1/profile',
      });
    const members = kind === 'classic' && profile ? await readMembers(get, secrets, profile, projects, unknowns) : new Map<string, Member | undefined>();
    const grants: Grant[] = [];
    const resources: Resource[] = [];
    const principal = profile?.primary_email ?? profile?.username ?? token.redacted;
    for (const project of projects.slice(0, MAX_PROJECTS)) {
      const probe = await probeProject(get, project.ref, kind, secrets);
      resources.push(...projectResources(project, probe));
      grants.push(...probeGrants(project, probe, kind, principal));
      unknowns.push(...probe.unknowns);
      notes.push(...probe.notes);
      if (kind === 'classic') {
        const org = project.organization_slug ?? project.organization_id ?? '';
        const role = roleGrants(project.ref, org, members.get(org), probe, principal);
        grants.push(...role.grants);
        unknowns.push(...role.unknowns);
      }
    }
    if (projects.length > MAX_PROJECTS) {
      unknowns.push({
        what: `${projects.length - MAX_PROJECTS} more projects`,
        reason: `only the first ${MAX_PROJECTS} projects were probed`,
        upTo: 'destroy',
        resources: projects.slice(MAX_PROJECTS).flatMap((p) => [`supabase:${p.ref}`, `supabase:${p.ref}/database`]),
        settle: 'GET /v1/projects/{ref}/pgsodium and /database/backups for each',
      });
    }
    const identity: Identity = {
      principal,
      type:
        kind === 'classic'
          ? "classic personal access token (the account's full access)"
          : kind === 'scoped'
            ? 'scoped personal access token'
            : 'OAuth access token',
      ...(profile ? { account: profile.gotrue_id, displayName: profile.username } : {}),
    };
    if (overridden) identity.endpoint = url;
    return live({ identity, grants, resources, unknowns, notes });
  } catch (error) {
    if (error instanceof ProviderCallError) return unknownError(error.message);
    return unknownError(scrub(`Supabase verification failed: ${(error as Error)?.message ?? String(error)}`, secrets));
  }
}

export async function readJson<T>(get: Get, path: string, secrets: readonly string[]): Promise<T | undefined> {
  const response = await get(path);
  return response.status === 200 ? parseJson<T>(response, `Supabase ${path}`, secrets) : undefined;
}

// The role of the token's own user in each organization of its projects (classic tokens carry that role).
async function readMembers(
  get: Get,
  secrets: readonly string[],
  profile: Profile,
  projects: readonly Project[],
  unknowns: Unknown[],
): Promise<Map<string, Member | undefined>> {
  const orgs = (await readJson<Organization[]>(get, '/v1/organizations', secrets)) ?? [];
  const slugs = new Set([...orgs.map((o) => o.slug ?? o.id ?? ''), ...projects.map((p) => p.organization_slug ?? p.organization_id ?? '')].filter(Boolean));
  const out = new Map<string, Member | undefined>();
  for (const slug of slugs) {
    const list = await readJson<Member[]>(get, `/v1/organizations/${encodeURIComponent(slug)}/members`, secrets);
    if (!list) {
      unknowns.push({
        what: `the token's role in organization ${slug}`,
        reason: 'the members listing did not answer 200',
        upTo: 'admin',
        resources: projects
          .filter((p) => (p.organization_slug ?? p.organization_id) === slug)
          .flatMap((p) => [`supabase:${p.ref}`, `supabase:${p.ref}/database`]),
        settle: `GET /v1/organizations/${slug}/members`,
      });
      continue;
    }
    out.set(
      slug,
      list.find((m) => m.user_id === profile.gotrue_id || (m.email && m.email === profile.primary_email)),
    );
  }
  return out;
}

function projectResources(project: Project, probe: ProjectProbe): Resource[] {
  const ref = project.ref;
  const org = project.organization_slug ?? project.organization_id;
  const out: Resource[] = [
    {
      id: `supabase:${ref}`,
      type: 'project',
      name: project.name,
      provider: 'supabase',
      holdsBackups: true,
      attributes: { organization: org, region: project.region, status: project.status },
    },
    { id: `supabase:${ref}/database`, type: 'database', name: `${project.name} (Postgres)`, provider: 'supabase' },
  ];
  if (probe.backups) {
    const b = probe.backups;
    out.push({
      id: `supabase:backups/${ref}`,
      type: 'backups',
      name: `${project.name} backups`,
      provider: 'supabase',
      attributes: {
        pitrEnabled: b.pitr_enabled,
        physical: b.walg_enabled,
        completed: b.backups.filter((x) => x.status === 'COMPLETED').length,
        earliest: b.physical_backup_data?.earliest_physical_backup_date_unix,
        latest: b.physical_backup_data?.latest_physical_backup_date_unix,
      },
    });
  }
  return out;
}

// What the probes prove by themselves: reads, and the project delete (Project Settings read-write).
function probeGrants(project: Project, probe: ProjectProbe, kind: string, principal: string): Grant[] {
  const ref = project.ref;
  const grants: Grant[] = [{ action: 'read', resource: `supabase:${ref}`, evidence: 'GET /v1/projects lists it', principal }];
  if (probe.backups)
    grants.push({ action: 'read', resource: `supabase:backups/${ref}`, evidence: 'GET /v1/projects/{ref}/database/backups answered 200', principal });
  if (probe.canDeleteProject) {
    grants.push({
      action: 'destroy',
      resource: `supabase:${ref}`,
      operation: 'v1-delete-a-project',
      evidence: `${kind} token: GET /v1/projects/{ref}/pgsodium answered 200, which needs Project Settings read-write, the permission of DELETE /v1/projects/{ref}`,
      principal,
    });
  }
  return grants;
}
