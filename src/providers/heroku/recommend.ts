import type { RecommendInput } from '../../assess/types.js';
import { OAUTH, PG_BACKUPS } from './docs.js';

/** Least privilege on Heroku: a scoped OAuth authorization (`read`) instead of the account API key, and backups outside Heroku. */
export function recommendHeroku(input: RecommendInput): string[] {
  const out: string[] = [];
  const scopes = (input.verification.identity?.scopes as string[] | undefined) ?? [];
  if (scopes.length === 0 || scopes.includes('global')) {
    out.push(
      `This token has (or may have) global scope, the power of the account API key: replace it with a direct authorization of the narrowest scope it needs — heroku authorizations:create --scope read for monitoring (${OAUTH}).`,
    );
  } else if (scopes.some((s) => s === 'read-protected' || s === 'write-protected')) {
    out.push(
      "A -protected scope reads config vars, DATABASE_URL among them (the database owner's credentials): use read or write unless the token must read secrets.",
    );
  }
  if (input.paths.some((p) => p.level === 'destroy' && (p.resourceClass === 'production' || p.resource.endsWith('/pg-backups')))) {
    out.push(
      `Keep a copy of production data outside Heroku under separate credentials (a scheduled PGBackups download or pg_dump to your own storage): backups on Heroku are reachable by the same account (${PG_BACKUPS}).`,
    );
  }
  return out;
}
