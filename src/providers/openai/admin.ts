import type { Identity, Resource, VerificationResult } from '../../core/types.js';
import { invalid, live, unknownError } from '../result.js';
import type { RestApi } from '../rest.js';
import { keyAccepted } from './client.js';
import type { KeyContext, ListBody, ProjectObject } from './model.js';

/** Admin keys only work on the Administration API: listing projects proves the key and inventories the org. */
export async function verifyAdminKey(client: RestApi, key: KeyContext): Promise<VerificationResult> {
  const projects = await client.get<ListBody<ProjectObject>>('/v1/organization/projects?limit=100');
  if (!projects.ok) {
    if (projects.kind === 'invalid') return invalid(`OpenAI rejected the admin key: ${projects.reason}`);
    if (!keyAccepted(projects)) return unknownError(projects.reason);
  }
  const organization = projects.ok ? (projects.headers.get('openai-organization') ?? undefined) : undefined;
  const account = `openai:${organization ?? '*'}`;
  const principal = organization ? `${organization}/admin-key` : `admin-key ${key.redacted}`;
  const notes: string[] = [];
  const resources: Resource[] = [];
  if (projects.ok) {
    for (const project of projects.data.data ?? []) {
      resources.push({
        id: `${account}/${project.id}`,
        type: 'project',
        name: project.name ?? project.id,
        provider: 'openai',
        attributes: { status: project.status },
      });
    }
    if (projects.data.has_more) notes.push('more than 100 projects: the inventory lists the first 100');
  } else {
    notes.push(`projects not listed: ${projects.reason}`);
  }
  if (!organization) notes.push('no openai-organization header in the answer: the organisation is named openai:*');
  const identity: Identity = {
    principal,
    type: key.kind,
    ...(organization ? { account: organization } : {}),
    ...(key.endpoint ? { endpoint: key.endpoint } : {}),
  };
  return live({
    identity,
    grants: [
      {
        action: 'admin',
        resource: account,
        evidence: `Admin API key (sk-admin-)${projects.ok ? ', GET /v1/organization/projects answered 200' : ''}: manages the organisation's users, projects, API keys and service accounts`,
        operation: 'organization administration (create API keys, invite users, archive projects)',
        principal,
      },
    ],
    resources,
    unknowns: [{ what: 'whether this admin key was created with limited permissions', reason: 'admin-key permissions are not visible to GET requests' }],
    notes,
  });
}
