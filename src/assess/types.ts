import type { ActionClass, ReachLevel, ResourceClass, Severity } from '../core/types.js';

/** One explained step from a token to a resource: token → principal → evidence → action → resource (class). */
export interface BlastPath {
  tokenId: string;
  principal: string;
  evidence: string;
  action: ActionClass;
  operation?: string;
  resource: string;
  resourceClass: ResourceClass;
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
}
