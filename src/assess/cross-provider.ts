import type { ProjectConfig } from '../config/config.js';
import type { Token, VerificationResult } from '../core/types.js';
import type { WorkflowFacts } from '../scan/workflows.js';
import { classifyResource } from './classify.js';
import { grantCovers } from './match.js';
import type { BlastPath } from './types.js';

const CLOUD_SECRET = /AWS|RAILWAY|GCP|GOOGLE|AZURE|DATABASE|DB_|POSTGRES|SUPABASE|CLOUDFLARE|DIGITALOCEAN|STRIPE/i;

/**
 * A GitHub token that can push to a repository whose workflows assume a cloud role (or read cloud
 * secrets) reaches that principal through CI. Pure: the workflow facts were read by the pipeline.
 */
export function crossProviderPaths(
  token: Pick<Token, 'id' | 'provider' | 'redacted'>,
  verification: VerificationResult | undefined,
  workflows: readonly WorkflowFacts[],
  config: ProjectConfig,
): BlastPath[] {
  if (token.provider !== 'github' || verification?.status !== 'live') return [];
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
        resourceClass: classifyResource(role, config).resourceClass,
        level: 'write',
      });
    }
    for (const secret of workflow.secrets.filter((s) => CLOUD_SECRET.test(s))) {
      const id = `${workflow.repo}#secrets.${secret}`;
      paths.push({
        tokenId: token.id,
        principal,
        evidence: `${push.evidence} → push to ${workflow.repo} runs ${workflow.file}, which reads secrets.${secret}`,
        action: 'write',
        operation: 'ci:read-secret',
        resource: id,
        resourceClass: classifyResource(id, config).resourceClass,
        level: 'write',
      });
    }
  }
  return paths;
}
