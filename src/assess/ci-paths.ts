import type { ProjectConfig } from '../config/config.js';
import type { Token, VerificationResult } from '../core/types.js';
import { PROVIDERS, manifestOf } from '../providers/registry.js';
import { classifyResource } from './classify.js';
import type { BlastPath, WorkflowFacts } from './types.js';

/** Does a CI secret's name mean a credential of some provider (any provider's `ciSecretNames`)? */
export function isCredentialSecret(name: string): boolean {
  return PROVIDERS.some((m) => m.ciSecretNames?.test(name));
}

/**
 * Paths a live token opens through CI (a push that runs a workflow which assumes a cloud role or
 * reads a cloud secret), from its provider's `ciPaths`. Pure: the workflows were read by the pipeline.
 */
export function ciPathsOf(
  token: Pick<Token, 'id' | 'provider' | 'redacted'>,
  verification: VerificationResult | undefined,
  workflows: readonly WorkflowFacts[],
  config: ProjectConfig,
): BlastPath[] {
  const ciPaths = manifestOf(token.provider)?.ciPaths;
  if (!ciPaths || !verification) return [];
  return ciPaths({ token, verification, workflows, config, isCredentialSecret, classify: (id) => classifyResource(id, config).resourceClass });
}
