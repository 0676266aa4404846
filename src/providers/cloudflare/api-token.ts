import type { Grant, Identity, Protection, Token, Unknown, VerificationResult } from '../../core/types.js';
import { noAnswer } from '../outcome.js';
import { invalid, live, unknownError } from '../result.js';
import {
  firstError,
  type CloudflareApi,
  type CloudflareEnvelope,
  type CloudflareTokenDetails,
  type CloudflareTokenStatus,
  type CloudflareZone,
} from './api.js';
import { inventory, listAccounts, listZones } from './inventory.js';
import { policyReach } from './policies.js';

type Owner = { kind: 'user' } | { kind: 'account'; accountId: string };
const MAX_ACCOUNT_TRIES = 5;

/**
 * User-owned tokens verify at /user/tokens/verify; account-owned tokens (`cfat_`, or unprefixed
 * ones made before 2026) are refused there and verify at /accounts/{id}/tokens/verify, which needs
 * the account id: taken from the token's extras, /accounts or the zones it can list.
 */
export async function verifyApiToken(api: CloudflareApi, token: Token): Promise<VerificationResult> {
  const where = api.overridden ? ` (endpoint ${api.endpoint})` : '';
  let status: CloudflareTokenStatus | undefined;
  let owner: Owner | undefined;
  let userRefusal: string | undefined;
  if (!token.secret.reveal().startsWith('cfat_')) {
    const answer = await api.get<CloudflareEnvelope<CloudflareTokenStatus>>('/user/tokens/verify');
    if (answer.ok && answer.data.result?.id) {
      status = answer.data.result;
      owner = { kind: 'user' };
    } else if (!answer.ok && noAnswer(answer)) {
      return unknownError(answer.reason);
    } else if ([400, 401, 403].includes(answer.status ?? 0)) {
      userRefusal = firstError(answer);
    } else {
      return unknownError(`Cloudflare /user/tokens/verify answered ${firstError(answer)}${where}`);
    }
  }
  if (status && status.status !== 'active') return invalid(`Cloudflare says this API token is ${status.status}${where}`);

  const notes: string[] = [];
  const unknowns: Unknown[] = [];
  // Before the token is known to be live, a listing that got no answer is the verdict's failure.
  const accounts = await listAccounts(api);
  if (accounts.failed && !status) return unknownError(accounts.problem ?? 'Cloudflare /accounts failed');
  const zones = await listZones(api);
  if (zones.failed && !status) return unknownError(zones.problem ?? 'Cloudflare /zones failed');
  for (const problem of [accounts.problem, zones.problem]) if (problem && status) notes.push(problem);

  if (!status) {
    if (accounts.refused)
      return invalid(`Cloudflare refused the token as a user API token (${userRefusal ?? 'not tried'}) and at /accounts (${accounts.problem})${where}`);
    const found = await verifyAsAccountToken(api, candidateAccounts(token, accounts.items ?? [], zones.items ?? []));
    if (typeof found === 'string') return unknownError(found);
    if (found) {
      if (found.status.status !== 'active') return invalid(`Cloudflare says this account API token is ${found.status.status}${where}`);
      status = found.status;
      owner = { kind: 'account', accountId: found.accountId };
    } else if (!accounts.items && !accounts.accountOwned && !zones.items) {
      return unknownError(
        `Cloudflare neither verified the token nor answered for it${userRefusal ? ` (user verify: ${userRefusal})` : ''}${where}`,
        undefined,
        notes,
      );
    } else {
      unknowns.push({
        what: 'the id, status and policies of this token',
        reason: 'it authenticates (Cloudflare answered for it) but is no user token, and no account id to verify it as an account token was found',
      });
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
    if (ip?.in?.length || ip?.not_in?.length)
      notes.push(`usable only from ${ip.in?.join(', ') || 'anywhere'}${ip.not_in?.length ? ` except ${ip.not_in.join(', ')}` : ''}`);
  } else {
    grants = listedReads(accounts.items, zones.items, principal);
    if (status)
      unknowns.push({
        what: 'the permission policies of this token (what it can write or delete)',
        reason: 'the token cannot read its own details: that needs the API Tokens Read permission',
      });
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
  if (api.overridden) identity.endpoint = api.endpoint;
  return live({ identity, grants, protections, resources: inventory(accounts.items, zones.items), unknowns, notes });
}

function candidateAccounts(token: Token, accounts: { id: string }[], zones: CloudflareZone[]): string[] {
  const ids = [token.extras?.accountId?.reveal(), ...accounts.map((a) => a.id), ...zones.map((z) => z.account?.id)];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && /^[0-9a-f]{32}$/.test(id)))].slice(0, MAX_ACCOUNT_TRIES);
}

/** The account that verifies the token, undefined when none does, or the reason no answer came. */
async function verifyAsAccountToken(
  api: CloudflareApi,
  accountIds: string[],
): Promise<{ status: CloudflareTokenStatus; accountId: string } | string | undefined> {
  for (const accountId of accountIds) {
    const answer = await api.get<CloudflareEnvelope<CloudflareTokenStatus>>(`/accounts/${accountId}/tokens/verify`);
    if (answer.ok && answer.data.result?.id) return { status: answer.data.result, accountId };
    if (!answer.ok && noAnswer(answer)) return answer.reason;
  }
  return undefined;
}

async function readDetails(api: CloudflareApi, id: string, owner: Owner, notes: string[]): Promise<CloudflareTokenDetails | undefined> {
  const path = owner.kind === 'user' ? `/user/tokens/${id}` : `/accounts/${owner.accountId}/tokens/${id}`;
  const answer = await api.get<CloudflareEnvelope<CloudflareTokenDetails>>(path);
  if (answer.ok) return answer.data.result;
  notes.push(noAnswer(answer) ? answer.reason : `Cloudflare ${path.replace(id, '{id}')} answered ${firstError(answer)}`);
  return undefined;
}

// Without the policies, what the token could list is all that is proven: read.
function listedReads(accounts: { id: string }[] | undefined, zones: CloudflareZone[] | undefined, principal: string): Grant[] {
  return [
    ...(accounts ?? []).map((a) => ({
      action: 'read' as const,
      resource: `cloudflare:account/${a.id}`,
      evidence: 'listed by GET /accounts',
      operation: 'GET /accounts',
      principal,
    })),
    ...(zones ?? []).map((z) => ({
      action: 'read' as const,
      resource: `cloudflare:zone/${z.id}`,
      evidence: 'listed by GET /zones',
      operation: 'GET /zones',
      principal,
    })),
  ];
}
