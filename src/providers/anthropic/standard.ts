import type { Grant, Identity, Resource, Unknown, VerificationResult } from '../../core/types.js';
import { invalid, live, unknownError } from '../result.js';
import type { RestApi } from '../rest.js';

interface ListBody<T> {
  data?: T[];
  has_more?: boolean;
}

export const FILES_BETA = 'files-api-2025-04-14';

/**
 * Standard API keys carry no scopes: every key of a workspace can do everything the API offers
 * in it. /v1/models proves the key; the `anthropic-organization-id` header names its organisation;
 * the Files API list shows whether stored files are reachable.
 */
export async function verifyApiKey(client: RestApi, redacted: string, endpoint: string | undefined): Promise<VerificationResult> {
  const models = await client.get<ListBody<{ id: string }>>('/v1/models?limit=100');
  if (!models.ok) {
    if (models.kind === 'invalid') return invalid(`Anthropic rejected the key: ${models.reason}`);
    return unknownError(models.reason);
  }
  const organization = models.headers.get('anthropic-organization-id') ?? undefined;
  const account = `anthropic:${organization ?? '*'}`;
  const principal = organization ? `${organization}/api-key` : `api-key ${redacted}`;
  const grants: Grant[] = [];
  const resources: Resource[] = [];
  const unknowns: Unknown[] = [
    { what: 'which workspace of the organisation this key belongs to', reason: "the key's workspace is not visible to a standard key; the Admin API shows it" },
  ];
  const notes: string[] = [`${models.data.data?.length ?? 0} model(s) listed`];

  const files = await client.get<ListBody<{ id: string }>>('/v1/files?limit=100', { headers: { 'anthropic-beta': FILES_BETA } });
  if (files.ok) {
    const count = files.data.data?.length ?? 0;
    const resource = `${account}/files`;
    const listed = `GET /v1/files answered 200 (${count}${files.data.has_more ? '+' : ''} file(s) listed)`;
    resources.push({ id: resource, type: 'file-store', name: 'files', provider: 'anthropic', attributes: { listed: count } });
    grants.push({ action: 'read', resource, evidence: `${listed}; API keys carry no scopes`, operation: 'GET /v1/files/{file_id}/content', principal });
    grants.push({
      action: 'destroy',
      resource,
      evidence: `${listed}; API keys carry no scopes, so any key of the workspace may delete its files`,
      operation: 'DELETE /v1/files/{file_id}',
      principal,
    });
  } else {
    unknowns.push({ what: 'whether this key can read or delete stored files', reason: files.reason });
  }
  if (!organization) notes.push('no anthropic-organization-id header in the answer: the organisation is named anthropic:*');
  const identity: Identity = {
    principal,
    type: 'api-key',
    ...(organization ? { account: organization } : {}),
    ...(endpoint ? { endpoint } : {}),
  };
  return live({ identity, grants, resources, unknowns, notes });
}
