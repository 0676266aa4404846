import {
  GetGroupPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  type IAMClient,
  paginateListAttachedGroupPolicies,
  paginateListAttachedRolePolicies,
  paginateListAttachedUserPolicies,
  paginateListGroupPolicies,
  paginateListGroupsForUser,
  paginateListRolePolicies,
  paginateListUserPolicies,
} from '@aws-sdk/client-iam';
import type { Unknown } from '../../core/types.js';
import { attempt, isDenied, type AwsOutcome } from './errors.js';
import { accountPatterns } from './partition.js';
import type { AwsCaller, PolicyDoc, PolicySet, PolicySource } from './types.js';
import { collectPages, mapLimit, parsePolicyDocument } from './util.js';

const IAM_CONCURRENCY = 4;

// Reads policies of one principal with one IAM client; collects what could not be read.
class PolicyReader {
  readonly docs: PolicyDoc[] = [];
  readonly unknowns: Unknown[] = [];
  readonly notes: string[] = [];
  // Short `<call> (<code>)` of every list call that failed.
  readonly listFailures: string[] = [];
  /** IAM operations (`iam:ListUserPolicies`) that answered AccessDenied: what would settle the unknowns. */
  readonly deniedReads: string[] = [];
  readonly #names = new Set<string>();
  readonly #managedSeen = new Set<string>();

  constructor(
    readonly iam: IAMClient,
    readonly secrets: readonly string[],
    readonly caller: AwsCaller,
    /** The IAM ARN whose policies are read (the role behind an assumed-role session). */
    readonly principalArn: string,
  ) {}

  /**
   * A policy that could not be read may grant anything the account holds: up to admin over the
   * account's ARNs. Settled by the exact read that failed, or by the audit profile.
   */
  hidden(what: string, reason: string, failedRead: string): Unknown {
    return {
      what,
      reason,
      upTo: 'admin',
      resources: accountPatterns(this.caller.partition, this.caller.account),
      settle: `re-run with --aws-audit-profile NAME, or allow ${failedRead} for ${this.principalArn}`,
    };
  }

  call<T>(what: string, fn: () => Promise<T>): Promise<AwsOutcome<T>> {
    return attempt(what, this.secrets, fn);
  }

  // A failed list becomes an unknown: the grants may be incomplete, never silently narrower.
  async list<P, T>(what: string, pages: () => AsyncIterable<P>, pick: (page: P) => T[] | undefined): Promise<T[] | undefined> {
    const outcome = await this.call(what, () => collectPages(pages(), pick));
    if (!outcome.ok) {
      this.listFailures.push(isDenied(outcome) ? outcome.summary : outcome.reason);
      const operation = what.split(' ')[0];
      if (isDenied(outcome)) this.deniedReads.push(operation);
      this.unknowns.push(this.hidden(`policies behind ${what}`, `${outcome.summary}: grants below may be incomplete`, operation));
      return undefined;
    }
    if (outcome.data.truncated) this.notes.push(`${what}: stopped after 20 pages; grants below may be incomplete`);
    return outcome.data.items;
  }

