// SRV and TXT records of mongodb+srv URLs: https://www.mongodb.com/docs/manual/reference/connection-string/#srv-connection-format
// (the hosts must share the SRV name's parent domain; TXT may set only authSource and replicaSet).
import type { Route } from '../db-verify.js';
import { PRIVATE_HOSTS_ENV, reachHost, type NetworkDeps } from '../reach.js';
import type { ProviderContext } from '../types.js';
import type { MongoTarget } from './url.js';

const parentDomain = (name: string) => name.split('.').slice(1).join('.');

/** The hosts of an SRV URL, each within the SRV name's parent domain (a record pointing elsewhere is not followed). */
async function srvHosts(target: MongoTarget, net: NetworkDeps): Promise<{ host: string; port: number }[] | { reason: string }> {
  let records: Awaited<ReturnType<NetworkDeps['resolveSrv']>>;
  try {
    records = await net.resolveSrv(`_mongodb._tcp.${target.name}`);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { reason: `host not reachable from here: the SRV record _mongodb._tcp.${target.name} does not resolve (${String(code ?? error)})` };
  }
  const domain = parentDomain(target.name);
  const inside = records.filter((r) => r.name.toLowerCase().endsWith(`.${domain}`));
  if (!inside.length) return { reason: `the SRV records of ${target.name} point outside ${domain}; not followed` };
  return inside.sort((a, b) => a.priority - b.priority || b.weight - a.weight).map((r) => ({ host: r.name.toLowerCase().replace(/\.$/, ''), port: r.port }));
}

/** authSource from the TXT record, unless the URL set it (the URL wins). */
async function txtAuthSource(target: MongoTarget, net: NetworkDeps): Promise<void> {
  if (target.authSourceFrom === 'authSource') return;
  try {
    const text = (await net.resolveTxt(target.name)).map((chunks) => chunks.join('')).join('&');
    const authSource = new URLSearchParams(text).get('authSource');
    if (authSource) Object.assign(target, { authSource, authSourceFrom: 'TXT record' });
  } catch {
    // No TXT record is the common case.
  }
}

/**
 * The first host the scan may reach: the override, else each host of the URL (or of its SRV
 * records) in order. Sets the target's authSource from TXT for SRV URLs.
 */
export async function mongoRoute(target: MongoTarget, ctx: ProviderContext, net: NetworkDeps): Promise<Route | { reason: string }> {
  if (target.endpoint) {
    const reached = await reachHost(target.endpoint.host, { ...ctx.env, [PRIVATE_HOSTS_ENV]: '1' }, net);
    return reached.ok ? { address: reached.address, port: target.endpoint.port, kind: reached.kind } : { reason: reached.reason };
  }
  let hosts = target.hosts;
  if (target.srv) {
    const found = await srvHosts(target, net);
    if ('reason' in found) return found;
    hosts = found;
    await txtAuthSource(target, net);
  }
  const reasons: string[] = [];
  for (const { host, port } of hosts) {
    const reached = await reachHost(host, ctx.env, net);
    if (reached.ok) return { address: reached.address, port, kind: reached.kind, ...(target.srv ? { name: host } : {}) };
    reasons.push(reached.reason.replace(/^host not reachable from here: /, ''));
  }
  return { reason: `host not reachable from here: ${reasons.join('; ')}` };
}
