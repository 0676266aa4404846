import type { RecommendInput } from '../../assess/types.js';

/** Least privilege on GitHub: fine-grained tokens, no delete_repo. */
export function recommendGithub(input: RecommendInput): string[] {
  if (input.paths.some((p) => p.level !== 'none' && p.operation === 'delete_repo')) {
    return ['Drop the delete_repo scope: create a fine-grained token limited to the repositories and permissions it needs.'];
  }
  if (input.production !== 'none' || input.backup !== 'none')
    return ['Use a fine-grained token limited to the repositories and permissions it needs, with an expiry.'];
  return [];
}
