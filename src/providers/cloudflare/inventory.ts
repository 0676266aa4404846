import type { Resource } from '../../core/types.js';
import { ProviderCallError } from '../http.js';
import { envelope, firstError, type CloudflareAccount, type CloudflareApi, type CloudflareZone } from './api.js';

export interface Listing<T> {
  items?: T[];
  /** All pages were read (only the first page of 50 is). */
  complete: boolean;
  /** Cloudflare refused the credential itself here (401/403). */
  refused: boolean;
  /** Cloudflare says this endpoint does not take account-owned tokens: proof the token authenticated as one. */
  accountOwned: boolean;
  problem?: string;
}

const PER_PAGE = 50;

export async function listAccounts(api: CloudflareApi): Promise<Listing<CloudflareAccount>> {
  return list<CloudflareAccount>(api, `/accounts?per_page=${PER_PAGE}`, 'accounts');
}

export async function listZones(api: CloudflareApi): Promise<Listing<CloudflareZone>> {
  return list<CloudflareZone>(api, `/zones?per_page=${PER_PAGE}`, 'zones');
}

async function list<T>(api: CloudflareApi, path: string, what: string): Promise<Listing<T>> {
  const response = await api.get(path);
  const body = envelope<T[]>(response);
  if (response.status === 200 && body?.success && Array.isArray(body.result)) {
    const info = body.result_info;
    const complete = info?.total_pages === undefined ? body.result.length < PER_PAGE : info.total_pages <= 1;
    return { items: body.result, complete, refused: false, accountOwned: false };
  }
  const problem = `Cloudflare /${what} answered ${firstError(response)}`;
  const accountOwned = body?.errors?.some((e) => /account[- ]owned tokens?/i.test(e.message)) ?? false;
  const refused = !accountOwned && (response.status === 401 || response.status === 403);
  if (!accountOwned && !refused && response.status >= 500) throw new ProviderCallError('error', problem, response.status);
  return { complete: false, refused, accountOwned, problem };
}

export function inventory(accounts: CloudflareAccount[] = [], zones: CloudflareZone[] = []): Resource[] {
  return [
    ...accounts.map((a) => ({ id: `cloudflare:account/${a.id}`, type: 'account', name: a.name, provider: 'cloudflare', attributes: { type: a.type } })),
    ...zones.map((z) => ({ id: `cloudflare:zone/${z.id}`, type: 'zone', name: z.name, provider: 'cloudflare', attributes: { account: z.account?.id, status: z.status } })),
  ];
}
