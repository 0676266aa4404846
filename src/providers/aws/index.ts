// AWS API documentation: https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
// (identity), https://docs.aws.amazon.com/IAM/latest/APIReference/ (policy reads), and the S3, AWS Backup,
// RDS, DynamoDB and KMS API references for the inventory. Policies are evaluated locally with
// @cloud-copilot/iam-simulate; nothing here sends a request that changes anything.
import { IAMClient } from '@aws-sdk/client-iam';
import { fromIni } from '@aws-sdk/credential-providers';
import { scrub } from '../../core/secret.js';
import type { Identity, Token, Unknown, VerificationResult } from '../../core/types.js';
import { live, unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { evaluateCapabilities, type Capabilities } from './capabilities.js';
import { applyNeeds } from './combinations.js';
import { dryRunDeletes } from './dry-run.js';
import { governingArn } from './caller.js';
import { AwsSession } from './clients.js';
import { attempt } from './errors.js';
import { inventoryAll } from './inventory/index.js';
import { identify, unverified } from './identify.js';
import { accountIdFromKeyId, splitCredential } from './key-id.js';
import { accountPatterns, PUBLIC_PARTITIONS, regionFromSetting } from './partition.js';
import { READ_OPERATIONS } from './operations.js';
import { readPolicies } from './policies.js';
import { rootGrants } from './root.js';
import type { ArnScope } from './targets.js';
import { emptyInventory, type AwsCaller, type InventoryResult } from './types.js';
import manifest from './manifest.js';

export { accountIdFromKeyId } from './key-id.js';
export { ADMIN_OPERATIONS, DESTROY_OPERATIONS, READ_OPERATIONS, WRITE_OPERATIONS, operationClass } from './operations.js';

const aws: Provider = {
  ...manifest,
  async verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
    const credential = splitCredential(token.secret.reveal());
    if (!credential) return unknownError('not an ACCESS_KEY_ID:SECRET_ACCESS_KEY pair; nothing was sent');
    const sessionToken = token.extras?.sessionToken?.reveal();
    const offlineAccount = accountIdFromKeyId(credential.accessKeyId);
    // ASIA = temporary credentials from STS: AWS accepts them only with their session token, and a
    // request without it would come back InvalidClientTokenId, which would wrongly read "invalid".
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html
    if (credential.accessKeyId.startsWith('ASIA') && !sessionToken) {
      const identity: Identity = {
        principal: offlineAccount ? `unknown principal in account ${offlineAccount}` : 'unknown principal',
        type: 'aws-access-key',
        ...(offlineAccount ? { account: offlineAccount, accountSource: 'decoded from the access key id' } : {}),
      };
      return unverified(
        'session token not found near this temporary (ASIA) key; nothing was sent',
        identity,
        PUBLIC_PARTITIONS,
        'the session token issued with this key (aws_session_token / AWS_SESSION_TOKEN) within 5 lines of it',
      );
    }
    const secrets = [token.secret.reveal(), credential.secretAccessKey, ...(sessionToken ? [sessionToken] : [])];
    const scrubbedCtx: ProviderContext = { ...ctx, log: (message) => ctx.log(scrub(message, secrets)) };
    const session = new AwsSession(scrubbedCtx, { ...credential, ...(sessionToken ? { sessionToken } : {}) }, secrets);
    const hintedRegion = regionFromSetting(token.extras?.regionSetting?.reveal());
    try {
      return await verifyKey(session, offlineAccount, hintedRegion);
    } catch (error) {
      const identity = offlineIdentity(session, offlineAccount);
      return unknownError(
        scrub(`AWS verification failed unexpectedly: ${(error as Error)?.message ?? String(error)}`, secrets),
        identity,
        endpointNotes(session),
      );
    } finally {
      session.close();
    }
  },
};

export default aws;

