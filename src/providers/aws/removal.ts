import { statementRef } from './simulator.js';
import type { AwsCaller, PolicySource } from './types.js';

function customerManaged(arn: string): boolean {
  return !/:iam::aws:policy\//.test(arn);
}

/**
 * The IAM operations that would take a Deny (or a boundary) away from this principal, by where
 * the policy is attached: a protection the principal can remove itself does not count.
 */
export function removableBy(source: PolicySource, caller: AwsCaller): string[] {
  const rewrite = (arn: string) => (customerManaged(arn) ? ['iam:CreatePolicyVersion'] : []);
  switch (source.kind) {
    case 'user-inline':
      return ['iam:DeleteUserPolicy', 'iam:PutUserPolicy'];
    case 'user-managed':
      return ['iam:DetachUserPolicy', ...rewrite(source.arn)];
    case 'group-inline':
      return ['iam:DeleteGroupPolicy', 'iam:PutGroupPolicy', 'iam:RemoveUserFromGroup'];
    case 'group-managed':
      return ['iam:DetachGroupPolicy', 'iam:RemoveUserFromGroup', ...rewrite(source.arn)];
    case 'role-inline':
      return ['iam:DeleteRolePolicy', 'iam:PutRolePolicy'];
    case 'role-managed':
      return ['iam:DetachRolePolicy', ...rewrite(source.arn)];
    case 'boundary':
      return caller.kind === 'user'
        ? ['iam:DeleteUserPermissionsBoundary', 'iam:PutUserPermissionsBoundary', ...rewrite(source.arn)]
        : ['iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary', ...rewrite(source.arn)];
  }
}

export function resourcePolicyEvidence(label: string | undefined, sid: string | undefined, index: number): string {
  return statementRef(label ?? 'resource policy', sid, index);
}
