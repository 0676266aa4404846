import { manifestOf } from '../providers/registry.js';
import type { RecommendInput } from './types.js';

/** How to shrink the blast radius: the provider's own advice first (its manifest), then what holds for every token. */
export function recommend(input: RecommendInput): string[] {
  const out: string[] = [];
  const reachesSomething = input.production !== 'none' || input.backup !== 'none';
  out.push(...(manifestOf(input.token.provider)?.recommend?.(input) ?? []));
  if (input.shared)
    out.push(
      'Production and its backups share one credential: put backups under a different account or credential than production, so that no single token can destroy both.',
    );
  for (const p of input.protections)
    if (!p.effective && p.reason?.startsWith('the token can remove it'))
      out.push(`The ${p.kind} on ${p.resource} does not protect against this token: ${p.reason}.`);
  if (reachesSomething) out.push('This token sits in a file an agent or dependency can read: rotate it and load it from a secret manager at run time.');
  return [...new Set(out)];
}
