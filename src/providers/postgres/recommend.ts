import type { RecommendInput } from '../../assess/types.js';

/** Least privilege in PostgreSQL: no superuser for the application, no ownership of the database. */
export function recommendPostgres(input: RecommendInput): string[] {
  const out: string[] = [];
  if (input.paths.some((p) => p.action === 'admin'))
    out.push('Use a role without SUPERUSER/CREATEROLE for the application; keep superuser credentials out of the workspace.');
  if (input.production === 'destroy')
    out.push('Give the application role only the DML it needs on its own tables; do not let it own the database (owners can DROP it).');
  return out;
}