  add(name: string, text: string | undefined, source: PolicySource): PolicyDoc | undefined {
    const document = text ? parsePolicyDocument(text) : undefined;
    if (!document) {
      this.unknowns.push({
        ...this.hidden(
          `policy ${name}`,
          'its document could not be parsed; grants below may be incomplete',
          'nothing: the document was read but not understood',
        ),
        settle: 'read the policy document by hand',
      });
      return undefined;
    }
    let unique = name;
    for (let n = 2; this.#names.has(unique); n++) unique = `${name} #${n}`;
    this.#names.add(unique);
    return { name: unique, document, source };
  }

  addInline(name: string, text: string | undefined, source: PolicySource): void {
    const doc = this.add(name, text, source);
    if (doc) this.docs.push(doc);
  }

  // GetPolicy + GetPolicyVersion: the default version is the one in force.
  async readManaged(arn: string, label: string, source: PolicySource): Promise<PolicyDoc | undefined> {
    const policy = await this.call(`iam:GetPolicy ${arn}`, () => this.iam.send(new GetPolicyCommand({ PolicyArn: arn })));
    const versionId = policy.ok ? policy.data.Policy?.DefaultVersionId : undefined;
    if (!policy.ok || !versionId) {
      this.unknowns.push(
        this.hidden(`managed policy ${arn}`, `${policy.ok ? 'no default version' : policy.summary}: grants below may be incomplete`, `iam:GetPolicy on ${arn}`),
      );
      return undefined;
    }
    const version = await this.call(`iam:GetPolicyVersion ${arn}`, () => this.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId })));
    if (!version.ok) {
      this.unknowns.push(this.hidden(`managed policy ${arn}`, `${version.summary}: grants below may be incomplete`, `iam:GetPolicyVersion on ${arn}`));
      return undefined;
    }
    return this.add(label, version.data.PolicyVersion?.Document, source);
  }

  async addManaged(attached: { PolicyArn?: string; PolicyName?: string }[], source: (arn: string) => PolicySource, suffix = ''): Promise<void> {
    const fresh = attached.filter((a) => a.PolicyArn && !this.#managedSeen.has(a.PolicyArn));
    for (const a of fresh) this.#managedSeen.add(a.PolicyArn!);
    const docs = await mapLimit(fresh, IAM_CONCURRENCY, (a) => this.readManaged(a.PolicyArn!, `${a.PolicyName ?? a.PolicyArn}${suffix}`, source(a.PolicyArn!)));
    for (const doc of docs) if (doc) this.docs.push(doc);
  }
}

/**
 * The principal's effective policies through IAM READ calls: attached, inline and group
 * policies of a user (or the role behind an assumed-role session) and its permissions boundary.
 * `readable: false` when the principal's own policy lists are denied: capability is then unknown.
 */
export async function readPolicies(
  caller: AwsCaller,
  iam: IAMClient,
  secrets: readonly string[],
  principalArn: string,
): Promise<PolicySet & { principalArn?: string; unreadableBecause?: string; deniedReads: string[] }> {
  const reader = new PolicyReader(iam, secrets, caller, principalArn);
  const result = caller.kind === 'user' ? await readUser(reader, caller.name!) : await readRole(reader, caller.name!);
  if (!result.readable) {
    // One answer instead of a list of failed calls: the capability as a whole is unknown.
    return { ...result, identity: [], unknowns: [], notes: reader.notes, unreadableBecause: reader.listFailures.join('; '), deniedReads: reader.deniedReads };
  }
  return { ...result, identity: reader.docs, unknowns: reader.unknowns, notes: reader.notes, deniedReads: reader.deniedReads };
}

type PrincipalRead = Omit<PolicySet, 'identity' | 'unknowns' | 'notes'> & { principalArn?: string };

async function readUser(reader: PolicyReader, userName: string): Promise<PrincipalRead> {
  const { iam } = reader;
  const [user, attached, inline, groups] = await Promise.all([
    reader.call('iam:GetUser', () => iam.send(new GetUserCommand({ UserName: userName }))),
    reader.list(
      'iam:ListAttachedUserPolicies',
      () => paginateListAttachedUserPolicies({ client: iam }, { UserName: userName }),
      (p) => p.AttachedPolicies,
    ),
    reader.list(
      'iam:ListUserPolicies',
      () => paginateListUserPolicies({ client: iam }, { UserName: userName }),
      (p) => p.PolicyNames,
    ),
    reader.list(
      'iam:ListGroupsForUser',
      () => paginateListGroupsForUser({ client: iam }, { UserName: userName }),
      (p) => p.Groups,
    ),
  ]);
  if (!attached && !inline) return { readable: false };
  await reader.addManaged(attached ?? [], (arn) => ({ kind: 'user-managed', arn }));
  await mapLimit(inline ?? [], IAM_CONCURRENCY, async (name) => {
    const got = await reader.call(`iam:GetUserPolicy ${name}`, () => iam.send(new GetUserPolicyCommand({ UserName: userName, PolicyName: name })));
    if (got.ok) reader.addInline(name, got.data.PolicyDocument, { kind: 'user-inline' });
    else reader.unknowns.push(reader.hidden(`inline policy ${name}`, `${got.summary}: grants below may be incomplete`, `iam:GetUserPolicy on ${name}`));
  });
  for (const group of groups ?? []) if (group.GroupName) await readGroup(reader, group.GroupName);
  const boundary = await readBoundary(reader, user, user.ok ? user.data.User?.PermissionsBoundary?.PermissionsBoundaryArn : undefined, 'iam:GetUser');
  return { readable: true, boundary, principalArn: user.ok ? user.data.User?.Arn : undefined };
}

