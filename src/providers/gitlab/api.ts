import { httpRequest, parseJson, type HttpResponse } from '../http.js';
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

export interface GitLabApi {
  baseUrl: string;
  overridden: boolean;
  secrets: readonly string[];
  get(path: string): Promise<HttpResponse>;
  json<T>(response: HttpResponse, what: string): T;
}

export function gitlabApi(baseUrl: string, overridden: boolean, secret: string, ctx: ProviderContext): GitLabApi {
  const secrets = [secret];
  return {
    baseUrl,
    overridden,
    secrets,
    get: (path) => httpRequest({ url: `${baseUrl}/api/v4${path}`, headers: { 'PRIVATE-TOKEN': secret, accept: 'application/json' }, secrets }, ctx),
    json: (response, what) => parseJson(response, what, secrets),
  };
}

/** GitLab's error bodies: `{"message": "401 Unauthorized"}` or OAuth-style `{"error": "invalid_token", "error_description": "..."}`. */
export function gitlabErrorText(response: HttpResponse): string {
  try {
    const body = JSON.parse(response.text) as { message?: unknown; error?: unknown; error_description?: unknown };
    const text = body.error_description ?? body.message ?? body.error;
    if (typeof text === 'string') return text.slice(0, 200);
  } catch {
    // not JSON: fall through to the status alone
  }
  return `HTTP ${response.status}`;
}
