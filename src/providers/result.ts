import type { Grant, Identity, Protection, Resource, Unknown, VerificationResult } from '../core/types.js';

/** Builders for verification results, so every provider fills every field. */
export function live(parts: {
  identity: Identity;
  grants?: Grant[];
  resources?: Resource[];
  protections?: Protection[];
  unknowns?: Unknown[];
  notes?: string[];
  detail?: string;
}): VerificationResult {
  return {
    status: 'live',
    detail: parts.detail,
    identity: parts.identity,
    grants: parts.grants ?? [],
    resources: parts.resources ?? [],
    protections: parts.protections ?? [],
    unknowns: parts.unknowns ?? [],
    notes: parts.notes ?? [],
  };
}

/** The provider definitively rejected the token (e.g. 401 Bad credentials). */
export function invalid(detail: string, identity?: Identity): VerificationResult {
  return { status: 'invalid', detail, identity, grants: [], resources: [], protections: [], unknowns: [], notes: [] };
}

/** We do not know: timeout, 5xx, rate limit, unexpected response. Never read as "safe". */
export function unknownError(detail: string, identity?: Identity, notes: string[] = []): VerificationResult {
  return {
    status: 'error',
    detail,
    identity,
    grants: [],
    resources: [],
    protections: [],
    unknowns: [{ what: 'everything this token can do', reason: detail }],
    notes,
  };
}

/** Not asked, or it cannot be asked (only a write would tell, a part is missing, the host is unknown): what stays unknown says why. */
export function notAsked(detail: string, unknowns: Unknown[], notes: string[] = []): VerificationResult {
  return { status: 'unverified', detail, grants: [], resources: [], protections: [], unknowns, notes };
}

/** Decoded from the token itself without asking the provider: grants are what the token says, not confirmed. */
export function decodedOffline(parts: Parameters<typeof live>[0]): VerificationResult {
  return { ...live(parts), status: 'unverified', detail: parts.detail ?? 'decoded offline from the token; not confirmed with the provider' };
}
