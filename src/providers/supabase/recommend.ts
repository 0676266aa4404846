import type { RecommendInput } from '../../assess/types.js';

/** Least privilege on Supabase: a scoped personal access token, project keys kept server-side, a copy of the data off the platform. */
export function recommendSupabase(input: RecommendInput): string[] {
  const out: string[] = [];
  const type = String(input.verification.identity?.type ?? '');
  if (/classic/.test(type)) {
    out.push(
      "This is a classic personal access token with the account's full access to every organization and project: replace it with a scoped token (sbp_fc…) limited to the one project and the read permissions its job needs (https://supabase.com/docs/guides/platform/personal-access-tokens).",
    );
  }
  if (input.paths.some((p) => p.level !== 'none' && p.operation === 'v1-delete-a-project')) {
    out.push(
      'This token can delete a Supabase project, and deleting a project deletes its backups and PITR data: drop Project Settings read-write from the token, give its user the Developer role, and keep a scheduled dump (supabase db dump or pg_dump) in storage under another account.',
    );
  }
  if (input.token.kind === 'service-role-jwt' || input.token.kind === 'secret-key') {
    out.push(
      'Service-role and secret keys bypass row-level security on every table: keep them server-side only, and use the publishable key with RLS policies wherever that is enough.',
    );
  }
  return out;
}
