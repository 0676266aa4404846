import type { Grant, Unknown } from '../../core/types.js';
import { ProviderCallError, type HttpResponse } from '../http.js';
import { stripeError, type StripeAccount, type StripeApi } from './api.js';

// Read-only probes for a restricted key, whose permissions Stripe does not expose.
const PROBES = [
  { path: '/v1/account', area: 'account' },
  { path: '/v1/customers?limit=1', area: 'customers' },
  { path: '/v1/charges?limit=1', area: 'charges' },
  { path: '/v1/balance', area: 'balance' },
] as const;

export interface RestrictedProbe {
  /** Stripe answered 401 to the first probe: the key itself is refused. */
  refused?: { expired: boolean };
  account?: StripeAccount;
  accountId?: string;
  livemode?: boolean;
  /** At least one probe got an answer from Stripe (200 or 403): the key authenticates. */
  answered: boolean;
  readable: { area: string; path: string }[];
  notes: string[];
  unknowns: Unknown[];
  /** The failure of the first probe, when nothing answered at all. */
  firstFailure?: unknown;
}

export async function probeRestrictedKey(api: StripeApi): Promise<RestrictedProbe> {
  const probe: RestrictedProbe = { answered: false, readable: [], notes: [], unknowns: [] };
  for (const { path, area } of PROBES) {
    let response;
    try {
      response = await api.get(path);
    } catch (error) {
      if (!probe.answered) {
        probe.firstFailure = error;
        return probe;
      }
      probe.unknowns.push({ what: `read access to ${area}`, reason: error instanceof ProviderCallError ? error.message : 'the probe failed' });
      continue;
    }
    if (response.status === 401) {
      if (!probe.answered) {
        probe.refused = { expired: stripeError(response).expired };
        return probe;
      }
      probe.unknowns.push({ what: `read access to ${area}`, reason: 'Stripe answered 401 to this probe after accepting the key on another' });
      continue;
    }
    if (response.status === 200) {
      probe.answered = true;
      probe.readable.push({ area, path: path.replace(/\?.*$/, '') });
      const body = parseQuietly(api, response);
      if (area === 'account' && body?.id) {
        probe.account = body as StripeAccount;
        probe.accountId = body.id;
      }
      // Lists carry livemode on their items, the balance on itself.
      const livemode = body?.livemode ?? body?.data?.[0]?.livemode;
      if (typeof livemode === 'boolean') probe.livemode = livemode;
    } else if (response.status === 403) {
      probe.answered = true;
      const error = stripeError(response);
      probe.accountId ??= error.account;
      probe.notes.push(`no read access to ${area}: Stripe answered 403${error.permission ? ` (needs ${error.permission})` : ''}`);
    } else {
      probe.unknowns.push({ what: `read access to ${area}`, reason: `Stripe answered HTTP ${response.status}` });
    }
  }
  return probe;
}

type ProbeBody = Partial<StripeAccount> & { livemode?: boolean; data?: { livemode?: boolean }[] };

function parseQuietly(api: StripeApi, response: HttpResponse): ProbeBody | undefined {
  try {
    return api.json<ProbeBody>(response, 'Stripe probe');
  } catch {
    return undefined;
  }
}

export function restrictedGrants(probe: RestrictedProbe, account: string, principal: string): Grant[] {
  return probe.readable.map(({ area, path }) => ({
    action: 'read' as const,
    resource: area === 'account' ? `stripe:${account}` : `stripe:${account}/${area}`,
    evidence: `restricted key: GET ${path} answered 200`,
    operation: `GET ${path}`,
    principal,
  }));
}