async function verifyKey(session: AwsSession, offlineAccount: string | undefined, hintedRegion: string | undefined): Promise<VerificationResult> {
  const identified = await identify(session, hintedRegion, () => offlineIdentity(session, offlineAccount));
  if (!identified.ok) return { ...identified.result, notes: [...identified.result.notes, ...endpointNotes(session)] };
  const { caller } = identified;
  const scope: ArnScope = { partition: caller.partition, region: session.region, account: caller.account };
  const notes = [...identified.notes, `region evaluated: ${session.region} (S3 and IAM are global; other regions are covered only by wildcard grants)`];
  if (offlineAccount && offlineAccount !== caller.account) notes.push(`the key id encodes account ${offlineAccount}, STS says ${caller.account}`);

  // Inventory and policy reads are independent: run them side by side.
  const inventoryPending = inventoryAll({ session, scope }).catch((error: unknown) => ({
    ...emptyInventory(),
    notes: [scrub(`inventory failed: ${(error as Error)?.message ?? String(error)}`, session.secrets)],
  }));
  const unknowns: Unknown[] = [];
  let capabilities: Capabilities = { grants: [], protections: [], unknowns: [] };
  let principalArn = governingArn(caller);

  if (caller.kind === 'root') {
    capabilities.grants = rootGrants(caller.arn, scope);
    notes.push('root user: IAM policies do not apply to it; only organization SCPs (not readable here) could narrow it');
  } else if (caller.kind === 'user' || caller.kind === 'assumed-role') {
    const iam = await policyReadClient(session, notes);
    const policies = await readPolicies(caller, iam, session.secrets, principalArn);
    const inventory = await inventoryPending;
    unknowns.push(...policies.unknowns);
    notes.push(...policies.notes);
    if (policies.principalArn) principalArn = policies.principalArn;
    if (!policies.readable) {
      unknowns.push(cannotReadOwnPolicies(caller, principalArn, policies.unreadableBecause ?? 'no answer', policies.deniedReads, session.ctx.awsAuditProfile));
      capabilities.grants = observedGrants(caller, inventory);
      const probed = await dryRunDeletes(session, caller, inventory.resources);
      capabilities.grants.push(...probed.grants);
      notes.push(...probed.notes);
    } else {
      capabilities = await evaluateCapabilities({ caller, principalArn, scope, policies, targets: inventory.targets });
      notes.push('service control policies, resource control policies and session policies were not read: they can only narrow these grants');
    }
  } else {
    unknowns.push({
      what: 'everything this key can do',
      reason: `${caller.arn} is a ${caller.kind} principal whose session policies cannot be read`,
      upTo: 'admin',
      resources: accountPatterns(caller.partition, caller.account),
    });
    const inventory = await inventoryPending;
    capabilities.grants = observedGrants(caller, inventory);
    const probed = await dryRunDeletes(session, caller, inventory.resources);
    capabilities.grants.push(...probed.grants);
    notes.push(...probed.notes);
  }
  const inventory = await inventoryPending;
  const combined = applyNeeds(capabilities.grants, [...inventory.protections, ...capabilities.protections]);

  notes.push(...combined.notes, ...inventory.notes, ...endpointNotes(session));
  session.ctx.log(
    `aws: ${caller.arn}: ${combined.grants.length} grants, ${inventory.resources.length} resources, ${unknowns.length + capabilities.unknowns.length} unknowns`,
  );
  const endpoint = session.endpointSummary();
  const identity: Identity = {
    principal: caller.arn,
    type: caller.kind === 'user' ? 'iam-user' : caller.kind,
    account: caller.account,
    ...(caller.name ? { displayName: caller.name } : {}),
    userId: caller.userId,
    ...(caller.kind === 'assumed-role' ? { role: principalArn, session: caller.session } : {}),
    ...(endpoint ? { endpoint } : {}),
  };
  return live({
    identity,
    detail: `sts:GetCallerIdentity answered for ${caller.arn}`,
    grants: combined.grants,
    resources: inventory.resources,
    protections: combined.protections,
    unknowns: [...unknowns, ...capabilities.unknowns],
    notes,
  });
}

// The IAM client for policy reads: the auditor profile when one is configured (used for nothing
// else), otherwise the scanned key itself.
async function policyReadClient(session: AwsSession, notes: string[]): Promise<IAMClient> {
  const profile = session.ctx.awsAuditProfile;
  if (profile) {
    const { env } = session.ctx;
    const provider = fromIni({ profile, filepath: env.AWS_SHARED_CREDENTIALS_FILE, configFilepath: env.AWS_CONFIG_FILE, ignoreCache: true });
    const loaded = await attempt(`audit profile ${profile}`, session.secrets, () => provider());
    if (loaded.ok) {
      notes.push(`IAM policies read with the audit profile "${profile}"`);
      return session.track(new IAMClient(session.clientConfig('iam', loaded.data)));
    }
    notes.push(`audit profile "${profile}" could not be loaded (${loaded.reason}); IAM policies read with the key itself`);
  }
  return session.track(new IAMClient(session.clientConfig('iam')));
}

// Whatever the policies hold, it is within the account: up to admin over its ARNs (S3 bucket ARNs
// carry no account, hence their own pattern).
function cannotReadOwnPolicies(caller: AwsCaller, principalArn: string, why: string, deniedReads: string[], auditProfile: string | undefined): Unknown {
  const hint = auditProfile ? '' : ' Re-run with --aws-audit-profile NAME to read them with an auditor credential.';
  const fallback = caller.kind === 'assumed-role' ? 'iam:ListAttachedRolePolicies, iam:ListRolePolicies' : 'iam:ListAttachedUserPolicies, iam:ListUserPolicies';
  const reads = deniedReads.length ? deniedReads.join(', ') : fallback;
  return {
    what: 'everything this key can do',
    reason: `the IAM policies of ${caller.arn} could not be read (${why}): its capability is unknown, not none.${hint}`,
    upTo: 'admin',
    resources: accountPatterns(caller.partition, caller.account),
    settle: `${auditProfile ? 'fix the audit profile' : 're-run with --aws-audit-profile NAME'}, or allow ${reads} for ${principalArn}`,
  };
}

// Without policies, a list call that succeeded is the only proof of what the key can do.
function observedGrants(caller: AwsCaller, inventory: InventoryResult) {
  return inventory.observed
    .filter((o) => READ_OPERATIONS.includes(o.operation))
    .map((o) => ({
      action: 'read' as const,
      resource: o.resource,
      evidence: `observed: ${o.operation} succeeded`,
      operation: o.operation,
      principal: caller.arn,
    }));
}

function offlineIdentity(session: AwsSession, account: string | undefined): Identity {
  const endpoint = session.endpointSummary();
  return {
    principal: account ? `unknown principal in account ${account}` : 'unknown principal',
    type: 'aws-access-key',
    ...(account ? { account, accountSource: 'decoded from the access key id' } : {}),
    ...(endpoint ? { endpoint } : {}),
  };
}

function endpointNotes(session: AwsSession): string[] {
  return [...session.endpointsUsed].map((entry) => `non-default endpoint: ${entry.replace('=', ' at ')}`);
}
