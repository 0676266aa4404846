import {
  getDenialReasons,
  getGrantReasons,
  runSimulation,
  type AllowedConditionExpression,
  type RequestAnalysis,
  type RequestDenial,
  type RequestGrant,
  type Simulation,
} from '@cloud-copilot/iam-simulate';
import type { Unknown } from '../../core/types.js';
import type { AwsCaller, PolicyDoc, PolicySet } from './types.js';
import { statementsOf } from './util.js';

/** One simulated request, normalised. */
export interface SimOutcome {
  result: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied' | 'NotApplicable';
  grants: RequestGrant[];
  denials: RequestDenial[];
  blockedBy: string[];
}

export interface ResourcePolicyInput {
  label: string;
  document: Record<string, unknown>;
}

/**
 * Evaluates requests of one principal locally with @cloud-copilot/iam-simulate (no AWS call).
 * Strict mode with the request context a holder of this key would have; Discovery mode only to
 * find allows that hinge on context we do not know (source IP, VPC, tags…).
 */
export class PrincipalSimulator {
  readonly #cache = new Map<string, Promise<SimOutcome>>();
  readonly #baseContext: Record<string, string>;

  private constructor(
    readonly caller: AwsCaller,
    readonly principalArn: string,
    readonly identity: PolicyDoc[],
    readonly boundary: PolicyDoc | undefined,
  ) {
    this.#baseContext = requestContext(caller, principalArn);
  }

  /** Drops policies the simulator cannot parse (each becomes an unknown) so one bad document cannot silence the rest. */
  static async create(caller: AwsCaller, principalArn: string, policies: PolicySet): Promise<{ simulator: PrincipalSimulator; unknowns: Unknown[] }> {
    const unknowns: Unknown[] = [];
    let identity = policies.identity;
    let boundary = policies.boundary;
    const probe = await runSimulation(simulation(caller.arn, caller.account, 'sts:GetCallerIdentity', '*', {}, identity, boundary, undefined), {});
    if (probe.resultType === 'error') {
      const bad = new Set(Object.keys(probe.errors.identityPolicyErrors ?? {}));
      // A policy left out may have granted anything in the account; a boundary left out only widens.
      const account = [`arn:${caller.partition}:*:*:${caller.account}:*`, `arn:${caller.partition}:s3:::*`];
      for (const name of bad) {
        unknowns.push({
          what: `policy ${name}`,
          reason: `not understood by the policy simulator (${firstError(probe.errors.identityPolicyErrors?.[name])}); left out, grants may be wrong`,
          upTo: 'admin',
          resources: account,
          settle: `read policy ${name} by hand`,
        });
      }
      identity = identity.filter((doc) => !bad.has(doc.name));
      if (boundary && probe.errors.permissionBoundaryErrors?.[boundary.name]) {
        unknowns.push({
          what: `permissions boundary ${boundary.name}`,
          reason: 'not understood by the policy simulator; left out, grants may be broader than real',
          upTo: 'none',
        });
        boundary = undefined;
      }
    }
    return { simulator: new PrincipalSimulator(caller, principalArn, identity, boundary), unknowns };
  }

  policy(name: string): PolicyDoc | undefined {
    return this.boundary?.name === name ? this.boundary : this.identity.find((doc) => doc.name === name);
  }

  /** Strict evaluation; undefined when the action does not apply to this ARN (wrong resource type). */
  evaluate(action: string, arn: string, resourcePolicy?: ResourcePolicyInput): Promise<SimOutcome | undefined> {
    const key = `${action} ${arn} ${resourcePolicy?.label ?? ''} ${resourcePolicy ? JSON.stringify(resourcePolicy.document) : ''}`;
    let pending = this.#cache.get(key);
    if (!pending) {
      pending = this.#run(action, arn, resourcePolicy, 'Strict').then((analysis) => (analysis ? outcomeOf(analysis) : notApplicable()));
      this.#cache.set(key, pending);
    }
    return pending.then((outcome) => (outcome.result === 'NotApplicable' ? undefined : outcome));
  }

  /**
   * Discovery mode: when the request would be allowed if unknown context held, the condition as
   * text and the outcome (for its evidence); undefined when it never would be.
   */
  async conditionalAllow(action: string, arn: string, resourcePolicy?: ResourcePolicyInput): Promise<{ condition: string; outcome: SimOutcome } | undefined> {
    const analysis = await this.#run(action, arn, resourcePolicy, 'Discovery');
    if (analysis?.result !== 'Allowed') return undefined;
    const text = analysis.conditions ? describeCondition(analysis.conditions) : '';
    return { condition: text || 'conditions on the request context hold', outcome: outcomeOf(analysis) };
  }

