import type { Unknown } from '../../core/types.js';

// Platform API v3 shapes this provider reads (only the fields it uses), from the JSON schema the
// API publishes (https://api.heroku.com/schema; github.com/heroku/platform-api schema.json).

export interface Account {
  id: string;
  email?: string;
  name?: string | null;
}

/** oauth-authorization: `scope` is the access it allows; `access_token.token` is compared, never kept. */
export interface Authorization {
  id: string;
  description?: string | null;
  scope?: string[];
  access_token?: { token?: string | null; expires_in?: number | null } | null;
  client?: { name?: string | null } | null;
}

export interface App {
  id: string;
  name: string;
  owner?: { id?: string; email?: string } | null;
  team?: { id?: string; name?: string } | null;
  region?: { name?: string } | null;
}

/** add-on: `config_vars` are names only (e.g. DATABASE_URL), never values. */
export interface AddOn {
  id: string;
  name: string;
  app?: { id?: string; name?: string } | null;
  addon_service?: { name?: string } | null;
  plan?: { name?: string } | null;
  state?: string | null;
}

export interface Inventory {
  apps: App[];
  addons: AddOn[];
  unknowns: Unknown[];
  notes: string[];
}

/** The token's own authorization, or why its scope stays unknown. */
export type ScopeReading = { scopes: string[]; authorizationId: string; description?: string; client?: string } | { unread: string };

export const POSTGRES_SERVICE = 'heroku-postgresql';

export const appId = (app: string): string => `heroku:${app}`;
export const addonId = (app: string, addon: string): string => `heroku:${app}/${addon}`;
export const backupsId = (app: string, addon: string): string => `heroku:${app}/${addon}/pg-backups`;

/** Continuous Protection comes with every Heroku Postgres database on the Standard tier or higher (PGBackups article). */
export function hasContinuousProtection(plan: string | undefined): boolean | undefined {
  const tier = (plan ?? '').split(':').pop()?.split('-')[0];
  if (!tier) return undefined;
  if (['standard', 'premium', 'private', 'shield'].includes(tier)) return true;
  if (['essential', 'mini', 'basic', 'hobby'].includes(tier)) return false;
  return undefined;
}
