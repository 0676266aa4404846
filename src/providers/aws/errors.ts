import { scrub } from '../../core/secret.js';

/**
 * What a failed AWS call means for us. `invalid`: AWS definitively rejected the credential.
 * `denied`: the credential works but may not do this (inventory: "not visible").
 * `missing`: the thing asked about does not exist (no bucket policy, no lock configuration).
 * `error`: no answer (timeout, 5xx, throttling exhausted, network): unknown, never "invalid".
 */
export type FailureKind = 'invalid' | 'denied' | 'missing' | 'error';

export interface CallFailure {
  kind: FailureKind;
  code: string;
  /** One line, scrubbed of every part of the credential. */
  message: string;
  /** `<call> (<code>)`: short form for notes. */
  summary: string;
}

export type CallOutcome<T> = { ok: true; value: T } | { ok: false; failure: CallFailure };

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

/** Classifies an SDK exception; the message never carries the credential. */
export function classifyAwsError(error: unknown, what: string, secrets: readonly string[]): CallFailure {
  const failure = classify(error, what, secrets);
  return { ...failure, summary: scrub(`${what} (${failure.code})`, secrets) };
}

function classify(error: unknown, what: string, secrets: readonly string[]): Omit<CallFailure, 'summary'> {
  const e = (error ?? {}) as SdkError;
  const code = e.name && e.name !== 'Error' ? e.name : (e.code ?? 'Error');
  const status = e.$metadata?.httpStatusCode;
  const attempts = e.$metadata?.attempts;
  const detail = (e.message ?? '').split('\n')[0].slice(0, 300);
  const clean = (text: string) => scrub(text, secrets);
  // A signature error that talks about time is clock skew, not a wrong secret.
  const clockSkew = code === 'SignatureDoesNotMatch' && /expired|time|skew/i.test(detail);
  if (INVALID_CODES.has(code) && !clockSkew) return { kind: 'invalid', code, message: clean(`${what}: ${code}: ${detail}`) };
  if (DENIED_CODES.has(code) || (status === 403 && !INVALID_CODES.has(code) && !clockSkew)) {
    return { kind: 'denied', code, message: clean(`${what}: ${code}${detail ? `: ${detail}` : ''}`) };
  }
  if (MISSING_CODES.has(code) || status === 404) return { kind: 'missing', code, message: clean(`${what}: ${code}`) };
  return { kind: 'error', code, message: clean(`${what}: ${describeTrouble(e, code, detail, status, attempts)}`) };
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
export async function attempt<T>(what: string, secrets: readonly string[], call: () => Promise<T>): Promise<CallOutcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, failure: classifyAwsError(error, what, secrets) };
  }
}
