import { errorMessage } from '../core/errors.js';
import { scrub } from '../core/secret.js';
import type { Identity, Token, VerificationResult } from '../core/types.js';
import { notReachable, PRIVATE_HOSTS_ENV, reachHost, type AddressKind, type NetworkDeps } from './reach.js';
import { unknownError } from './result.js';
import type { ProviderContext } from './types.js';

/** Where a database connection goes: an address resolved once (or the user's override), and its kind. */
export interface Route {
  address: string;
  port: number;
  kind: AddressKind;
  /** The host name a certificate must carry when it is not the URL's own (an SRV record's target). */
  name?: string;
}

/** What every database URL target has in common. */
export interface DatabaseTarget {
  name: string;
  port: number;
  password: string;
  server: string;
  endpoint?: { host: string; port: number };
}

/** One database provider's steps; `verifyDatabaseUrl` runs them in order with the shared safety rules. */
export interface DatabaseFlow<T extends DatabaseTarget> {
  id: string;
  parse(raw: string, env: NodeJS.ProcessEnv): { ok: true; target: T } | { ok: false; reason: string };
  /** The server's wildcard id, for unknowns that bear on all of it. */
  everything(target: T): string;
  identityHint(target: T): Identity;
  /** The route, when the provider resolves it itself (MongoDB's SRV records); default: the URL's host. */
  route?(target: T, ctx: ProviderContext, net: NetworkDeps): Promise<Route | { reason: string }>;
  run(target: T, route: Route, ctx: ProviderContext, clean: (text: string) => string): Promise<VerificationResult>;
}

/** Every string of a result, scrubbed: server messages are not ours to trust. */
function scrubDeep<T>(value: T, clean: (text: string) => string): T {
  if (typeof value === 'string') return clean(value) as T;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, clean)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubDeep(item, clean)])) as T;
  return value;
}

/** The URL's own host, or the scanning user's override (a tunnel: contacted whatever its address kind). */
async function defaultRoute(target: DatabaseTarget, ctx: ProviderContext, net: NetworkDeps): Promise<Route | { reason: string }> {
  if (target.endpoint) {
    const reached = await reachHost(target.endpoint.host, { ...ctx.env, [PRIVATE_HOSTS_ENV]: '1' }, net);
    return reached.ok ? { address: reached.address, port: target.endpoint.port, kind: reached.kind } : { reason: reached.reason };
  }
  const reached = await reachHost(target.name, ctx.env, net);
  return reached.ok ? { address: reached.address, port: target.port, kind: reached.kind } : { reason: reached.reason };
}

/**
 * Verifies a token whose secret is a database connection URL: parse (the URL is the target, only
 * the user's environment moves it), decide reachability before any credential leaves (reach.ts),
 * run the provider's read-only session, and scrub the password out of everything returned.
 */
export async function verifyDatabaseUrl<T extends DatabaseTarget>(
  flow: DatabaseFlow<T>,
  token: Token,
  ctx: ProviderContext,
  net: NetworkDeps,
): Promise<VerificationResult> {
  const url = token.secret.reveal();
  const parsed = flow.parse(url, ctx.env);
  // The password alone and its URL-encoded form can both show up in driver messages.
  const secrets = parsed.ok ? [url, parsed.target.password, encodeURIComponent(parsed.target.password)] : [url];
  const clean = (text: string) => scrub(text, secrets);
  if (!parsed.ok) return scrubDeep(unknownError(`${flow.id}: ${parsed.reason}`), clean);
  const target = parsed.target;
  const hint = flow.identityHint(target);
  try {
    const route = await (flow.route ?? defaultRoute)(target, ctx, net);
    if ('reason' in route) return scrubDeep(notReachable(route.reason, flow.everything(target), hint), clean);
    const via = target.endpoint ? ` via ${route.address}:${route.port}` : '';
    ctx.log(clean(`${flow.id}: connecting to ${target.server}${via} (read-only)`));
    return scrubDeep(await flow.run(target, route, ctx, clean), clean);
  } catch (error) {
    // Only a bug or a dropped connection gets here; it is still an answer ("unknown"), never a crash of the scan.
    return scrubDeep(unknownError(`${flow.id} verification failed: ${errorMessage(error)}`, hint), clean);
  }
}

/** The note on what a SQL database URL asked for that was not followed (its files, its session settings). */
export function ignoredParametersNote(ignored: readonly string[]): string[] {
  return ignored.length
    ? [`URL parameters not followed: ${ignored.join(', ')} (local files named by a scanned URL are never read; our read-only session settings win)`]
    : [];
}
