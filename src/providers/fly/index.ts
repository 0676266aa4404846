// Fly.io: Machines API https://fly.io/docs/machines/api/ (apps, volumes, snapshots; GETs only),
// GraphQL API https://api.fly.io/graphql (one query: viewer and orgs), tokens https://fly.io/docs/security/tokens/,
// macaroon format and caveats https://github.com/superfly/macaroon (decoded offline, never re-signed or sent elsewhere).
import { scrub } from '../../core/secret.js';
import type { Identity, Token, VerificationResult } from '../../core/types.js';
import type { CallFailure } from '../outcome.js';
import { invalid, live, unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { ACTION, evaluate } from './caveats.js';
import { FlyClient } from './client.js';
import { flyGrants } from './grants.js';
import { IDENTITY_QUERY, orgsOf, targetOrgs, tokenKind, tokenNotes, type IdentityData } from './identity.js';
import { FlyUnauthorized, listInventory } from './inventory.js';
import { parseFlyToken, type FlyTokenBundle } from './macaroon.js';
import manifest from './manifest.js';
import { flyResources } from './resources.js';

const fly: Provider = {
  ...manifest,
  async verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
    const bundle = parseFlyToken(token.secret.reveal());
    const client = new FlyClient(bundle.header, bundle.pieces, ctx);
    const where = client.overridden ? ` (endpoint ${client.machinesUrl})` : '';
    try {
      const answer = await client.query<IdentityData>(IDENTITY_QUERY);
      if (!answer.ok) return await refused(client, answer, bundle, where);
      const orgs = orgsOf(answer.data);
      const targets = targetOrgs(bundle, orgs);
      const inventory = await listInventory(client, targets.orgs);
      const principal = answer.data.viewer?.email ?? (targets.orgs.length ? `org ${targets.orgs.map((o) => o.slug).join(', ')}` : 'unknown');
      const authority = bundle.kind === 'oauth' ? ({ kind: 'user' } as const) : ({ kind: 'macaroon', tokens: bundle.permission } as const);
      const { grants, unknowns } = flyGrants(authority, inventory, principal);
      if (bundle.kind === 'macaroon' && bundle.permission.length === 0) {
        unknowns.push({
          what: 'what this token may do',
          reason: 'Fly.io accepted it, but no permission token in it decoded: its caveats were not read',
          upTo: 'destroy',
          settle: 'flyctl tokens debug on the token',
        });
      }
      const notes = [...tokenNotes(bundle), ...inventory.notes, ...answer.errors.map((e) => `GraphQL: ${e}`)];
      for (const id of targets.missing) {
        const verdict = evaluate(bundle.permission, { org: id, app: '?', action: ACTION.delete });
        notes.push(`the token names org ${id}, which the GraphQL API did not list for it`);
        if (verdict.result !== 'deny')
          unknowns.push({
            what: `apps of org ${id}`,
            reason: `the token's caveats name org ${id} (${verdict.because}) and its apps could not be listed`,
            upTo: 'destroy',
            resources: ['fly:*'],
            settle: 'fly orgs list and fly apps list with this token',
          });
      }
      const identity: Identity = {
        principal,
        type: tokenKind(bundle),
        account: targets.orgs.map((o) => o.slug).join(', ') || undefined,
        viewer: answer.data.viewer?.__typename,
      };
      if (client.overridden) identity.endpoint = client.machinesUrl;
      return live({ identity, grants, resources: flyResources(inventory.apps), unknowns: [...inventory.unknowns, ...unknowns], notes });
    } catch (error) {
      if (error instanceof FlyUnauthorized) return invalid(`Fly.io's Machines API answered 401 (missing or invalid token): ${error.message}${where}`);
      return unknownError(scrub(`Fly.io verification failed: ${(error as Error)?.message ?? String(error)}`, bundle.pieces));
    }
  },
};

export default fly;

/**
 * GraphQL did not answer with data. Only the Machines API's documented 401 makes a token invalid:
 * ask it one GET (the documented example org slug "personal"; the token's own org slug is not known yet).
 * When either API gave no answer at all (timeout, network, 5xx after the retries), nothing was said about the token.
 */
async function refused(client: FlyClient, answer: CallFailure, bundle: FlyTokenBundle, where: string): Promise<VerificationResult> {
  if (answer.status === undefined) return unknownError(answer.reason);
  const probe = await client.get<unknown>('/apps?org_slug=personal');
  if (!probe.ok && probe.kind === 'invalid') return invalid(`Fly.io's Machines API answered 401 (missing or invalid token): ${probe.reason}${where}`);
  if (!probe.ok && probe.status === undefined) return unknownError(probe.reason);
  return unknownError(
    `Fly.io's GraphQL API gave no identity (HTTP ${answer.status}: ${answer.reason}) and its Machines API did not call the token invalid (HTTP ${probe.status})${where}`,
    undefined,
    [`token kind from its caveats: ${tokenKind(bundle)}`, ...tokenNotes(bundle)],
  );
}
