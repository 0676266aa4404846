import type { Grant, Identity, Resource, Unknown, VerificationResult } from '../../core/types.js';
import { invalid, live, unknownError } from '../result.js';
import type { Outcome } from '../outcome.js';
import type { RestApi } from '../rest.js';
import { keyAccepted, MISSING_SCOPE, NO_QUOTA } from './client.js';
import type { KeyContext, ListBody } from './model.js';

const QUOTA_NOTE = 'the organisation has no quota left (429 insufficient_quota): the key is valid and works again once billing is topped up';

/** Project, service-account and legacy user keys: /v1/models proves the key, /v1/files shows stored data it can read. */
export async function verifyStandardKey(client: RestApi, key: KeyContext): Promise<VerificationResult> {
  const models = await client.get<ListBody<{ id: string }>>('/v1/models');
  if (!models.ok) {
    if (models.kind === 'invalid') return invalid(`OpenAI rejected the key: ${models.reason}`);
    if (!keyAccepted(models)) return unknownError(models.reason);
  }
  const files = await client.get<ListBody<{ id: string }>>('/v1/files?limit=100');
  const headers = models.ok ? models.headers : files.ok ? files.headers : undefined;
  const organization = headers?.get('openai-organization') ?? undefined;
  const project = headers?.get('openai-project') ?? undefined;
  const scope = `openai:${organization ?? '*'}${project ? `/${project}` : ''}`;
  const principal = project ?? organization ?? `${key.kind} ${key.redacted}`;

  const notes: string[] = [];
  const grants: Grant[] = [];
  const resources: Resource[] = [];
  const unknowns: Unknown[] = [
    {
      what: 'whether this key can upload or delete files, vector stores, assistants and fine-tuned models',
      reason: 'restricted-key write permissions are not visible to GET requests; an unrestricted key holds them',
    },
  ];
  noteOutcome(models, 'models', notes);
  if (files.ok) {
    const count = files.data.data?.length ?? 0;
    grants.push({
      action: 'read',
      resource: `${scope}/files`,
      evidence: `GET /v1/files answered 200 (${count}${files.data.has_more ? '+' : ''} file(s) listed)`,
      operation: 'GET /v1/files/{id}/content',
      principal,
    });
    resources.push({ id: `${scope}/files`, type: 'file-store', name: 'files', provider: 'openai', attributes: { listed: count } });
  } else if (!keyAccepted(files)) {
    // Also a plain 401 here: /v1/models already accepted the key, so the refusal is about the files, not the key.
    unknowns.push({ what: 'whether this key can read stored files', reason: files.reason });
  } else {
    noteOutcome(files, 'files', notes);
  }
  if (!organization) notes.push('no openai-organization header in the answer: the organisation is named openai:*');
  if (key.kind === 'user-key') notes.push('legacy user key: it acts as its user in every organisation and project the user belongs to');

  const identity: Identity = {
    principal,
    type: key.kind,
    ...(organization ? { account: organization } : {}),
    ...(project ? { project } : {}),
    ...(key.endpoint ? { endpoint: key.endpoint } : {}),
  };
  return live({ identity, grants, resources, unknowns, notes });
}

function noteOutcome(outcome: Outcome<unknown>, what: string, notes: string[]): void {
  if (outcome.ok) return;
  if (outcome.code === NO_QUOTA) notes.push(QUOTA_NOTE);
  else if (outcome.code === MISSING_SCOPE) notes.push(`${what} not readable (restricted key): ${outcome.reason}`);
}
