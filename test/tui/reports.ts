import { assessBlastRadius } from '../../src/assess/assess.js';
import { assessWorkspace } from '../../src/assess/workspace.js';
import { defaultConfig } from '../../src/config/config.js';
import type { VerificationResult } from '../../src/core/types.js';
import type { Report } from '../../src/report/model.js';
import { sampleReport } from '../helpers/sample-report.js';

export { sampleReport };

/** The sample report's scan with nothing found. */
export function emptyReport(): Report {
  return { ...sampleReport(), tokens: [], workspace: assessWorkspace([]) };
}

/**
 * The sample tokens as if the providers had failed: GitHub rejected its token, every other provider
 * timed out or answered 503. Assessed by the real code, so the verdicts say "reach unknown".
 */
export function providerErrorReport(): Report {
  const report = sampleReport();
  const tokens = report.tokens.map((t) => {
    const failure: Pick<VerificationResult, 'status' | 'detail'> =
      t.provider === 'github'
        ? { status: 'invalid', detail: 'Bad credentials (401)' }
        : t.provider === 'aws'
          ? { status: 'error', detail: 'sts.amazonaws.com: 503 Service Unavailable' }
          : { status: 'error', detail: 'timed out after 10000 ms' };
    const verification: VerificationResult = {
      ...failure,
      grants: [],
      resources: [],
      protections: [],
      unknowns: [{ what: 'everything this token can do', reason: failure.detail! }],
      notes: [],
    };
    const blastRadius = assessBlastRadius({ token: t, verification, config: defaultConfig() });
    return {
      ...t,
      verification: { status: failure.status, detail: failure.detail },
      identity: null,
      grants: [],
      resources: [],
      protections: [],
      unknowns: verification.unknowns,
      blastRadius,
    };
  });
  return { ...report, tokens, workspace: assessWorkspace(tokens) };
}
