import type { ProjectConfig } from '../config/config.js';
import type { ActionClass, ReachLevel, Resource, ResourceClass, Severity, Token, VerificationResult } from '../core/types.js';

/** One explained step from a token to a resource: token → principal → evidence → action → resource (class). */
export interface BlastPath {
  tokenId: string;
  principal: string;
  evidence: string;
  action: ActionClass;
  operation?: string;
  resource: string;
  resourceClass: ResourceClass;
  /** Why the resource has that class: the config glob, the heuristic (name, type, managed host), or the credential's environment. */
  classifiedBy?: string;
  /** The level this path gives, after protections. */
  level: ReachLevel;
  /** Why the path counts for the backup side too (RDS automated backups, Railway volume backups). */
  alsoReaches?: { resourceClass: ResourceClass; reason: string };
  /** A protection that downgraded this path, or that does not count because the token can remove it. */
  protection?: { kind: string; description: string; effective: boolean; reason?: string };
}

/** The answer for one token: can it destroy production, the backups, or both? */
export interface BlastRadius {
  production: ReachLevel;
  backup: ReachLevel;
  shared: boolean;
  severity: Severity;
  /** One-line reason for the severity. */
  summary: string;
  paths: BlastPath[];
  protections: { kind: string; resource: string; description: string; effective: boolean; reason?: string }[];
  recommendations: string[];
  /** What the token could still do given what could not be read: never below the proven bound. */
  possible: PossibleBound;
}

/** Why the possible bound is wider than the proven one: a question that could not be answered. */
export interface OpenQuestion {
  what: string;
  reason: string;
  /** What would settle it: a flag to re-run with, or the exact read that was denied. */
  settle?: string;
}

/**
 * The possible bound: the proven paths plus, for every unknown, the most it could allow over the
 * resources it bears on. Equal to the proven bound when nothing reach-relevant is unknown.
 */
export interface PossibleBound {
  production: ReachLevel;
  backup: ReachLevel;
  shared: boolean;
  severity: Severity;
  /** The unknowns that widened it (empty when possible = proven). */
  because: OpenQuestion[];
  /** Paths that exist only in the possible bound (their evidence names the unknown). */
  paths: BlastPath[];
}

/** The union of every token in the workspace: whoever reads it holds them all at once. */
export interface WorkspaceVerdict {
  production: ReachLevel;
  backup: ReachLevel;
  shared: boolean;
  severity: Severity;
  summary: string;
  /** Token ids that make up the verdict (the strongest reach on each side). */
  tokens: string[];
  productionVia: string[];
  backupVia: string[];
  /** The union's possible bound: live tokens' possible bounds, the others' proven ones. */
  possible: { production: ReachLevel; backup: ReachLevel; shared: boolean; severity: Severity; summary: string; tokens: string[] };
}

/** A resource the assessment can reach: from the inventory, or named in the config. */
export interface Target {
  id: string;
  resource?: Resource;
  /** A glob from the config standing for resources the token may not be able to list. */
  fromConfig?: boolean;
}

/** What a provider's recommendations are made from. */
export interface RecommendInput {
  token: Pick<Token, 'provider' | 'kind' | 'ruleId'>;
  verification: VerificationResult;
  production: ReachLevel;
  backup: ReachLevel;
  shared: boolean;
  paths: BlastPath[];
  protections: BlastRadius['protections'];
}

/** What a provider's CI paths are made from: a live token, the workflows of the workspace, the config. */
export interface CiPathInput {
  token: Pick<Token, 'id' | 'provider' | 'redacted'>;
  verification: VerificationResult;
  workflows: readonly WorkflowFacts[];
  config: ProjectConfig;
  /** Does this secret name mean a credential of some provider (any provider's ciSecretNames)? */
  isCredentialSecret: (name: string) => boolean;
  /** The class of a resource id under the project's config (production, backup, other). */
  classify: (id: string) => ResourceClass;
}

/** What a CI workflow in the workspace does with cloud credentials (read from the files, no provider call). */
export interface WorkflowFacts {
  /** Workflow file relative to its root. */
  file: string;
  /** The repository the workspace is a clone of, as its canonical resource id (from .git/config), if known. */
  repo?: string;
  /** Cloud roles the workflow assumes (their canonical ids). */
  roles: string[];
  /** Repository secrets it reads (`${{ secrets.NAME }}`). */
  secrets: string[];
}
