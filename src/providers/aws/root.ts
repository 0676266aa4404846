import type { Grant } from '../../core/types.js';
import { OPERATIONS } from './operations.js';
import { wildcardResource, type ArnScope } from './targets.js';

const ROOT_EVIDENCE = 'root user: unrestricted';

/**
 * The account's root user is not governed by IAM policies: it can do everything in the account
 * (only organization SCPs, which we cannot read, could narrow it). Critical by itself.
 */
export function rootGrants(principal: string, scope: ArnScope): Grant[] {
  const grants: Grant[] = [{ action: 'admin', resource: `arn:${scope.partition}:*:*:${scope.account}:*`, evidence: ROOT_EVIDENCE, operation: '*', principal }];
  for (const spec of OPERATIONS) {
    grants.push({ action: spec.action, resource: wildcardResource(spec.target, scope), evidence: ROOT_EVIDENCE, operation: spec.operation, principal });
  }
  return grants;
}
