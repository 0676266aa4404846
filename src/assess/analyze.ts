import type { ProjectConfig } from '../config/config.js';
import type { Token } from '../core/types.js';
import type { PipelineOptions } from '../pipeline.js';
import { PROVIDERS } from '../providers/registry.js';
import type { TokenAnalysis } from '../report/model.js';
import { VerificationCache } from '../verify/cache.js';
import { verifyTokens, type VerifiedResult } from '../verify/verify.js';
import { assessBlastRadius } from './assess.js';
import { ciPathsOf } from './ci-paths.js';
import type { WorkflowFacts } from './types.js';

/**
 * verify → assess for the tokens a scan found: each token's verification (here, from the cache, or
 * by another job of the organisation audit: --verify-ids) and blast radius. Loaded by the pipeline
 * only when there is a token: it brings every provider's module with it.
 */
export async function analyzeTokens(
  tokens: readonly Token[],
  roots: readonly { root: string }[],
  config: ProjectConfig,
  options: PipelineOptions,
): Promise<Map<string, TokenAnalysis>> {
  const elsewhere = options.verificationPlan?.elsewhere ?? {};
  const verifiedHere = tokens.filter((t) => !Object.hasOwn(elsewhere, t.id));
  const verified = options.providers
    ? await verifyTokens(verifiedHere, {
        offline: options.offline,
        context: options.providers.context,
        concurrency: options.providers.concurrency,
        verifyCanaries: options.providers.verifyCanaries,
        cache:
          options.providers.cache && !options.offline
            ? new VerificationCache(VerificationCache.defaultPath(options.providers.context.env), 3600_000)
            : undefined,
        onVerified: options.onVerified,
      })
    : new Map<string, VerifiedResult>();
  for (const token of tokens.filter((t) => Object.hasOwn(elsewhere, t.id))) {
    const result = verifiedElsewhere(elsewhere[token.id]);
    verified.set(token.id, result);
    options.onVerified?.(token.id, result); // answered, for the progress line: by another job
  }

  const workflows: WorkflowFacts[] = roots.flatMap((r) => PROVIDERS.flatMap((m) => m.readWorkflows?.(r.root) ?? []));
  const analyses = new Map<string, TokenAnalysis>();
  for (const token of tokens) {
    const verification = verified.get(token.id);
    const extraPaths = ciPathsOf(token, verification, workflows, config);
    analyses.set(token.id, { verification, blastRadius: assessBlastRadius({ token, verification, config, extraPaths }) });
  }
  return analyses;
}

function verifiedElsewhere(report: string): VerifiedResult {
  return {
    status: 'unverified',
    detail: `verified once for the organisation, by the scan of ${report} (--verify-ids); blastradius merge gives this token that answer`,
    verifiedIn: report,
    grants: [],
    resources: [],
    protections: [],
    unknowns: [],
    notes: [],
  };
}
