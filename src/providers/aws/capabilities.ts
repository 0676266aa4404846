import type { Grant, Protection, Unknown } from '../../core/types.js';
import { Findings } from './findings.js';
import { OPERATIONS, operationsFor, type OperationSpec } from './operations.js';
import { removableBy, resourcePolicyEvidence } from './removal.js';
import { PrincipalSimulator, statementRef, type ResourcePolicyInput, type SimOutcome } from './simulator.js';
import { canonicalPattern, concretize, probeArn, wildcardResource, type ArnScope } from './targets.js';
import type { AwsCaller, EvaluationTarget, PolicySet } from './types.js';
import { statementsOf } from './util.js';

// IAM operations that give a principal new permissions (as opposed to removing a Deny).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-attach-detach.html
const GRANTS_PERMISSIONS = new Set([
  'iam:AttachUserPolicy',
  'iam:PutUserPolicy',
  'iam:AttachGroupPolicy',
  'iam:PutGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:PutRolePolicy',
  'iam:CreatePolicyVersion',
  'iam:AddUserToGroup',
]);

export interface CapabilityInput {
  caller: AwsCaller;
  /** The IAM ARN whose policies apply (the role behind an assumed-role session). */
  principalArn: string;
  scope: ArnScope;
  policies: PolicySet;
  targets: EvaluationTarget[];
}

export interface Capabilities {
  grants: Grant[];
  protections: Protection[];
  unknowns: Unknown[];
}

interface Probe {
  // The policy resource pattern this probe stands for ('*' = any resource of the kind).
  pattern: string;
  arn: string;
  self?: boolean;
}