  /** True when any statement has a Condition: only then can Discovery mode find more than Strict. */
  get hasConditions(): boolean {
    return [...this.identity, ...(this.boundary ? [this.boundary] : [])].some((doc) => statementsOf(doc.document).some((s) => s.Condition !== undefined));
  }

  async #run(action: string, arn: string, resourcePolicy: ResourcePolicyInput | undefined, mode: 'Strict' | 'Discovery'): Promise<RequestAnalysis | undefined> {
    const context = { ...this.#baseContext, 'aws:RequestedRegion': regionOf(arn) ?? this.#baseContext['aws:RequestedRegion'] };
    const response = await runSimulation(
      simulation(this.caller.arn, this.caller.account, action, arn, context, this.identity, this.boundary, resourcePolicy?.document),
      { simulationMode: mode },
    );
    if (response.resultType === 'single') return response.result.analysis;
    if (response.resultType === 'wildcard') return response.results[0]?.analysis;
    return undefined;
  }
}

function simulation(
  principal: string,
  account: string,
  action: string,
  resource: string,
  context: Record<string, string>,
  identity: PolicyDoc[],
  boundary: PolicyDoc | undefined,
  resourcePolicy: Record<string, unknown> | undefined,
): Simulation {
  return {
    request: { principal, action, resource: { resource, accountId: account }, contextVariables: context },
    identityPolicies: identity.map((doc) => ({ name: doc.name, policy: doc.document })),
    // Organization policies cannot be read with the key's own rights; they could only narrow (see notes).
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(boundary ? { permissionBoundaryPolicies: [{ name: boundary.name, policy: boundary.document }] } : {}),
    ...(resourcePolicy ? { resourcePolicy } : {}),
  };
}

// Global condition keys whose values a holder of this key would send (MFA is absent for access keys).
function requestContext(caller: AwsCaller, principalArn: string): Record<string, string> {
  const now = new Date();
  const principalType = { user: 'User', 'assumed-role': 'AssumedRole', root: 'Account', 'federated-user': 'FederatedUser', other: 'User' }[caller.kind];
  return {
    'aws:PrincipalArn': principalArn,
    'aws:PrincipalAccount': caller.account,
    'aws:PrincipalType': principalType,
    'aws:userid': caller.userId,
    ...(caller.kind === 'user' && caller.name ? { 'aws:username': caller.name } : {}),
    'aws:SecureTransport': 'true',
    'aws:CurrentTime': now.toISOString(),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    'aws:RequestedRegion': 'us-east-1',
    'aws:ViaAWSService': 'false',
    'aws:PrincipalIsAWSService': 'false',
  };
}

function regionOf(arn: string): string | undefined {
  const region = arn.split(':')[3];
  return region || undefined;
}

function outcomeOf(analysis: RequestAnalysis): SimOutcome {
  return {
    result: analysis.result,
    grants: analysis.result === 'Allowed' ? getGrantReasons(analysis) : [],
    denials: analysis.result === 'Allowed' ? [] : getDenialReasons(analysis),
    blockedBy: analysis.blockedBy ?? [],
  };
}

function notApplicable(): SimOutcome {
  return { result: 'NotApplicable', grants: [], denials: [], blockedBy: [] };
}

function firstError(errors: { message: string }[] | undefined): string {
  return errors?.[0]?.message ?? 'invalid policy';
}

/** A statement reference as evidence: `<policy name> / <Sid or statement #n>`. */
export function statementRef(policy: string, sid: string | undefined, index: number): string {
  return `${policy} / ${sid || `statement #${index}`}`;
}

/** Readable form of the conditions Discovery mode says an allow depends on. */
export function describeCondition(expression: AllowedConditionExpression): string {
  switch (expression.conditionType) {
    case 'always':
    case 'never':
      return '';
    case 'condition': {
      const text = `${expression.key} ${expression.op} ${expression.values.join('|')}`;
      return expression.inverted ? `not (${text})` : text;
    }
    case 'sessionName':
      return `role session name is ${expression.sessionName.join('|')}`;
    case 'group': {
      const parts = expression.conditions.map(describeCondition).filter(Boolean);
      return parts.length > 1 ? `(${parts.join(` ${expression.operator} `)})` : (parts[0] ?? '');
    }
  }
}
