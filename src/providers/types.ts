import type { Token, VerificationResult } from '../core/types.js';

/**
 * What a provider gets besides the token. Base-URL overrides come ONLY from the process
 * environment, CLI flags or the user's own config (~/.config/blastradius/), never from the
 * scanned workspace: a hostile repository must not redirect its tokens to its own server.
 */
export interface ProviderContext {
  /** Process environment (AWS_ENDPOINT_URL*, GITHUB_API_URL, BLASTRADIUS_<PROVIDER>_API_URL, AWS_REGION...). */
  env: NodeJS.ProcessEnv;
  /** Overrides from CLI flags / user config, keyed by provider id (e.g. github → --github-api-url). */
  apiUrls: Readonly<Record<string, string>>;
  /** Per-call timeout in milliseconds (default 10 s, --timeout). */
  timeoutMs: number;
  /** Retries on 429 / 5xx (with backoff, honouring Retry-After). */
  retries: number;
  /** Upper bound for one Retry-After wait; longer waits give status `error` instead. */
  maxRetryWaitMs: number;
  /** Standard AWS profile used ONLY to read the principal's IAM policies (--aws-audit-profile). */
  awsAuditProfile?: string;
  /** Debug log; messages are scrubbed of the token's secrets before they are written. */
  log: (message: string) => void;
}

/** One provider module: `src/providers/<id>/index.ts` default-exports one of these. */
export interface Provider {
  id: string;
  /** The provider's API documentation (also at the top of the module's main file). */
  docsUrl: string;
  /** Rule ids whose tokens this provider verifies. */
  rules: readonly string[];
  /**
   * Asks the provider who the token is and what it can do, with READ-ONLY calls only.
   * Must never throw for provider trouble: timeouts, 5xx and rate limits are status `error`
   * with the reason; `invalid` only when the provider definitively rejected the token.
   * Resources it can see (inventory) come back in `resources`.
   */
  verify(token: Token, ctx: ProviderContext): Promise<VerificationResult>;
  /** True when verification needs no network call (offline decoding: SAS, JWT, GCP key file). */
  offline?: boolean;
}
