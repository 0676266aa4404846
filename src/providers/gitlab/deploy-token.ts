// Deploy tokens and their scopes: https://docs.gitlab.com/user/project/deploy_tokens/
import type { VerificationResult } from '../../core/types.js';
import { notAsked } from '../result.js';

/**
 * GitLab deploy tokens cannot call the REST API. Git over HTTPS and the registries accept them,
 * but only together with the deploy token's username and the project path, which the scanner does
 * not find with the token: so nothing is asked, and what the token type itself bounds is stated.
 */
export function verifyDeployToken(): VerificationResult {
  return notAsked(
    'GitLab deploy tokens cannot call the REST API; checking one over Git or the registry needs its username and project path, which were not found with it: not asked',
    [
      // A deploy token never reaches the REST API: at most it pushes images and packages of its project or group.
      {
        what: 'whether this deploy token is live, and which project or group it belongs to',
        reason: 'no read-only API answers for a deploy token without its username and project',
        upTo: 'write',
        settle: "the deploy token's username (gitlab+deploy-token-N) and its project path, for a read-only git ls-remote",
      },
      {
        what: 'its scopes (read_repository, read_registry, write_registry, read_package_registry, write_package_registry)',
        reason: 'only the project or group maintainers can list them',
        upTo: 'write',
        settle: 'GET /projects/:id/deploy_tokens (Maintainer of its project)',
      },
    ],
    [
      'A deploy token has no REST API access, so it cannot delete projects or groups; at most it reads repositories and reads/publishes container images and packages of one project or group.',
    ],
  );
}
