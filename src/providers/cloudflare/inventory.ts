import type { Resource } from '../../core/types.js';
import { noAnswer } from '../outcome.js';
import { envelopeOf, firstError, type CloudflareAccount, type CloudflareApi, type CloudflareEnvelope, type CloudflareZone } from './api.js';

export interface Listing<T> {
  items?: T[];
  /** All pages were read (only the first page of 50 is). */
  complete: boolean;
  /** Cloudflare refused the credential itself here (401/403). */
  refused: boolean;
  /** Cloudflare says this endpoint does not take account-owned tokens: proof the token authenticated as one. */
  accountOwned: boolean;
  problem?: string;
  /** No answer, or a 5xx: unknown, and the verdict's failure while the token is not known to be live. */
  failed?: boolean;
}

const PER_PAGE = 50;

export async function listAccounts(api: CloudflareApi): Promise<Listing<CloudflareAccount>> {
  return list<CloudflareAccount>(api, `/accounts?per_page=${PER_PAGE}`, 'accounts');
}

export async function listZones(api: CloudflareApi): Promise<Listing<CloudflareZone>> {
  return list<CloudflareZone>(api, `/zones?per_page=${PER_PAGE}`, 'zones');
}

async function list<T>(api: CloudflareApi, path: string, what: string): Promise<Listing<T>> {
  const answer = await api.get<CloudflareEnvelope<T[]>>(path);
  if (answer.ok && Array.isArray(answer.data.result)) {
    const info = answer.data.result_info;
    const complete = info?.total_pages === undefined ? answer.data.result.length < PER_PAGE : info.total_pages <= 1;
    return { items: answer.data.result, complete, refused: false, accountOwned: false };
  }
  if (!answer.ok && noAnswer(answer)) return { complete: false, refused: false, accountOwned: false, problem: answer.reason, failed: true };
  const status = answer.status ?? 0;
  const problem = `Cloudflare /${what} answered ${firstError(answer)}`;
  const accountOwned = envelopeOf(answer)?.errors?.some((e) => /account[- ]owned tokens?/i.test(e.message)) ?? false;
  const refused = !accountOwned && (status === 401 || status === 403);
  return { complete: false, refused, accountOwned, problem, failed: !accountOwned && !refused && status >= 500 };
}

export function inventory(accounts: CloudflareAccount[] = [], zones: CloudflareZone[] = []): Resource[] {
  return [
    ...accounts.map((a) => ({ id: `cloudflare:account/${a.id}`, type: 'account', name: a.name, provider: 'cloudflare', attributes: { type: a.type } })),
    ...zones.map((z) => ({
      id: `cloudflare:zone/${z.id}`,
      type: 'zone',
      name: z.name,
      provider: 'cloudflare',
      attributes: { account: z.account?.id, status: z.status },
    })),
  ];
}
