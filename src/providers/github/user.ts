import type { Identity } from '../../core/types.js';
import type { GitHubClient } from './client.js';
import { UnexpectedResponse } from './failures.js';

/** The fields of GET /user that blastradius reads. */
export interface GitHubUser {
  login: string;
  id?: number;
  type?: string;
  name?: string | null;
  site_admin?: boolean;
}

export interface AuthenticatedUser {
  user: GitHubUser;
  /** X-OAuth-Scopes as sent; undefined when the header is absent (fine-grained and app tokens). */
  scopesHeader?: string;
  /** github-authentication-token-expiration, when the token expires. */
  expiresAt?: string;
}

/** GET /user: the one call whose failure decides the token's status (401 → invalid). */
export async function readAuthenticatedUser(octokit: GitHubClient): Promise<AuthenticatedUser> {
  const response = await octokit.request('GET /user');
  const user = response.data as unknown as GitHubUser;
  if (typeof user?.login !== 'string') throw new UnexpectedResponse('GET /user answered without a login');
  const headers = response.headers as Record<string, string | undefined>;
  return { user, scopesHeader: headers['x-oauth-scopes'], expiresAt: parseExpiration(headers['github-authentication-token-expiration']) };
}

export function userIdentity(authenticated: AuthenticatedUser, endpoint?: string): Identity {
  const { user } = authenticated;
  return {
    principal: user.login,
    type: user.type === 'Bot' ? 'bot' : 'user',
    account: user.login,
    displayName: user.name || user.login,
    ...(user.id !== undefined ? { userId: user.id } : {}),
    ...(user.site_admin ? { siteAdmin: true } : {}),
    ...(authenticated.expiresAt ? { expiresAt: authenticated.expiresAt } : {}),
    ...(endpoint ? { endpoint } : {}),
  };
}

/** GitHub sends e.g. "2026-07-01 12:00:00 UTC". */
function parseExpiration(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const time = Date.parse(header.replace(' UTC', 'Z').replace(' ', 'T'));
  return Number.isNaN(time) ? header : new Date(time).toISOString();
}