// A key policy that hands authority to IAM, as the default key policy does: KMS checks both.
function defaultKeyPolicy(scope: ArnScope): ResourcePolicyInput {
  return {
    label: 'key policy (assumed default: delegates to IAM)',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Enable IAM User Permissions',
          Effect: 'Allow',
          Principal: { AWS: `arn:${scope.partition}:iam::${scope.account}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    },
  };
}

/**
 * What the principal's policies allow and deny for every operation that matters, evaluated
 * locally by the simulator: once against "any resource of the kind" and against each resource
 * pattern the policies name (so wildcard grants show up for resources the key cannot list),
 * then against every inventoried resource with its resource policy.
 */
export async function evaluateCapabilities(input: CapabilityInput): Promise<Capabilities> {
  const { simulator, unknowns } = await PrincipalSimulator.create(input.caller, input.principalArn, input.policies);
  const run = new CapabilityRun(input, simulator);
  for (const spec of OPERATIONS) await run.operation(spec);
  for (const target of input.targets) for (const spec of operationsFor(target.target)) await run.onResource(spec, target);
  return { grants: run.findings.grants, protections: run.findings.protections, unknowns: [...unknowns, ...run.findings.unknowns] };
}

class CapabilityRun {
  readonly findings = new Findings();
  readonly #patterns: string[];
  readonly #variables: Record<string, string>;

  constructor(
    readonly input: CapabilityInput,
    readonly simulator: PrincipalSimulator,
  ) {
    const docs = [...input.policies.identity, ...(input.policies.boundary ? [input.policies.boundary] : [])];
    const patterns = new Set<string>();
    for (const doc of docs) for (const statement of statementsOf(doc.document)) for (const r of asList(statement.Resource)) if (r !== '*') patterns.add(r);
    this.#patterns = [...patterns];
    const { caller } = input;
    this.#variables = {
      'aws:userid': caller.userId,
      'aws:principalaccount': caller.account,
      'aws:principalarn': input.principalArn,
      ...(caller.kind === 'user' && caller.name ? { 'aws:username': caller.name } : {}),
    };
  }

  async operation(spec: OperationSpec): Promise<void> {
    const { scope } = this.input;
    const probes: Probe[] = [{ pattern: '*', arn: probeArn(spec.target, scope) }];
    for (const pattern of this.#patterns) {
      const arn = concretize(pattern, spec.target, scope, this.#variables);
      if (arn && !probes.some((p) => p.arn === arn)) probes.push({ pattern, arn });
    }
    const self = this.#selfArn(spec);
    if (self) probes.push({ pattern: self, arn: self, self: true });
    const resourcePolicy = spec.target === 'kms-key' ? defaultKeyPolicy(scope) : undefined;
    const outcomes = await Promise.all(probes.map((p) => this.simulator.evaluate(spec.operation, p.arn, resourcePolicy)));
    const broad = outcomes[0]?.result === 'Allowed' ? evidenceOf(outcomes[0], resourcePolicy) : undefined;
    const anyAllowed = outcomes.some((o) => o?.result === 'Allowed');
    for (const [i, probe] of probes.entries()) {
      const outcome = outcomes[i];
      if (!outcome) continue;
      const resource = probe.self ? probe.arn : canonicalPattern(spec.target, probe.pattern, scope);
      if (outcome.result === 'Allowed') {
        const evidence = evidenceOf(outcome, resourcePolicy);
        if (i > 0 && broad !== undefined && (probe.self || evidence === broad)) continue;
        this.#grantOnPattern(spec, probe, resource, evidence);
      } else if (probe.self && outcomes[0]?.result !== 'Allowed') {
      } else if (outcome.result === 'ExplicitlyDenied' || (outcome.blockedBy.length > 0 && (!anyAllowed || probe.pattern !== '*'))) {
        this.#protect(outcome, spec.operation, resource, resourcePolicy);
      } else if (outcome.blockedBy.length === 0 && this.simulator.hasConditions) {
        const conditional = await this.simulator.conditionalAllow(spec.operation, probe.arn, resourcePolicy);
        if (conditional)
          this.findings.addConditional(spec.operation, resource, `${conditional.condition} (${evidenceOf(conditional.outcome, resourcePolicy)})`);
      }
    }
  }

  async onResource(spec: OperationSpec, target: EvaluationTarget): Promise<void> {
    const resourcePolicy = target.resourcePolicy ? { label: target.resourcePolicy.label, document: target.resourcePolicy.document } : undefined;
    const outcome = await this.simulator.evaluate(spec.operation, target.arn, resourcePolicy);
    if (!outcome) return;
    if (outcome.result === 'Allowed') {
      const evidence = evidenceOf(outcome, resourcePolicy);
      // The same statement already granted it on a pattern that covers this resource.
      if (this.findings.hasGrant(spec.operation, evidence)) return;
      this.findings.addGrant({ action: spec.action, resource: target.resourceId, evidence, operation: spec.operation, principal: this.input.caller.arn });
      return;
    }
    this.#protect(outcome, spec.operation, target.resourceId, resourcePolicy, target.resourcePolicy?.removableBy);
  }

  #grantOnPattern(spec: OperationSpec, probe: Probe, resource: string, evidence: string): void {
    const { scope, caller } = this.input;
    let action = spec.action;
    let grantResource = resource;
    let grantEvidence = evidence;
    const objectKeys = spec.target === 's3-object' ? /^arn:[^:]*:s3:::[^/]*\/(.+)$/.exec(probe.pattern)?.[1] : undefined;
    if (objectKeys && objectKeys !== '*') grantEvidence = `${evidence} (objects ${objectKeys} only)`;
    if (probe.self) {
      action = spec.selfAction ?? spec.action;
      // Granting itself more is authority over the whole account, not over one user.
      if (action === 'admin') grantResource = wildcardResource(spec.target, scope);
      grantEvidence = `${evidence} (on itself)`;
    }
    this.findings.addGrant({ action, resource: grantResource, evidence: grantEvidence, operation: spec.operation, principal: caller.arn });
    if (action === 'admin' && GRANTS_PERMISSIONS.has(spec.operation)) this.#escalation(spec, probe, resource, evidence);
  }

  /**
   * Attaching or writing a policy is authority over every resource of the account, not over IAM
   * alone: on itself it is proven (it can give itself any permission); on other principals it is
   * possible (whether it can then act as one of them is not evaluated).
   */
  #escalation(spec: OperationSpec, probe: Probe, resource: string, evidence: string): void {
    const { scope, caller } = this.input;
    const account = [`arn:${scope.partition}:*:*:${scope.account}:*`, `arn:${scope.partition}:s3:::*`];
    if (probe.self) {
      for (const target of account)
        this.findings.addGrant({
          action: 'admin',
          resource: target,
          evidence: `can grant itself any permission: ${spec.operation} on itself (${evidence})`,
          operation: spec.operation,
          principal: caller.arn,
        });
      return;
    }
    this.findings.addUnknown({
      what: `whether ${spec.operation} on ${resource} lets this key grant itself any permission`,
      reason: `${evidence} allows changing the permissions of other principals; whether this key can then act as one of them (their keys, a role it may assume) is not evaluated`,
      upTo: 'admin',
      resources: account,
      settle: `deny ${spec.operation} to ${caller.arn}, or scope it to principals this key cannot act as`,
    });
  }

  #protect(
    outcome: SimOutcome,
    operation: string,
    resource: string,
    resourcePolicy: ResourcePolicyInput | undefined,
    resourceRemovableBy: string[] = [],
  ): void {
    const { caller } = this.input;
    for (const denial of outcome.denials) {
      if (denial.denialType === 'Explicit') {
        const ref = statementRef(denial.policyIdentifier ?? resourcePolicy?.label ?? 'resource policy', denial.statementId, denial.statementIndex);
        if (denial.policyType === 'identity' || denial.policyType === 'pb') {
          const doc = denial.policyIdentifier ? this.simulator.policy(denial.policyIdentifier) : undefined;
          const boundary = denial.policyType === 'pb';
          this.findings.addProtection({
            kind: boundary ? 'permission-boundary' : 'explicit-deny',
            resource,
            blocks: [operation],
            description: `Deny in ${boundary ? 'permissions boundary ' : ''}${ref}${conditionNote(doc?.document, denial.statementIndex)}`,
            removableBy: doc ? removableBy(doc.source, caller) : [],
          });
        } else if (denial.policyType === 'resource') {
          this.findings.addProtection({
            kind: 'resource-policy',
            resource,
            blocks: [operation],
            description: `Deny in ${ref}`,
            removableBy: resourceRemovableBy,
          });
        }
      } else if (denial.blocking && denial.policyType === 'pb' && this.simulator.boundary) {
        this.findings.addProtection({
          kind: 'permission-boundary',
          resource,
          blocks: [operation],
          description: `permissions boundary ${this.simulator.boundary.name} does not allow it`,
          removableBy: removableBy(this.simulator.boundary.source, caller),
        });
      } else if (denial.blocking && denial.policyType === 'resource' && resourcePolicy) {
        this.findings.addProtection({
          kind: 'resource-policy',
          resource,
          blocks: [operation],
          description: `${resourcePolicy.label} does not allow it`,
          removableBy: resourceRemovableBy,
        });
      }
    }
  }

  #selfArn(spec: OperationSpec): string | undefined {
    const { caller, principalArn } = this.input;
    if (spec.target === 'iam-user' && caller.kind === 'user') return principalArn;
    if (spec.target === 'iam-role' && caller.kind === 'assumed-role') return principalArn;
    return undefined;
  }
}

// `<policy> / <Sid or statement #n>` of every statement that allowed the request, and the
// permissions-boundary statement that let it through, if any.
function evidenceOf(outcome: SimOutcome, resourcePolicy: ResourcePolicyInput | undefined): string {
  const refs = outcome.grants.flatMap((grant) => {
    if (grant.policyType === 'identity') return [statementRef(grant.policyIdentifier, grant.statementId, grant.statementIndex)];
    if (grant.policyType === 'resource') return [resourcePolicyEvidence(resourcePolicy?.label, grant.statementId, grant.statementIndex)];
    return [];
  });
  const boundary = outcome.grants.flatMap((grant) =>
    grant.policyType === 'pb' ? [statementRef(grant.policyIdentifier, grant.statementId, grant.statementIndex)] : [],
  );
  const allowed = [...new Set(refs)].join('; ') || 'policy simulation';
  return boundary.length ? `${allowed} (within permissions boundary ${[...new Set(boundary)].join('; ')})` : allowed;
}

function conditionNote(document: { Statement?: unknown } | undefined, index: number): string {
  const statement = document ? statementsOf(document)[index - 1] : undefined;
  if (!statement?.Condition) return '';
  return ` (conditional: ${JSON.stringify(statement.Condition)})`;
}

function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
