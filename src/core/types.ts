import type { Secret } from './secret.js';

/** What a grant lets its holder do to a resource, from least to most harmful. */
export type ActionClass = 'read' | 'write' | 'destroy' | 'admin';

/** How far a token reaches into one side (production or backup). */
export type ReachLevel = 'none' | 'read' | 'write' | 'destroy';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export type ResourceClass = 'production' | 'backup' | 'other';

/** live: the provider accepted it. invalid: the provider definitively refused it.
 *  error: we do not know (timeout, 5xx, rate limit) — never read as "safe".
 *  unverified: not asked (offline, no provider module). canary: a known honeypot, not asked. */
export type VerificationStatus = 'live' | 'invalid' | 'unverified' | 'error' | 'canary';

/** One place a secret was found. `file` is relative to its scan root, with forward slashes. */
export interface Location {
  file: string;
  line: number;
  column: number;
  root?: string;
  commit?: string;
  /** Path from the repository root (the checkout) with forward slashes, whatever the scan root; what every format shows. */
  path?: string;
  /** History scans: the file no longer exists at HEAD (the secret lives on in the commit). */
  removedAtHead?: boolean;
  /** Carries a `blastradius:allow` (kept only for `ci --base`, which decides whether the change added it). */
  allowed?: boolean;
}

/** A distinct credential found in the workspace. The secret itself never leaves the Secret wrapper. */
export interface Token {
  id: string;
  /** `keyed` when the secret is guessable (a password): the id is an HMAC, not a plain SHA-256. */
  idKind?: 'sha256' | 'keyed';
  ruleId: string;
  provider: string;
  kind: string;
  redacted: string;
  locations: Location[];
  secret: Secret;
  /** Parts that travel with the credential but are not part of its id (AWS session token, GCP client email). */
  extras?: Record<string, Secret>;
}

/** The principal a provider says a token acts as. */
export interface Identity {
  /** Provider-native principal id: an ARN, a GitHub login, a Railway workspace, a database role. */
  principal: string;
  type?: string;
  account?: string;
  displayName?: string;
  /** Non-default API endpoint the verdict came from, if any. */
  endpoint?: string;
  [extra: string]: unknown;
}

/** One capability: `action` on `resource` (canonical id or a wildcard pattern), granted by `evidence`. */
export interface Grant {
  action: ActionClass;
  resource: string;
  evidence: string;
  /** Provider operation behind the grant, e.g. `s3:DeleteBucket`, `volumeDelete`, `DROP DATABASE`. */
  operation?: string;
  principal?: string;
  /** The other operations this grant needed to act (a combination, e.g. a retention bypass plus the delete), all held. */
  combination?: string[];
}

/**
 * Something a provider could not determine. Unknown is an answer, never "none": it widens the
 * possible bound of the verdict (never the proven one, never downwards).
 */
export interface Unknown {
  what: string;
  reason: string;
  /** The most it could let the token do over `resources` (default `destroy`); `none` when it does not bear on reach (e.g. which workspace a key belongs to). */
  upTo?: ActionClass | 'none';
  /** Canonical ids or grant patterns it bears on. Absent: everything the token can see (its inventory and the resources of its grants). */
  resources?: string[];
  /** What would settle it: a flag to re-run with, or the exact read that was denied. */
  settle?: string;
}

/** A resource a token can see (inventory), under its canonical id. */
export interface Resource {
  id: string;
  type: string;
  name: string;
  provider: string;
  /** Backups that live inside this resource and die with it (Railway volumes, RDS automated backups). */
  holdsBackups?: boolean;
  attributes?: Record<string, unknown>;
}

/** A safeguard that blocks an operation on a resource, unless the token can remove it. */
export interface Protection {
  kind: 'explicit-deny' | 'permission-boundary' | 'object-lock' | 'vault-lock' | 'resource-policy' | 'deletion-protection' | 'versioning' | 'soft-delete';
  resource: string;
  /** Operations it blocks; empty = every destructive operation on the resource. */
  blocks: string[];
  description: string;
  /** Operation that removes the protection; when the token holds it, the protection does not count. */
  removableBy?: string[];
  /** Mitigations soften but never block (e.g. Railway's 48-hour soft delete). */
  mitigationOnly?: boolean;
}

/** `unverified` here means decoded offline from the token itself (SAS, JWT, key file), not confirmed by the provider. */
export interface VerificationResult {
  status: VerificationStatus;
  detail?: string;
  identity?: Identity;
  grants: Grant[];
  resources: Resource[];
  protections: Protection[];
  unknowns: Unknown[];
  notes: string[];
}

export interface Verification {
  status: VerificationStatus;
  detail?: string;
  /** Non-default endpoints contacted for this verdict. */
  endpoints?: string[];
  cached?: boolean;
  /** `scan --verify-ids`: left unverified here because the scan of this report (owner/repo/…) verifies it; `merge` takes that answer. */
  verifiedIn?: string;
}
