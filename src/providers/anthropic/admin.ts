import type { Identity, Resource, VerificationResult } from '../../core/types.js';
import { invalid, live, unknownError } from '../result.js';
import type { RestApi } from '../rest.js';

interface Organization {
  id?: string;
  name?: string;
  type?: string;
}

interface WorkspaceList {
  data?: { id: string; name?: string; archived_at?: string | null }[];
  has_more?: boolean;
}

/** Admin keys (sk-ant-admin01-) work on the Admin API only: they manage members, workspaces and API keys. */
export async function verifyAdminKey(client: RestApi, redacted: string, endpoint: string | undefined): Promise<VerificationResult> {
  const me = await client.get<Organization>('/v1/organizations/me');
  if (!me.ok) {
    if (me.kind === 'invalid') return invalid(`Anthropic rejected the admin key: ${me.reason}`);
    return unknownError(me.reason);
  }
  const organization = me.data.id ?? me.headers.get('anthropic-organization-id') ?? undefined;
  const account = `anthropic:${organization ?? '*'}`;
  const principal = organization ? `${organization}/admin-key` : `admin-key ${redacted}`;
  const notes: string[] = [];
  const resources: Resource[] = [];
  const workspaces = await client.get<WorkspaceList>('/v1/organizations/workspaces?limit=100&include_archived=false');
  if (workspaces.ok) {
    for (const workspace of workspaces.data.data ?? []) {
      resources.push({ id: `${account}/${workspace.id}`, type: 'workspace', name: workspace.name ?? workspace.id, provider: 'anthropic' });
    }
    if (workspaces.data.has_more) notes.push('more than 100 workspaces: the inventory lists the first 100');
  } else {
    notes.push(`workspaces not listed: ${workspaces.reason}`);
  }
  const identity: Identity = {
    principal,
    type: 'admin-key',
    ...(organization ? { account: organization } : {}),
    ...(me.data.name ? { displayName: me.data.name } : {}),
    ...(endpoint ? { endpoint } : {}),
  };
  return live({
    identity,
    grants: [
      {
        action: 'admin',
        resource: account,
        evidence: 'Admin API key (sk-ant-admin): GET /v1/organizations/me answered 200; admin keys manage members, invites, workspaces and API keys',
        operation: 'Admin API (create/disable API keys, invite members, archive workspaces)',
        principal,
      },
    ],
    resources,
    notes,
  });
}
