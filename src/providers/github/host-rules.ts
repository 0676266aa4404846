import { type HostRules, hostnameOf } from '../host.js';
import { GIT_REMOTE_HINT } from '../../detect/hints.js';

/**
 * GitHub's hosts: github.com (API at api.github.com), GitHub Enterprise Cloud with data residency
 * (SUBDOMAIN.ghe.com, API at api.SUBDOMAIN.ghe.com) and GitHub Enterprise Server (HOST, API at
 * HOST/api/v3): https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api
 * The hint names are those of rules/github.yaml.
 */
export const githubHostRules: HostRules = {
  publicHost: 'github.com',
  hints: {
    'url-host': { tier: 1, label: 'the URL carrying it' },
    'api-host': { tier: 1, label: 'the API URL on its line' },
    'github-host': { tier: 1, label: 'the GitHub URL on its line' },
    'cli-host': { tier: 1, label: 'its gh hosts.yml entry' },
    'gh-host': { tier: 2, label: 'GH_HOST' },
    'api-url': { tier: 2, label: 'GITHUB_API_URL' },
    'server-url': { tier: 2, label: 'GITHUB_SERVER_URL' },
    [GIT_REMOTE_HINT]: { tier: 3, label: "the repository's git remote" },
  },
  privateMarkers: ['enterprise-key'],
  hostOf: githubHostOf,
  configureFor: (host) => `GITHUB_API_URL (or --github-api-url) = ${host.endsWith('.ghe.com') ? `https://api.${host}` : `https://${host}/api/v3`}`,
};

/** The GitHub a host or URL belongs to: every github.com subdomain is github.com, api.X.ghe.com is X.ghe.com. */
export function githubHostOf(value: string): string | undefined {
  const host = hostnameOf(value);
  if (host === undefined) return undefined;
  if (host === 'github.com' || host.endsWith('.github.com') || host.endsWith('.githubusercontent.com')) return 'github.com';
  return /^api\.([a-z0-9-]+\.ghe\.com)$/.exec(host)?.[1] ?? host;
}
