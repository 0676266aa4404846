import type { Grant, Unknown } from '../../core/types.js';
import { noAnswer } from '../outcome.js';
import type { RestApi } from '../rest.js';
import { stripeError, type StripeAccount } from './api.js';

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
  /** Why the first probe got no answer, when nothing answered at all. */
  firstFailure?: string;
}

export async function probeRestrictedKey(api: RestApi): Promise<RestrictedProbe> {
  const probe: RestrictedProbe = { answered: false, readable: [], notes: [], unknowns: [] };
  for (const { path, area } of PROBES) {
    const answer = await api.get<ProbeBody>(path);
    // No answer includes a 200 whose body is not JSON (a captive portal, a proxy page): it proves nothing.
    if (!answer.ok && noAnswer(answer)) {
      if (!probe.answered) {
        probe.firstFailure = answer.reason;
        return probe;
      }
      probe.unknowns.push({ what: `read access to ${area}`, reason: answer.reason });
      continue;
    }
    const status = answer.status;
    if (status === 401) {
      if (!probe.answered) {
        probe.refused = { expired: stripeError(answer.ok ? answer.data : answer.body).expired };
        return probe;
      }
      probe.unknowns.push({ what: `read access to ${area}`, reason: 'Stripe answered 401 to this probe after accepting the key on another' });
      continue;
    }
    if (status === 200) {
      probe.answered = true;
      probe.readable.push({ area, path: path.replace(/\?.*$/, '') });
      const body = answer.ok ? answer.data : undefined;
      if (area === 'account' && body?.id) {
        probe.account = body as StripeAccount;
        probe.accountId = body.id;
      }
      // Lists carry livemode on their items, the balance on itself.
      const livemode = body?.livemode ?? body?.data?.[0]?.livemode;
      if (typeof livemode === 'boolean') probe.livemode = livemode;
    } else if (status === 403) {
      probe.answered = true;
      const error = stripeError(answer.ok ? answer.data : answer.body);
      probe.accountId ??= error.account;
      probe.notes.push(`no read access to ${area}: Stripe answered 403${error.permission ? ` (needs ${error.permission})` : ''}`);
    } else {
      probe.unknowns.push({ what: `read access to ${area}`, reason: `Stripe answered HTTP ${status}` });
    }
  }
  return probe;
}

type ProbeBody = Partial<StripeAccount> & { livemode?: boolean; data?: { livemode?: boolean }[] };

export function restrictedGrants(probe: RestrictedProbe, account: string, principal: string): Grant[] {
  return probe.readable.map(({ area, path }) => ({
    action: 'read' as const,
    resource: area === 'account' ? `stripe:${account}` : `stripe:${account}/${area}`,
    evidence: `restricted key: GET ${path} answered 200`,
    operation: `GET ${path}`,
    principal,
  }));
}
