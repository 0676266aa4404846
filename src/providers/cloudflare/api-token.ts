import type { Grant, Identity, Protection, Token, Unknown, VerificationResult } from '../../core/types.js';
import { ProviderCallError } from '../http.js';
import { invalid, live, unknownError } from '../result.js';
import { envelope, firstError, type CloudflareApi, type CloudflareTokenDetails, type CloudflareTokenStatus, type CloudflareZone } from './api.js';
import { inventory, listAccounts, listZones, type Listing } from './inventory.js';
import { policyReach } from './policies.js';

type Owner = { kind: 'user' } | { kind: 'account'; accountId: string };
const MAX_ACCOUNT_TRIES = 5;

/**
 * User-owned tokens verify at /user/tokens/verify; account-owned tokens (`cfat_`, or unprefixed
 * ones made before 2026) are refused there and verify at /accounts/{id}/tokens/verify, which needs
 * the account id: taken from the token's extras, /accounts or the zones it can list.
 */
export async function verifyApiToken(api: CloudflareApi, token: Token): Promise<VerificationResult> {
  const where = api.overridden ? ` (endpoint ${api.baseUrl})` : '';
  let status: CloudflareTokenStatus | undefined;
  let owner: Owner | undefined;
  let userRefusal: string | undefined;
  if (!token.secret.reveal().startsWith('cfat_')) {
    const response = await api.get('/user/tokens/verify');
    const body = envelope<CloudflareTokenStatus>(response);
    if (response.status === 200 && body?.success && body.result?.id) {
      status = body.result;
      owner = { kind: 'user' };
    } else if ([400, 401, 403].includes(response.status)) {
      userRefusal = firstError(response);
    } else {
      return unknownError(`Cloudflare /user/tokens/verify answered ${firstError(response)}${where}`);
    }
  }
  if (status && status.status !== 'active') return invalid(`Cloudflare says this API token is ${status.status}${where}`);

  const notes: string[] = [];
  const unknowns: Unknown[] = [];
  const accounts = await listing(() => listAccounts(api), status !== undefined, notes);
  const zones = await listing(() => listZones(api), status !== undefined, notes);

  if (!status) {
    if (accounts.refused) return invalid(`Cloudflare refused the token as a user API token (${userRefusal ?? 'not tried'}) and at /accounts (${accounts.problem})${where}`);
    const found = await verifyAsAccountToken(api, candidateAccounts(token, accounts.items ?? [], zones.items ?? []));
    if (found) {
      if (found.status.status !== 'active') return invalid(`Cloudflare says this account API token is ${found.status.status}${where}`);
      status = found.status;
      owner = { kind: 'account', accountId: found.accountId };
    } else if (!accounts.items && !accounts.accountOwned && !zones.items) {
      return unknownError(`Cloudflare neither verified the token nor answered for it${userRefusal ? ` (user verify: ${userRefusal})` : ''}${where}`, undefined, notes);
    } else {
      unknowns.push({ what: 'the id, status and policies of this token', reason: 'it authenticates (Cloudflare answered for it) but is no user token, and no account id to verify it as an account token was found' });
    }
  }

  const principal = status ? `token:${status.id}` : 'token:unknown';
  const details = status && owner ? await readDetails(api, status.id, owner, notes) : undefined;
  let grants: Grant[];
  const protections: Protection[] = [];
  if (details?.policies) {
    const reach = policyReach(details.policies, zones, principal);
    grants = reach.grants;
    protections.push(...reach.protections);
    unknowns.push(...reach.unknowns);
    const ip = details.condition?.request_ip;
    if (ip?.in?.length || ip?.not_in?.length) notes.push(`usable only from ${ip.in?.join(', ') || 'anywhere'}${ip.not_in?.length ? ` except ${ip.not_in.join(', ')}` : ''}`);
  } else {
    grants = listedReads(accounts.items, zones.items, principal);
    if (status) unknowns.push({ what: 'the permission policies of this token (what it can write or delete)', reason: 'the token cannot read its own details: that needs the API Tokens Read permission' });
  }
  if (zones.items && !zones.complete) unknowns.push({ what: 'zones past the first 50', reason: 'only the first page of /zones was read' });

  const identity: Identity = {
    principal,
    type: owner?.kind === 'account' ? 'account API token' : owner?.kind === 'user' ? 'user API token' : 'API token',
    account: owner?.kind === 'account' ? owner.accountId : undefined,
    displayName: details?.name,
    status: status?.status,
    expiresOn: status?.expires_on ?? null,
  };
  if (api.overridden) identity.endpoint = api.baseUrl;
  return live({ identity, grants, protections, resources: inventory(accounts.items, zones.items), unknowns, notes });
}

// A listing whose failure is a note once the token is known live, and the verdict's failure otherwise.
async function listing<T>(call: () => Promise<Listing<T>>, tokenKnown: boolean, notes: string[]): Promise<Listing<T>> {
  try {
    const result = await call();
    if (result.problem && tokenKnown) notes.push(result.problem);
    return result;
  } catch (error) {
    if (!tokenKnown || !(error instanceof ProviderCallError)) throw error;
    notes.push(error.message);
    return { complete: false, refused: false, accountOwned: false, problem: error.message };
  }
}

function candidateAccounts(token: Token, accounts: { id: string }[], zones: CloudflareZone[]): string[] {
  const ids = [token.extras?.accountId?.reveal(), ...accounts.map((a) => a.id), ...zones.map((z) => z.account?.id)];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && /^[0-9a-f]{32}$/.test(id)))].slice(0, MAX_ACCOUNT_TRIES);
}

async function verifyAsAccountToken(api: CloudflareApi, accountIds: string[]): Promise<{ status: CloudflareTokenStatus; accountId: string } | undefined> {
  for (const accountId of accountIds) {
    const response = await api.get(`/accounts/${accountId}/tokens/verify`);
    const body = envelope<CloudflareTokenStatus>(response);
    if (response.status === 200 && body?.success && body.result?.id) return { status: body.result, accountId };
  }
  return undefined;
}

async function readDetails(api: CloudflareApi, id: string, owner: Owner, notes: string[]): Promise<CloudflareTokenDetails | undefined> {
  const path = owner.kind === 'user' ? `/user/tokens/${id}` : `/accounts/${owner.accountId}/tokens/${id}`;
  try {
    const response = await api.get(path);
    const body = envelope<CloudflareTokenDetails>(response);
    if (response.status === 200 && body?.success) return body.result;
    notes.push(`Cloudflare ${path.replace(id, '{id}')} answered ${firstError(response)}`);
  } catch (error) {
    if (!(error instanceof ProviderCallError)) throw error;
    notes.push(error.message);
  }
  return undefined;
}

// Without the policies, what the token could list is all that is proven: read.
function listedReads(accounts: { id: string }[] | undefined, zones: CloudflareZone[] | undefined, principal: string): Grant[] {
  return [
    ...(accounts ?? []).map((a) => ({ action: 'read' as const, resource: `cloudflare:account/${a.id}`, evidence: 'listed by GET /accounts', operation: 'GET /accounts', principal })),
    ...(zones ?? []).map((z) => ({ action: 'read' as const, resource: `cloudflare:zone/${z.id}`, evidence: 'listed by GET /zones', operation: 'GET /zones', principal })),
  ];
}
