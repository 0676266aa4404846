// PostgreSQL documentation: https://www.postgresql.org/docs/current/
// Connection URIs: https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS
// Access privilege inquiry functions: https://www.postgresql.org/docs/current/functions-info.html#FUNCTIONS-INFO-ACCESS
// Privileges and ownership: https://www.postgresql.org/docs/current/ddl-priv.html
import { errorMessage } from '../../core/errors.js';
import { scrub } from '../../core/secret.js';
import type { Token, VerificationResult } from '../../core/types.js';
import { notReachable, reachHost, systemNetwork, type NetworkDeps } from '../reach.js';
import { invalid, live, unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { describeAccess } from './access.js';
import { exploreServer } from './explore.js';
import { parseConnectionUrl, type PostgresTarget, serverWildcard } from './url.js';
import manifest from './manifest.js';

/** Every string of the result, scrubbed: server messages and catalog names are not ours to trust. */
function scrubDeep<T>(value: T, clean: (text: string) => string): T {
  if (typeof value === 'string') return clean(value) as T;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, clean)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubDeep(item, clean)])) as T;
  }
  return value;
}

/** Verifies with the given resolver (tests pass their own: no test sends a DNS query). */
export async function verifyWith(token: Token, ctx: ProviderContext, net: NetworkDeps): Promise<VerificationResult> {
  const url = token.secret.reveal();
  const parsed = parseConnectionUrl(url, ctx.env);
  // The password alone and its URL-encoded form can both show up in driver messages.
  const secrets = parsed.ok ? [url, parsed.target.password, encodeURIComponent(parsed.target.password)] : [url];
  const clean = (text: string) => scrub(text, secrets);
  if (!parsed.ok) return scrubDeep(unknownError(`postgres: ${parsed.reason}`), clean);
  return scrubDeep(await verifyTarget(parsed.target, ctx, clean, secrets, net), clean);
}

/**
 * The URL is the target: nothing in it that would read local files or move the connection
 * elsewhere is followed (see url.ts). Only the scanning user's own environment can move the
 * connection (BLASTRADIUS_POSTGRES_CONNECT_OVERRIDE); the report still names the URL's server.
 * Without an override, the host is resolved once before the password leaves (reach.ts, as for the
 * other databases): a name that does not resolve and a private-network address are `unverified`
 * ("host not reachable from here") with everything on the server possible, never `invalid`; the
 * connection goes to the address resolved here, and TLS still checks the URL's own name.
 */
async function verifyTarget(
  url: PostgresTarget,
  ctx: ProviderContext,
  clean: (text: string) => string,
  secrets: readonly string[],
  net: NetworkDeps,
): Promise<VerificationResult> {
  let target = url;
  const identityHint = {
    principal: `${target.user}@${target.server}`,
    type: 'postgres-role',
    account: target.server,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  };
  try {
    if (!target.endpoint) {
      const reached = await reachHost(target.host, ctx.env, net);
      if (!reached.ok) return notReachable(clean(reached.reason), serverWildcard(target), identityHint);
      target = { ...target, host: reached.address };
    }
    const via = target.endpoint ? ` via ${target.endpoint}` : '';
    ctx.log(clean(`postgres: connecting to ${target.server}/${target.database}${via} as ${target.user} (read-only)`));
    const explored = await exploreServer(target, ctx, secrets);
    if (explored.ok === 'authenticated') {
      return live({
        identity: identityHint,
        unknowns: [
          {
            what: 'everything this role can do',
            reason: clean(explored.reason),
            upTo: 'admin',
            resources: [serverWildcard(target)],
            settle: 'the catalog reads refused above (pg_roles, pg_database)',
          },
        ],
        notes: ['the server accepted the credentials, but its catalogs could not be read'],
      });
    }
    if (!explored.ok) {
      const { kind, detail } = explored.failure;
      return kind === 'invalid' ? invalid(clean(detail), identityHint) : unknownError(clean(detail), identityHint);
    }
    return live(describeAccess(target, explored.facts));
  } catch (error) {
    // Only a bug or a dropped connection gets here; it is still an answer ("unknown"), never a crash of the scan.
    return unknownError(clean(`postgres verification failed: ${errorMessage(error)}`), identityHint);
  }
}

const postgres: Provider = {
  ...manifest,
  verify: (token, ctx) => verifyWith(token, ctx, systemNetwork),
};

export default postgres;
