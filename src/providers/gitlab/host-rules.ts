import { GIT_REMOTE_HINT } from '../../detect/hints.js';
import { type HostRules, hostnameOf } from '../host.js';

/**
 * GitLab's hosts: gitlab.com, or a self-managed / Dedicated instance at its own host (REST API at
 * <instance>/api/v4: https://docs.gitlab.com/api/rest/). The hint names are those of rules/gitlab.yaml.
 */
export const gitlabHostRules: HostRules = {
  publicHost: 'gitlab.com',
  hints: {
    'url-host': { tier: 1, label: 'the URL carrying it' },
    'api-host': { tier: 1, label: 'the API URL on its line' },
    'gitlab-host': { tier: 1, label: 'the GitLab URL on its line' },
    'cli-host': { tier: 1, label: 'its glab config entry' },
    'server-url': { tier: 2, label: 'the GitLab server named in the same file' },
    [GIT_REMOTE_HINT]: { tier: 3, label: "the repository's git remote" },
  },
  hostOf: gitlabHostOf,
  configureFor: (host) => `BLASTRADIUS_GITLAB_API_URL (or apiUrls.gitlab in ~/.config/blastradius/config.yaml) = https://${host}`,
};

/** The GitLab instance a host or URL belongs to: every gitlab.com subdomain is gitlab.com. */
export function gitlabHostOf(value: string): string | undefined {
  const host = hostnameOf(value);
  if (host === undefined) return undefined;
  return host === 'gitlab.com' || host.endsWith('.gitlab.com') ? 'gitlab.com' : host;
}