async function readGroup(reader: PolicyReader, group: string): Promise<void> {
  const { iam } = reader;
  const [attached, inline] = await Promise.all([
    reader.list(
      `iam:ListAttachedGroupPolicies ${group}`,
      () => paginateListAttachedGroupPolicies({ client: iam }, { GroupName: group }),
      (p) => p.AttachedPolicies,
    ),
    reader.list(
      `iam:ListGroupPolicies ${group}`,
      () => paginateListGroupPolicies({ client: iam }, { GroupName: group }),
      (p) => p.PolicyNames,
    ),
  ]);
  await reader.addManaged(attached ?? [], (arn) => ({ kind: 'group-managed', group, arn }), ` (group ${group})`);
  await mapLimit(inline ?? [], IAM_CONCURRENCY, async (name) => {
    const got = await reader.call(`iam:GetGroupPolicy ${group}/${name}`, () => iam.send(new GetGroupPolicyCommand({ GroupName: group, PolicyName: name })));
    if (got.ok) reader.addInline(`${name} (group ${group})`, got.data.PolicyDocument, { kind: 'group-inline', group });
    else
      reader.unknowns.push(
        reader.hidden(`inline policy ${name} of group ${group}`, `${got.summary}: grants below may be incomplete`, `iam:GetGroupPolicy on ${group}/${name}`),
      );
  });
}

async function readRole(reader: PolicyReader, roleName: string): Promise<PrincipalRead> {
  const { iam } = reader;
  const [role, attached, inline] = await Promise.all([
    reader.call('iam:GetRole', () => iam.send(new GetRoleCommand({ RoleName: roleName }))),
    reader.list(
      'iam:ListAttachedRolePolicies',
      () => paginateListAttachedRolePolicies({ client: iam }, { RoleName: roleName }),
      (p) => p.AttachedPolicies,
    ),
    reader.list(
      'iam:ListRolePolicies',
      () => paginateListRolePolicies({ client: iam }, { RoleName: roleName }),
      (p) => p.PolicyNames,
    ),
  ]);
  if (!attached && !inline) return { readable: false };
  await reader.addManaged(attached ?? [], (arn) => ({ kind: 'role-managed', arn }));
  await mapLimit(inline ?? [], IAM_CONCURRENCY, async (name) => {
    const got = await reader.call(`iam:GetRolePolicy ${name}`, () => iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name })));
    if (got.ok) reader.addInline(name, got.data.PolicyDocument, { kind: 'role-inline' });
    else reader.unknowns.push(reader.hidden(`inline policy ${name}`, `${got.summary}: grants below may be incomplete`, `iam:GetRolePolicy on ${name}`));
  });
  const boundary = await readBoundary(reader, role, role.ok ? role.data.Role?.PermissionsBoundary?.PermissionsBoundaryArn : undefined, 'iam:GetRole');
  return { readable: true, boundary, principalArn: role.ok ? role.data.Role?.Arn : undefined };
}

async function readBoundary(reader: PolicyReader, principal: AwsOutcome<unknown>, arn: string | undefined, call: string) {
  if (!principal.ok) {
    // A boundary only ever narrows: not knowing it cannot hide capability.
    reader.unknowns.push({
      what: 'permissions boundary',
      reason: `${principal.summary}: a boundary, if any, would narrow the grants below`,
      upTo: 'none',
      settle: `allow ${call} for ${reader.principalArn}, or re-run with --aws-audit-profile NAME`,
    });
    return undefined;
  }
  if (!arn) return undefined;
  const name = arn.split('/').pop() ?? arn;
  const doc = await reader.readManaged(arn, name, { kind: 'boundary', arn });
  if (!doc) {
    // The read failure is already an unknown (up to admin, from readManaged); a boundary only narrows.
    reader.notes.push(`${call}: permissions boundary ${arn} is set but could not be read`);
    const last = reader.unknowns[reader.unknowns.length - 1];
    if (last?.what === `managed policy ${arn}`)
      reader.unknowns[reader.unknowns.length - 1] = { what: `permissions boundary ${arn}`, reason: last.reason, upTo: 'none', settle: last.settle };
  }
  return doc;
}
