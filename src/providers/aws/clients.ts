import type { fromIni } from '@aws-sdk/credential-providers';
import type { ProviderContext } from '../types.js';

/** The AWS services this provider talks to, named as the SDK's AWS_ENDPOINT_URL_<SERVICE> variables name them. */
export type AwsService = 'sts' | 'iam' | 's3' | 'rds' | 'dynamodb' | 'backup' | 'kms' | 'ec2';

const ENDPOINT_ENV_SUFFIX: Record<AwsService, string> = {
  sts: 'STS',
  iam: 'IAM',
  s3: 'S3',
  rds: 'RDS',
  dynamodb: 'DYNAMODB',
  backup: 'BACKUP',
  kms: 'KMS',
  ec2: 'EC2',
};

/** A static key pair (the scanned credential). */
export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Credentials from a named profile (the auditor credential). */
export type ProfileCredentials = ReturnType<typeof fromIni>;

export const DEFAULT_REGION = 'us-east-1';

export function regionFrom(ctx: ProviderContext): string {
  return ctx.env.AWS_REGION || ctx.env.AWS_DEFAULT_REGION || DEFAULT_REGION;
}

/**
 * The endpoint override for one service, read the way the SDK reads it
 * (AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS),
 * but from ctx.env: the clients are told to ignore the process environment and shared config,
 * so the endpoint a verdict came from is always the one we report. A CLI flag / user config
 * (`apiUrls.aws`) wins over the environment.
 */
export function endpointOverride(service: AwsService, ctx: ProviderContext): string | undefined {
  const fromFlags = ctx.apiUrls.aws;
  if (fromFlags) return fromFlags;
  if (/^true$/i.test(ctx.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '')) return undefined;
  return ctx.env[`AWS_ENDPOINT_URL_${ENDPOINT_ENV_SUFFIX[service]}`] || ctx.env.AWS_ENDPOINT_URL || undefined;
}

/** Everything one verification's SDK clients share. */
export class AwsSession {
  /** The Region clients are built for: the configured one, or one of the key's partition (see partition.ts). */
  region: string;
  /** The Region from ctx.env (or the default), before any partition was chosen. */
  readonly configuredRegion: string;
  /** `service=url` for every non-default endpoint a call went to. */
  readonly endpointsUsed = new Set<string>();
  readonly #destroyers: (() => void)[] = [];

  constructor(
    readonly ctx: ProviderContext,
    readonly credentials: StaticCredentials,
    /** Clear-text parts of the credential, to scrub from any message we build. */
    readonly secrets: readonly string[],
  ) {
    this.region = regionFrom(ctx);
    this.configuredRegion = this.region;
  }

  /** Clients built after this call sign for `region` (and so talk to its partition). */
  useRegion(region: string): void {
    this.region = region;
  }

  /**
   * Constructor options for one SDK client: explicit credentials (never the ambient chain),
   * per-call timeouts, bounded retries (the SDK's standard strategy honours Retry-After).
   */
  clientConfig(service: AwsService, credentials: StaticCredentials | ProfileCredentials = this.credentials) {
    const endpoint = endpointOverride(service, this.ctx);
    if (endpoint) this.endpointsUsed.add(`${service}=${endpoint}`);
    return {
      region: this.region,
      credentials,
      maxAttempts: this.ctx.retries + 1,
      requestHandler: {
        connectionTimeout: this.ctx.timeoutMs,
        requestTimeout: this.ctx.timeoutMs,
        socketTimeout: this.ctx.timeoutMs,
        throwOnRequestTimeout: true,
      },
      ignoreConfiguredEndpointUrls: true,
      ...(endpoint ? { endpoint } : {}),
      ...(service === 's3' ? (endpoint ? { forcePathStyle: true } : { followRegionRedirects: true }) : {}),
    };
  }

  /** Remembers a client so its sockets are closed when the verification ends. */
  track<T extends { destroy(): void }>(client: T): T {
    this.#destroyers.push(() => client.destroy());
    return client;
  }

  close(): void {
    for (const destroy of this.#destroyers.splice(0)) destroy();
  }

  /** Non-default endpoints, comma-separated, for identity.endpoint. */
  endpointSummary(): string | undefined {
    const urls = [...new Set([...this.endpointsUsed].map((entry) => entry.slice(entry.indexOf('=') + 1)))];
    return urls.length ? urls.join(',') : undefined;
  }
}
