import type { Protection, Resource, Unknown } from '../../core/types.js';
import type { TargetKind } from './operations.js';

/** Who STS says the key belongs to. */
export interface AwsCaller {
  arn: string;
  account: string;
  userId: string;
  partition: string;
  kind: 'user' | 'assumed-role' | 'root' | 'federated-user' | 'other';
  /** User name, or role name for an assumed role. */
  name?: string;
  session?: string;
}

/** Where a policy is attached: decides which IAM operations could remove a Deny it holds. */
export type PolicySource =
  | { kind: 'user-inline' }
  | { kind: 'user-managed'; arn: string }
  | { kind: 'group-inline'; group: string }
  | { kind: 'group-managed'; group: string; arn: string }
  | { kind: 'role-inline' }
  | { kind: 'role-managed'; arn: string }
  | { kind: 'boundary'; arn: string };

/** One IAM policy document (already URL-decoded and parsed) with a name unique in its set. */
export interface PolicyDoc {
  name: string;
  // Policy JSON as AWS stores it; the simulator validates it.
  document: { Statement?: unknown } & Record<string, unknown>;
  source: PolicySource;
}

/** The principal's effective policies, as far as IAM let us read them. */
export interface PolicySet {
  identity: PolicyDoc[];
  boundary?: PolicyDoc;
  /** False when the principal's own policy lists could not be read: capability unknown. */
  readable: boolean;
  unknowns: Unknown[];
  notes: string[];
}

/** A resource-based policy that takes part in evaluating operations on one resource. */
export interface ResourcePolicy {
  /** "bucket policy", "vault access policy", "key policy". */
  label: string;
  document: Record<string, unknown>;
  removableBy: string[];
}

/** One inventoried resource the simulator evaluates operations of `target` kind on. */
export interface EvaluationTarget {
  /** Canonical resource id grants and protections are reported under. */
  resourceId: string;
  target: TargetKind;
  /** The ARN handed to the simulator (e.g. an object ARN inside the bucket). */
  arn: string;
  resourcePolicy?: ResourcePolicy;
}

/** What one service's inventory saw. AccessDenied is "not visible" (a note), never an error. */
export interface InventoryResult {
  resources: Resource[];
  protections: Protection[];
  targets: EvaluationTarget[];
  notes: string[];
  /** Successful list calls: proof of a read capability when policies cannot be read. */
  observed: { operation: string; resource: string }[];
}

export function emptyInventory(): InventoryResult {
  return { resources: [], protections: [], targets: [], notes: [], observed: [] };
}
