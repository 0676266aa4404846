// What a Fly.io macaroon allows, from its caveats, by the rules of github.com/superfly/macaroon
// flyio/caveats.md: a bearer list allows an access if ANY permission token does; a token allows it
// if ALL its caveats do; a caveat about a resource the access does not name fails it (not
// relevant = a failure), except inside IfPresent, whose "else" mask applies when none of its
// caveats is relevant. Actions are the bits r w c d C (resset/action.go).
import type { Caveat, Macaroon } from './macaroon.js';

export const ACTION = { read: 1, write: 2, create: 4, delete: 8, control: 16 } as const;

/** One request as Fly.io would check it. `app: '?'`: an app whose numeric id is not known. */
export interface Access {
  org: string;
  app?: string;
  volume?: string;
  action: number;
  /** The GraphQL mutation the request goes through, when it is one. */
  mutation?: string;
}

export type Verdict = { result: 'allow'; because: string } | { result: 'deny'; because: string } | { result: 'unknown'; because: string };

type Check = Verdict | { result: 'unspecified'; because: string };

const subset = (action: number, mask: number) => (action & mask) === action;

/** The bundle's verdict: allowed when one permission token allows it, unknown when one might. */
export function evaluate(tokens: readonly Macaroon[], access: Access, now = Date.now()): Verdict {
  const verdicts = tokens.map((token) => evaluateToken(token.caveats, access, now));
  return (
    verdicts.find((v) => v.result === 'allow') ??
    verdicts.find((v) => v.result === 'unknown') ??
    verdicts[0] ?? { result: 'deny', because: 'no permission token' }
  );
}

function evaluateToken(caveats: readonly Caveat[], access: Access, now: number): Verdict {
  let unknown: Verdict | undefined;
  const allowedBy: string[] = [];
  for (const caveat of caveats) {
    const check = checkCaveat(caveat, access, now);
    if (check.result === 'deny' || check.result === 'unspecified') return { result: 'deny', because: check.because };
    if (check.result === 'unknown') unknown ??= check;
    else if (check.because) allowedBy.push(check.because);
  }
  return unknown ?? { result: 'allow', because: allowedBy.join('; ') || 'no caveat restricts it' };
}

function checkCaveat(caveat: Caveat, access: Access, now: number): Check {
  const wanted = actionString(access.action);
  switch (caveat.type) {
    case 'Organization': {
      if (caveat.id !== '0' && access.org === '?')
        return { result: 'unknown', because: `Organization caveat for org ${caveat.id}; this org's id is not known` };
      if (caveat.id !== '0' && caveat.id !== access.org) return { result: 'deny', because: `Organization caveat: only org ${caveat.id}` };
      return subset(access.action, caveat.mask)
        ? { result: 'allow', because: `Organization caveat: org ${caveat.id === '0' ? 'any' : caveat.id}, ${actionString(caveat.mask)}` }
        : { result: 'deny', because: `Organization caveat allows only "${actionString(caveat.mask)}" on org ${caveat.id}, not "${wanted}"` };
    }
    case 'Apps':
      return checkSet('Apps', caveat.apps, access.app, '0', access.action);
    case 'Volumes':
      return checkSet('Volumes', caveat.volumes, access.volume, '', access.action);
    case 'Action':
      return subset(access.action, caveat.mask)
        ? { result: 'allow', because: `Action caveat: ${actionString(caveat.mask)}` }
        : { result: 'deny', because: `Action caveat allows only "${actionString(caveat.mask)}"` };
    case 'IfPresent':
      return checkIfPresent(caveat.ifs, caveat.otherwise, access, now);
    case 'ValidityWindow':
      return now / 1000 <= caveat.notAfter && now / 1000 >= caveat.notBefore
        ? { result: 'allow', because: '' }
        : { result: 'deny', because: `ValidityWindow caveat: valid ${iso(caveat.notBefore)} to ${iso(caveat.notAfter)}` };
    case 'Mutations':
      if (!access.mutation)
        return { result: 'unspecified', because: `Mutations caveat: only the GraphQL mutations ${caveat.mutations.join(', ') || '(none)'}` };
      // Which fields Fly.io puts in a mutation's access is not documented: a listed delete mutation may or may not apply.
      return caveat.mutations.includes(access.mutation)
        ? { result: 'unknown', because: `Mutations caveat lists ${access.mutation}; the access Fly.io checks for it is not documented` }
        : { result: 'deny', because: `Mutations caveat: only ${caveat.mutations.join(', ')}` };
    case 'ThirdParty':
    case 'Discharge':
      return { result: 'allow', because: '' }; // checked when the token is verified (the API refuses a token without its discharge), not per access
    case 'Scoped':
      return { result: 'unspecified', because: `${caveat.name} caveat: only requests naming its resources` };
    case 'Unmodelled':
      return { result: 'unknown', because: `${caveat.name} caveat (not evaluated here; it can only narrow the token)` };
  }
}

// A ResourceSet caveat: the access must name a resource it lists (or the set's zero id, "every one").
function checkSet(name: string, set: ReadonlyMap<string, number>, id: string | undefined, zero: string, action: number): Check {
  if (id === undefined) return { result: 'unspecified', because: `${name} caveat: only requests naming ${[...set.keys()].join(', ')}` };
  let perm = 0xffff;
  let found = false;
  if (set.has(zero)) {
    perm &= set.get(zero)!;
    found = true;
  } else if (id === '?') {
    return { result: 'unknown', because: `${name} caveat lists ${[...set.keys()].join(', ')}; this resource's id is not known` };
  }
  if (set.has(id)) {
    perm &= set.get(id)!;
    found = true;
  }
  if (!found) return { result: 'deny', because: `${name} caveat: only ${[...set.keys()].join(', ')}` };
  return subset(action, perm)
    ? { result: 'allow', because: `${name} caveat: ${found && set.has(zero) ? 'every one' : id} "${actionString(perm)}"` }
    : { result: 'deny', because: `${name} caveat allows only "${actionString(perm)}" on ${id}` };
}

function checkIfPresent(ifs: readonly Caveat[], otherwise: number, access: Access, now: number): Check {
  const relevant = ifs.map((c) => checkCaveat(c, access, now)).filter((c) => c.result !== 'unspecified');
  const denied = relevant.find((c) => c.result === 'deny');
  if (denied) return { result: 'deny', because: `IfPresent: ${denied.because}` };
  const unknown = relevant.find((c) => c.result === 'unknown');
  if (unknown) return { result: 'unknown', because: `IfPresent: ${unknown.because}` };
  if (relevant.length > 0)
    return {
      result: 'allow',
      because: `IfPresent: ${relevant
        .map((c) => c.because)
        .filter(Boolean)
        .join('; ')}`,
    };
  return subset(access.action, otherwise)
    ? { result: 'allow', because: `IfPresent else "${actionString(otherwise)}"` }
    : { result: 'deny', because: `IfPresent: outside its resources only "${actionString(otherwise)}"` };
}

export function actionString(mask: number): string {
  if ((mask & 0x1f) === 0x1f) return 'rwcdC';
  return ['r', 'w', 'c', 'd', 'C'].filter((_, i) => mask & (1 << i)).join('') || 'none';
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
