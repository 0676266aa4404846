import type { RecommendInput } from '../../assess/types.js';

/** Least privilege on Railway: a project token per environment, and a copy of the data outside the volume. */
export function recommendRailway(input: RecommendInput): string[] {
  const out: string[] = [];
  const identityType = String(input.verification.identity?.type ?? '');
  if (/account|workspace/.test(identityType) || input.verification.grants.some((g) => /^(account|workspace) token/.test(g.evidence))) {
    out.push('This is an account/workspace token with whole-account authority: replace it with a project token scoped to the one environment it needs.');
  }
  if (input.paths.some((p) => p.level !== 'none' && p.operation === 'volumeDelete')) {
    out.push(
      "Keep a copy of production data outside the volume (Railway deletes a volume's backups with it): e.g. a scheduled pg_dump to separate storage under separate credentials.",
    );
  }
  return out;
}
