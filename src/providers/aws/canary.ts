import type { Token } from '../../core/types.js';
import type { CanaryFinding } from '../types.js';
import { accountIdFromKeyId } from './key-id.js';

/**
 * AWS accounts that issue canary tokens (honeypot keys that alert their owner when used).
 * Verifying one calls AWS with it — which trips the alarm — so by default we do not.
 * Source of the account list: https://trufflesecurity.com/blog/canaries (canarytokens.org /
 * Thinkst, and off-brand services modelled on it).
 */
const CANARY_ISSUERS: { name: string; accounts: readonly string[] }[] = [
  {
    name: 'canarytokens.org (Thinkst)',
    accounts: [
      '052310077262',
      '171436882533',
      '266735846894',
      '534261010715',
      '595918472158',
      '717712589309',
      '730335385048',
      '819147034852',
      '893192397702',
      '992382622183',
    ],
  },
  {
    name: 'an off-brand canary service modelled on canarytokens.org',
    accounts: [
      '044858866125',
      '251535659677',
      '344043088457',
      '351906852752',
      '390477818340',
      '426127672474',
      '427150556519',
      '439872796651',
      '445142720921',
      '465867158099',
      '637958123769',
      '693412236332',
      '732624840810',
      '735421457923',
      '959235150393',
      '982842642351',
    ],
  },
];

/** Recognises a canary offline, from the account id encoded in an AWS access key id. */
export function canaryOf(token: Pick<Token, 'secret'>): CanaryFinding | undefined {
  const account = accountIdFromKeyId(token.secret.reveal().split(':')[0]);
  if (!account) return undefined;
  const issuer = CANARY_ISSUERS.find((i) => i.accounts.includes(account));
  return issuer ? { issuer: issuer.name, account } : undefined;
}
