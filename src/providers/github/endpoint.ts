import { apiBaseUrl } from '../http.js';
import type { ProviderContext } from '../types.js';

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

/**
 * The GitHub API base URL: --github-api-url / user config, then BLASTRADIUS_GITHUB_API_URL, then
 * GITHUB_API_URL (set by GitHub Actions, and the usual way to point at GitHub Enterprise Server,
 * e.g. https://ghe.example.com/api/v3), then api.github.com. Never read from the scanned workspace.
 */
export function githubApiUrl(ctx: ProviderContext): { url: string; overridden: boolean } {
  const configured = apiBaseUrl('github', ctx, '');
  const raw = configured.overridden ? configured.url : ctx.env.GITHUB_API_URL?.trim() || DEFAULT_GITHUB_API_URL;
  const url = raw.replace(/\/+$/, '');
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`GitHub API URL must be http(s), got ${parsed.protocol}`);
  if (parsed.username || parsed.password) throw new Error('GitHub API URL must not carry credentials');
  return { url, overridden: url !== DEFAULT_GITHUB_API_URL };
}
