import type { RecommendInput } from '../../assess/types.js';
import { POSTGRES_BACKUPS, PROTECTED_ENVIRONMENTS } from './docs.js';

/**
 * Least privilege on Render: API keys have no scopes and act with their user's role in every
 * workspace, so the narrowest key belongs to a user with the narrowest role, and production sits in
 * a protected environment; and a copy of the data outside Render.
 */
export function recommendRender(input: RecommendInput): string[] {
  const out: string[] = [];
  const workspaces = (input.verification.identity?.workspaces as string[] | undefined) ?? [];
  if (workspaces.some((w) => /: (ADMIN|DEVELOPER|role unknown)$/.test(w))) {
    out.push(
      `Render API keys carry no scopes: this one acts with its user's role in every workspace. Issue automation keys from a dedicated user with the Workspace Viewer role (or Developer), and move production into a protected environment, where only Admins can delete (${PROTECTED_ENVIRONMENTS}).`,
    );
  }
  if (input.paths.some((p) => p.level === 'destroy' && p.resourceClass === 'production')) {
    out.push(
      `Keep a copy of production data outside Render under separate credentials (download exports or run pg_dump to your own storage): Render's recovery history and exports are reached through the same account (${POSTGRES_BACKUPS}).`,
    );
  }
  return out;
}
