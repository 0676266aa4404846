import { grantCovers } from '../../assess/match.js';
import type { BlastPath, CiPathInput } from '../../assess/types.js';

/**
 * A GitHub token that can push to a repository whose workflows assume a cloud role (or read cloud
 * secrets) reaches that principal through CI. Pure: the workflow facts were read by the pipeline.
 */
export function githubCiPaths({ token, verification, workflows, isCredentialSecret, classify }: CiPathInput): BlastPath[] {
  if (verification.status !== 'live') return [];
  const principal = verification.identity?.principal ?? token.redacted;
  const paths: BlastPath[] = [];
  for (const workflow of workflows) {
    if (!workflow.repo) continue;
    const push = verification.grants.find((g) => (g.action === 'write' || g.action === 'admin') && grantCovers(g.resource, workflow.repo!));
    if (!push) continue;
    for (const role of workflow.roles) {
      paths.push({
        tokenId: token.id,
        principal,
        evidence: `${push.evidence} → push to ${workflow.repo} runs ${workflow.file}, which assumes the role (its own policies decide how far)`,
        action: 'write',
        operation: 'ci:assume-role',
        resource: role,
        resourceClass: classify(role),
        level: 'write',
      });
    }
    for (const secret of workflow.secrets.filter(isCredentialSecret)) {
      const id = `${workflow.repo}#secrets.${secret}`;
      paths.push({
        tokenId: token.id,
        principal,
        evidence: `${push.evidence} → push to ${workflow.repo} runs ${workflow.file}, which reads secrets.${secret}`,
        action: 'write',
        operation: 'ci:read-secret',
        resource: id,
        resourceClass: classify(id),
        level: 'write',
      });
    }
  }
  return paths;
}
