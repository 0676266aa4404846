import { scrub } from '../../core/secret.js';
import type { CallFailure, Outcome } from '../outcome.js';

/**
 * A failed AWS call in the shared vocabulary (src/providers/outcome.ts): `invalid` when AWS
 * definitively rejected the credential, `error` otherwise (timeout, 5xx, throttling exhausted,
 * network: unknown, never "invalid"). Two errors are answers about the resource rather than the
 * key: a denial (`isDenied`: the credential works but may not do this, "not visible") and an
 * absence (`isMissing`: no bucket policy, no lock configuration).
 */
export interface AwsFailure extends CallFailure {
  kind: 'invalid' | 'error';
  /** AWS's error code (AccessDenied, NoSuchBucketPolicy…). */
  code: string;
  /** `<call> (<code>)`: short form for notes. */
  summary: string;
}

/** One AWS SDK call: its output, or its failure. */
export type AwsOutcome<T> = Outcome<T, unknown, AwsFailure>;

// Codes AWS returns when the key id, secret or session token is unknown, wrong or expired.
const INVALID_CODES = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'AuthFailure',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidToken',
  'TokenRefreshRequired',
]);

const DENIED_CODES = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'Forbidden', 'UnauthorizedAccess']);

const MISSING_CODES = new Set([
  'NoSuchEntity',
  'NoSuchBucket',
  'NoSuchBucketPolicy',
  'ObjectLockConfigurationNotFoundError',
  'ResourceNotFoundException',
  'NotFoundException',
  'NotFound',
  'DBInstanceNotFound',
  'DBClusterNotFoundFault',
]);

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  cause?: { code?: string };
}

/** Classifies an SDK exception; the reason never carries the credential. */
export function classifyAwsError(error: unknown, what: string, secrets: readonly string[]): AwsFailure {
  const failure = classify(error, what, secrets);
  const status = (error as SdkError | undefined)?.$metadata?.httpStatusCode;
  return { ...failure, ...(status === undefined ? {} : { status }), summary: scrub(`${what} (${failure.code})`, secrets) };
}

/** The credential works but may not do this (AccessDenied, or any other 403 that is no rejection of the key). */
export function isDenied(failure: AwsFailure): boolean {
  return failure.kind === 'error' && (DENIED_CODES.has(failure.code) || (failure.status === 403 && !INVALID_CODES.has(failure.code)));
}

/** The thing asked about does not exist. */
export function isMissing(failure: AwsFailure): boolean {
  return failure.kind === 'error' && !isDenied(failure) && (MISSING_CODES.has(failure.code) || failure.status === 404);
}

function classify(error: unknown, what: string, secrets: readonly string[]): Omit<AwsFailure, 'summary' | 'status'> {
  const e = (error ?? {}) as SdkError;
  const code = e.name && e.name !== 'Error' ? e.name : (e.code ?? 'Error');
  const status = e.$metadata?.httpStatusCode;
  const attempts = e.$metadata?.attempts;
  const detail = (e.message ?? '').split('\n')[0].slice(0, 300);
  const clean = (text: string) => scrub(text, secrets);
  // A signature error that talks about time is clock skew, not a wrong secret.
  const clockSkew = code === 'SignatureDoesNotMatch' && /expired|time|skew/i.test(detail);
  if (INVALID_CODES.has(code) && !clockSkew) return { kind: 'invalid', code, reason: clean(`${what}: ${code}: ${detail}`) };
  if (DENIED_CODES.has(code) || (status === 403 && !INVALID_CODES.has(code) && !clockSkew)) {
    return { kind: 'error', code, reason: clean(`${what}: ${code}${detail ? `: ${detail}` : ''}`) };
  }
  if (MISSING_CODES.has(code) || status === 404) return { kind: 'error', code, reason: clean(`${what}: ${code}`) };
  return { kind: 'error', code, reason: clean(`${what}: ${describeTrouble(e, code, detail, status, attempts)}`) };
}

function describeTrouble(e: SdkError, code: string, detail: string, status: number | undefined, attempts: number | undefined): string {
  const tries = attempts && attempts > 1 ? ` after ${attempts} attempts` : '';
  if (code === 'TimeoutError' || e.code === 'ETIMEDOUT') return `timed out${tries}`;
  const network = e.code ?? e.cause?.code;
  if (network === 'ECONNREFUSED') return 'connection refused';
  if (network === 'ECONNRESET') return 'connection reset';
  if (network === 'ENOTFOUND' || network === 'EAI_AGAIN') return 'DNS lookup failed';
  if (status) return `HTTP ${status} (${code}${detail && detail !== code ? `: ${detail}` : ''})${tries}`;
  return `${code}${detail && detail !== code ? `: ${detail}` : ''}`;
}

/** Runs one SDK call and turns any exception into a classified, scrubbed failure. */
export async function attempt<T>(what: string, secrets: readonly string[], call: () => Promise<T>): Promise<AwsOutcome<T>> {
  try {
    return { ok: true, data: await call() };
  } catch (error) {
    return { ok: false, ...classifyAwsError(error, what, secrets) };
  }
}
