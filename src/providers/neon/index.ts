// Neon API v2: https://neon.com/docs/reference/api (base https://console.neon.tech/api/v2, Bearer keys)
// Who the key is: GET /auth (https://neon.com/docs/reference/api/users/get-auth-details); a revoked or
// invalid key answers 401 Unauthorized (https://neon.com/docs/manage/api-keys#revoke-api-keys).
import { scrub } from '../../core/secret.js';
import type { Grant, Identity, Protection, Resource, Token, Unknown, VerificationResult } from '../../core/types.js';
import { apiBaseUrl, httpRequest, parseJson, ProviderCallError } from '../http.js';
import { invalid, live, unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { grantsFor, levelOfRole, type Level } from './access.js';
import { readProject, type NeonProject } from './inventory.js';
import manifest from './manifest.js';

const DEFAULT_BASE = 'https://console.neon.tech/api/v2';
const MAX_PROJECTS = 10;

interface AuthDetails {
  account_id?: string;
  auth_method?: string;
}
interface Me {
  id: string;
  email?: string;
  name?: string;
}
interface OrgMember {
  member: { id: string; user_id: string; org_id: string; role: string };
  user: { email: string };
}

async function verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
  const secret = token.secret.reveal();
  const secrets = [secret];
  const { url, overridden } = apiBaseUrl('neon', ctx, DEFAULT_BASE);
  const where = overridden ? ` (endpoint ${url})` : '';
  const call = (path: string) =>
    httpRequest({ url: `${url}${path}`, headers: { authorization: `Bearer ${secret}`, accept: 'application/json' }, secrets }, ctx);
  const json = async <T>(path: string): Promise<T | undefined> => {
    const response = await call(path).catch((error: unknown) => (error instanceof ProviderCallError ? undefined : Promise.reject(error)));
    return response?.status === 200 ? parseJson<T>(response, `Neon ${path}`, secrets) : undefined;
  };
  try {
    const auth = await call('/auth');
    if (auth.status === 401) return invalid(`Neon answered 401 Unauthorized${where}`);
    if (auth.status !== 200) return unknownError(`Neon answered HTTP ${auth.status} to GET /auth${where}`);
    const details = parseJson<AuthDetails>(auth, 'Neon /auth', secrets);
    const method = details.auth_method ?? 'unknown';
    const unknowns: Unknown[] = [];
    const listing = await json<{ projects: { id: string; name: string; org_id?: string }[] }>('/projects?limit=400');
    if (!listing)
      unknowns.push({
        what: 'which Neon projects this key reaches',
        reason: 'GET /projects did not answer 200',
        upTo: 'admin',
        resources: ['neon:*'],
        settle: 'GET /projects',
      });
    const projects = listing?.projects ?? [];
    const me = method === 'api_key_user' ? await json<Me>('/users/me') : undefined;
    const principal = me?.email ?? details.account_id ?? token.redacted;
    const roles = new Map<string, string | undefined>();
    const grants: Grant[] = [];
    const resources: Resource[] = [];
    const protections: Protection[] = [];
    for (const item of projects.slice(0, MAX_PROJECTS)) {
      const project: NeonProject = await readProject(json, item);
      resources.push(...project.resources);
      unknowns.push(...project.unknowns);
      protections.push({
        kind: 'soft-delete',
        resource: `neon:${item.id}`,
        blocks: ['deleteProject'],
        description: 'a deleted Neon project can be recovered for 7 days (POST /projects/{id}/recover)',
        mitigationOnly: true,
      });
      const { level, evidence } = await levelFor(method, item, me, roles, json, unknowns);
      if (!level) continue;
      const access = grantsFor(level, project.view, evidence, principal);
      grants.push({ action: 'read', resource: `neon:${item.id}`, evidence, principal }, ...access.grants);
      unknowns.push(...access.unknowns);
    }
    if (projects.length > MAX_PROJECTS) {
      unknowns.push({
        what: `${projects.length - MAX_PROJECTS} more projects`,
        reason: `only the first ${MAX_PROJECTS} were read`,
        upTo: 'admin',
        resources: projects.slice(MAX_PROJECTS).map((p) => `neon:${p.id}*`),
        settle: 'GET /projects/{id}, /branches and /snapshots for each',
      });
    }
    const identity: Identity = { principal, type: keyType(method), account: details.account_id, displayName: me?.name };
    if (overridden) identity.endpoint = url;
    return live({ identity, grants, resources, protections, unknowns });
  } catch (error) {
    if (error instanceof ProviderCallError) return unknownError(error.message);
    return unknownError(scrub(`Neon verification failed: ${(error as Error)?.message ?? String(error)}`, secrets));
  }
}

function keyType(method: string): string {
  if (method === 'api_key_user') return "personal API key (the user's role on each project)";
  if (method === 'api_key_org') return 'organization or project-scoped API key';
  return `credential (${method})`;
}

// The level the key acts with on one project, and why.
async function levelFor(
  method: string,
  project: { id: string; org_id?: string },
  me: Me | undefined,
  roles: Map<string, string | undefined>,
  json: <T>(path: string) => Promise<T | undefined>,
  unknowns: Unknown[],
): Promise<{ level?: Level; evidence: string }> {
  const resources = [`neon:${project.id}*`];
  if (method === 'api_key_org') {
    // /auth does not say whether an organization key is scoped to one project: member-level is proven, admin is possible.
    unknowns.push({
      what: `whether this key is an organization key (admin: deleteProject) or project-scoped (member-level) on ${project.id}`,
      reason: 'GET /auth answers api_key_org for both',
      upTo: 'admin',
      resources,
      settle: "the organization's Settings > API keys lists each key's scope",
    });
    return { level: 'member', evidence: 'organization or project-scoped API key (at least member-level)' };
  }
  if (method !== 'api_key_user' || !me) {
    unknowns.push({
      what: `what this key may do on ${project.id}`,
      reason: `auth method ${method}${me ? '' : ', user not readable'}`,
      upTo: 'admin',
      resources,
      settle: 'GET /users/me and GET /organizations/{org_id}/members',
    });
    return { evidence: '' };
  }
  if (!project.org_id) return { level: 'admin', evidence: 'personal API key of the project owner' };
  if (!roles.has(project.org_id)) {
    const members = await json<{ members: OrgMember[] }>(`/organizations/${encodeURIComponent(project.org_id)}/members`);
    roles.set(project.org_id, members?.members.find((m) => m.member.user_id === me.id)?.member.role);
  }
  const role = roles.get(project.org_id);
  const level = levelOfRole(role);
  if (!level)
    unknowns.push({
      what: `the key's role in organization ${project.org_id}`,
      reason: role ? `role ${role} is not on the permissions page` : 'the members listing did not show the user',
      upTo: 'admin',
      resources,
      settle: `GET /organizations/${project.org_id}/members`,
    });
  return { level, evidence: `personal API key, role ${role ?? 'unknown'} in organization ${project.org_id}` };
}

const neon: Provider = { ...manifest, verify };

export default neon;
