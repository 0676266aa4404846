import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsSession } from './clients.js';
import { attempt, type AwsOutcome } from './errors.js';
import type { AwsCaller } from './types.js';

/** sts:GetCallerIdentity: needs no permission, so it answers for every working key. */
export async function getCaller(session: AwsSession): Promise<AwsOutcome<AwsCaller>> {
  const sts = session.track(new STSClient(session.clientConfig('sts')));
  const outcome = await attempt('sts:GetCallerIdentity', session.secrets, () => sts.send(new GetCallerIdentityCommand({})));
  if (!outcome.ok) return outcome;
  const { Arn, Account, UserId } = outcome.data;
  if (!Arn || !Account) {
    return {
      ok: false,
      kind: 'error',
      code: 'MalformedResponse',
      reason: 'sts:GetCallerIdentity: response without Arn or Account',
      summary: 'sts:GetCallerIdentity (MalformedResponse)',
    };
  }
  return { ok: true, data: parseCallerArn(Arn, Account, UserId ?? '') };
}

/** Reads the principal kind and name out of a caller ARN. */
export function parseCallerArn(arn: string, account: string, userId: string): AwsCaller {
  const [, partition = 'aws', service = '', , , resource = ''] = arn.split(':');
  const base = { arn, account, userId, partition };
  if (service === 'iam' && resource === 'root') return { ...base, kind: 'root' };
  if (service === 'iam' && resource.startsWith('user/')) return { ...base, kind: 'user', name: resource.split('/').pop() };
  if (service === 'sts' && resource.startsWith('assumed-role/')) {
    const [, role, session] = resource.split('/');
    return { ...base, kind: 'assumed-role', name: role, session };
  }
  if (service === 'sts' && resource.startsWith('federated-user/')) return { ...base, kind: 'federated-user', name: resource.slice('federated-user/'.length) };
  return { ...base, kind: 'other' };
}

/** The IAM ARN whose policies govern the caller (the role behind an assumed-role session). */
export function governingArn(caller: AwsCaller): string {
  if (caller.kind === 'assumed-role') return `arn:${caller.partition}:iam::${caller.account}:role/${caller.name}`;
  return caller.arn;
}
