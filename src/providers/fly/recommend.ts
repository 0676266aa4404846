import type { RecommendInput } from '../../assess/types.js';

/** Least privilege on Fly.io (https://fly.io/docs/security/tokens/): a deploy token per app, read-only org tokens, short expiry, data kept outside the app. */
export function recommendFly(input: RecommendInput): string[] {
  const out: string[] = [];
  const kind = String(input.verification.identity?.type ?? '');
  if (/^user token|^org-scoped|^macaroon bundle/.test(kind)) {
    out.push(
      'Replace this token with a deploy token scoped to the one app it serves (fly tokens create deploy -a <app> --expiry <duration>), or fly tokens create readonly where it only reads.',
    );
  }
  if (/no expiry caveat|expires 20[4-9]\d/.test(input.verification.notes.join('\n'))) {
    out.push('Give Fly.io tokens a short --expiry: they are valid for 20 years by default.');
  }
  if (input.paths.some((p) => p.level === 'destroy' && p.operation === 'apps:delete' && p.alsoReaches)) {
    out.push(
      "Keep a copy of production data outside the app (Fly.io deletes an app's volumes and their snapshots with it): e.g. a scheduled pg_dump to storage under other credentials; raising snapshot retention (fly volumes update <id> --snapshot-retention 60) only helps against a volume delete.",
    );
  }
  return out;
}
