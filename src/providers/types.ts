import type { BlastPath, CiPathInput, RecommendInput, WorkflowFacts } from '../assess/types.js';
import type { Token, VerificationResult } from '../core/types.js';
import type { RecordedRequest } from './fake-server.js';

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
  /**
   * Waits until one more request to `url` may start (per-host concurrency, the provider's rate
   * limit) and returns its release; set by verification for every provider, used by httpRequest.
   */
  requestGate?: (url: string) => Promise<() => void>;
}

/** A provider's own bounds on verification, from its documentation. */
export interface ProviderLimits {
  /** Tokens verified at once (default 4). */
  concurrency?: number;
  /** At most `requests` requests in any `perMs` window, as `doc` documents it. */
  rate?: { requests: number; perMs: number; doc: string };
}

/** A resource type a provider reports, and what it is (the assessment classifies by it). */
export interface ResourceKind {
  /** A backup by its very nature (a snapshot, a recovery point, a vault), whatever its name. */
  backup?: boolean;
}

/**
 * One row of a provider's shared-fate table: an operation whose destroy of a production resource
 * also destroys the backups kept inside it, with the documentation page that says so.
 */
export interface SharedFate {
  operation: string;
  reason: string;
  doc: string;
  /** True when it takes the backups whatever the inventory says (RDS automated backups); otherwise only for resources marked `holdsBackups`. */
  always?: boolean;
}

/**
 * A managed database service's endpoint host names (`*.rds.amazonaws.com`): a database reached there
 * counts as production by heuristic. `doc` is the service's page that shows the host format.
 */
export interface ManagedHost {
  /** Host suffix with its leading dot; it matches on a label boundary only (`x.rds.amazonaws.com`, never `rds.amazonaws.com` itself). */
  suffix: string;
  /** The service as the reason names it (`Amazon RDS`). */
  service: string;
  doc: string;
}

/** A planted honeypot credential, recognised offline (verifying it would alert its owner). */
export interface CanaryFinding {
  issuer: string;
  account: string;
}

/** A provider's offline fake, started for `blastradius demo` on 127.0.0.1 (src/providers/fake-kit.ts). */
export interface DemoFake {
  /** The provider's name as the demo's introduction shows it. */
  name: string;
  /** Environment that points the provider at the fake (its base-URL override). */
  env: Record<string, string>;
  /** Every request the fake received (SQL statements as method `SQL`). */
  requests(): RecordedRequest[];
  /** Whether a recorded request would have changed something at the provider. */
  mutating(request: RecordedRequest): boolean;
  stop(): Promise<void>;
}

/**
 * Everything blastradius knows about a provider that needs no network call: loaded by every
 * scan, so it must not import an SDK or a client (the verifying module is `load`ed lazily).
 * `src/providers/<id>/manifest.ts` default-exports one; `registry.ts` lists them; nothing outside
 * `src/providers/` names a provider.
 */
export interface ProviderManifest {
  id: string;
  /** The provider's API documentation (also at the top of the module's main file). */
  docsUrl: string;
  /** Rule ids (in rules/<id>.yaml) whose tokens this provider verifies. */
  rules: readonly string[];
  /**
   * True when verification needs no network call (offline decoding: SAS, JWT, GCP key file): the only ones `--offline` runs.
   * A list of rule ids when only those decode offline and the provider's other rules call its API.
   */
  offline?: boolean | readonly string[];
  /** The verifying module. */
  load: () => Promise<{ default: Provider }>;
  /** Resource types it reports (Resource.type) and which are backups. */
  resourceKinds?: Readonly<Record<string, ResourceKind>>;
  /** Parts of a canonical id that mark a backup when only the id is known (a resource named in the config). */
  backupIdMarkers?: readonly string[];
  /** Host names of this provider's managed database services (a database id on one is production by heuristic). */
  managedHosts?: readonly ManagedHost[];
  /** Operations whose destroy takes the backups with the resource. */
  sharedFate?: readonly SharedFate[];
  /** How to shrink this provider's tokens' blast radius, most important first. */
  recommend?: (input: RecommendInput) => string[];
  /** Environment variables that change where its calls go (named in the report, part of the cache key); `PREFIX*` for a family. */
  endpointEnv?: readonly string[];
  /** CI secret names that mean "a credential of this provider" (a workflow reading one is a path to it). */
  ciSecretNames?: RegExp;
  /** A planted honeypot, recognised offline from the token itself. */
  canary?: (token: Pick<Token, 'secret'>) => CanaryFinding | undefined;
  /** Documented rate limit and concurrency (src/verify/limits.ts enforces them). */
  limits?: ProviderLimits;
  /** Paths a live token of this provider opens through CI (e.g. push → workflow → cloud role). */
  ciPaths?: (input: CiPathInput) => BlastPath[];
  /** The CI workflows of a scan root this provider runs (read from files, no call). */
  readWorkflows?: (root: string) => WorkflowFacts[];
  /** Starts the offline fake that `blastradius demo` verifies this provider's demo tokens against (import it lazily). */
  demo?: () => Promise<DemoFake>;
}

/** One provider module: `src/providers/<id>/index.ts` default-exports one of these (its manifest plus `verify`). */
export interface Provider extends Omit<ProviderManifest, 'load'> {
  /**
   * Asks the provider who the token is and what it can do, with READ-ONLY calls only.
   * Must never throw for provider trouble: timeouts, 5xx and rate limits are status `error`
   * with the reason; `invalid` only when the provider definitively rejected the token.
   * Resources it can see (inventory) come back in `resources`.
   */
  verify(token: Token, ctx: ProviderContext): Promise<VerificationResult>;
}
