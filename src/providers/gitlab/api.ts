import type { CallFailure } from '../outcome.js';
import { restApi, type RestApi } from '../rest.js';
import type { ProviderContext } from '../types.js';

/** GET /personal_access_tokens/self: the token describing itself (any scope may call it). */
export interface GitLabTokenSelf {
  id: number;
  name: string;
  scopes: string[];
  user_id: number;
  active?: boolean;
  revoked?: boolean;
  expires_at?: string | null;
}

/** GET /user. `is_admin` is only present for administrators; `bot` marks project and group access token users. */
export interface GitLabUser {
  id: number;
  username: string;
  name?: string;
  state?: string;
  bot?: boolean;
  is_admin?: boolean;
}

export interface GitLabProjectAssociation {
  id: number;
  name: string;
  path_with_namespace: string;
  visibility?: string;
  access_levels: { project_access_level: number | null; group_access_level: number | null };
}

export interface GitLabGroupAssociation {
  id: number;
  name: string;
  web_url: string;
  access_levels: number | null;
  visibility?: string;
}

/** GET /personal_access_tokens/self/associations (GitLab 17.x and later). */
export interface GitLabAssociations {
  groups: GitLabGroupAssociation[];
  projects: GitLabProjectAssociation[];
}

/** The REST API v4 of one token at one instance; `instance` is the instance URL that messages name. */
export interface GitLabApi extends RestApi {
  instance: string;
  overridden: boolean;
}

export function gitlabApi(baseUrl: string, overridden: boolean, secret: string, ctx: ProviderContext): GitLabApi {
  const api = restApi(
    { baseUrl: `${baseUrl}/api/v4`, headers: { 'PRIVATE-TOKEN': secret, accept: 'application/json' }, secrets: [secret], label: 'GitLab' },
    ctx,
  );
  return { ...api, instance: baseUrl, overridden };
}

/** GitLab's error bodies: `{"message": "401 Unauthorized"}` or OAuth-style `{"error": "invalid_token", "error_description": "..."}`. */
export function gitlabErrorText(failure: CallFailure): string {
  const body = failure.body as { message?: unknown; error?: unknown; error_description?: unknown } | null | undefined;
  const text = body?.error_description ?? body?.message ?? body?.error;
  return typeof text === 'string' ? text.slice(0, 200) : `HTTP ${failure.status}`;
}
