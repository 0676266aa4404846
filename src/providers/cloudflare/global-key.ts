import type { Grant, Token, VerificationResult } from '../../core/types.js';
import { decodedOffline, live, unknownError } from '../result.js';
import { noAnswer } from '../outcome.js';
import { firstError, type CloudflareApi, type CloudflareEnvelope } from './api.js';
import { inventory, listAccounts, listZones } from './inventory.js';

const AUTHORITY = 'Cloudflare global API key: every permission of its user on every account and zone they belong to';

/**
 * The global API key only works together with its user's email (X-Auth-Email). Without an email
 * found next to it nothing can be asked, but the key's authority is fixed by its type: the result
 * is `unverified` with that authority, not a guess about liveness.
 */
export async function verifyGlobalKey(token: Token, api: (email: string) => CloudflareApi): Promise<VerificationResult> {
  const email = token.extras?.email?.reveal();
  if (!email) {
    return decodedOffline({
      identity: { principal: "unknown (the key owner's email was not found)", type: 'global API key' },
      grants: fullAuthority('cloudflare:account/*', 'cloudflare:zone/*', 'unknown'),
      unknowns: [
        {
          what: 'whether this global API key is live, and whose it is',
          reason: "Cloudflare only accepts it with its user's email (X-Auth-Email), and none was found next to it",
        },
      ],
      detail: 'a Cloudflare global API key needs its account email to be checked, and none was found next to it: not asked',
    });
  }
  const client = api(email);
  const where = client.overridden ? ` (endpoint ${client.endpoint})` : '';
  const answer = await client.get<CloudflareEnvelope<{ id: string; email: string }>>('/user');
  if (!answer.ok) {
    if (noAnswer(answer)) return unknownError(answer.reason);
    // 9103 "Unknown X-Auth-Key or X-Auth-Email" cannot tell a dead key from an email guessed wrong.
    return unknownError(`Cloudflare refused the key with the email found next to it (${firstError(answer)}); the key may belong to another email${where}`);
  }
  const body = answer.data;
  const principal = body.result.email ?? email;
  const notes: string[] = [];
  const accounts = await listAccounts(client);
  const zones = await listZones(client);
  for (const problem of [accounts.problem, zones.problem]) if (problem) notes.push(problem);
  const accountTargets = accounts.items && accounts.complete ? accounts.items.map((a) => `cloudflare:account/${a.id}`) : ['cloudflare:account/*'];
  const zoneTargets = zones.items && zones.complete ? zones.items.map((z) => `cloudflare:zone/${z.id}`) : ['cloudflare:zone/*'];
  return live({
    identity: { principal, type: 'global API key', userId: body.result.id, ...(client.overridden ? { endpoint: client.endpoint } : {}) },
    grants: fullAuthority(accountTargets, zoneTargets, principal),
    resources: inventory(accounts.items, zones.items),
    notes,
  });
}

function fullAuthority(accounts: string | string[], zones: string | string[], principal: string): Grant[] {
  const grants: Grant[] = [];
  for (const resource of [accounts].flat()) grants.push({ action: 'admin', resource, evidence: AUTHORITY, operation: '*', principal });
  for (const resource of [zones].flat()) grants.push({ action: 'destroy', resource, evidence: AUTHORITY, operation: 'DELETE /zones/{zone_id}', principal });
  return grants;
}
