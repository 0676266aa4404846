import type { Identity, Unknown, VerificationResult } from '../../core/types.js';
import { invalid } from '../result.js';
import { getCaller } from './caller.js';
import type { AwsSession } from './clients.js';
import type { AwsFailure } from './errors.js';
import { accountPatterns, partitionOfRegion, PUBLIC_PARTITIONS, regionIn, type Partition } from './partition.js';
import type { AwsCaller } from './types.js';

export type Identified = { ok: true; caller: AwsCaller; partition: Partition; notes: string[] } | { ok: false; result: VerificationResult };

interface Asked {
  partition: Partition;
  region: string;
  failure: AwsFailure;
}

/**
 * sts:GetCallerIdentity in the partition the key belongs to. With a Region configured next to the
 * key, its partition is the one asked, and its answer is final. Without one, the partition of the
 * configured Region is asked first; only an InvalidClientTokenId there ("no such key here") sends
 * the same signed question to the other public partitions. The key is `invalid` only when every
 * partition asked said so; any partition that could not be asked leaves it `unverified`.
 * Only the key id and a signature travel: the secret never leaves this process (SigV4).
 */
export async function identify(session: AwsSession, hintedRegion: string | undefined, offlineIdentity: () => Identity): Promise<Identified> {
  const hinted = hintedRegion ? partitionOfRegion(hintedRegion) : undefined;
  if (hinted && !hinted.reachable) {
    return {
      ok: false,
      result: unverified(
        `the Region configured next to the key (${hintedRegion}) is in the isolated partition ${hinted.id}, not reachable from here; nothing was sent`,
        offlineIdentity(),
        [hinted],
      ),
    };
  }
  const first = partitionOfRegion(session.configuredRegion) ?? PUBLIC_PARTITIONS[0];
  const candidates = hinted ? [hinted] : [first, ...PUBLIC_PARTITIONS.filter((p) => p.id !== first.id)];
  const asked: Asked[] = [];
  for (const partition of candidates) {
    const region = regionIn(partition, session.configuredRegion, hintedRegion);
    session.useRegion(region);
    const called = await getCaller(session);
    if (called.ok) {
      const notes = asked.map(
        (a) =>
          `the ${a.partition.id} partition (asked in ${a.region}) ${a.failure.code === 'InvalidClientTokenId' ? 'answered InvalidClientTokenId' : `could not be asked (${a.failure.reason})`}; the key belongs to ${partition.id}`,
      );
      return { ok: true, caller: called.data, partition, notes };
    }
    session.ctx.log(`aws: ${called.reason}`);
    const unknownHere = called.kind === 'invalid' && called.code === 'InvalidClientTokenId';
    // Any other rejection (wrong secret, expired token) comes from a partition that knows the key id.
    if (called.kind === 'invalid' && !unknownHere) return { ok: false, result: invalid(`AWS rejected the key: ${called.reason}`, offlineIdentity()) };
    // The first partition did not answer at all: nothing is known, as before any fallback.
    if (!unknownHere && asked.length === 0) return { ok: false, result: errorResult(called.reason, offlineIdentity(), candidates) };
    asked.push({ partition, region, failure: called });
  }
  const notAnswered = asked.filter((a) => a.failure.code !== 'InvalidClientTokenId');
  const said = asked.map((a) => `${a.partition.id} (${a.failure.code})`).join(', ');
  if (notAnswered.length === 0) {
    const scope = hinted ? `in ${hinted.id}, the partition of the Region configured next to it (${hintedRegion})` : 'in every partition it could belong to';
    return { ok: false, result: invalid(`AWS rejected the key ${scope}: ${said}`, offlineIdentity()) };
  }
  const rejected = asked.filter((a) => a.failure.code === 'InvalidClientTokenId').map((a) => a.partition.id);
  const open = notAnswered.map((a) => `${a.partition.id} (${a.failure.reason})`).join('; ');
  return {
    ok: false,
    result: unverified(
      `unknown to ${rejected.join(', ')}, but ${open} could not be asked: not proven invalid`,
      offlineIdentity(),
      notAnswered.map((a) => a.partition),
    ),
  };
}

/** A key never sent: status `unverified`, capability unknown (up to admin of its account). */
export function unverified(detail: string, identity: Identity, partitions: readonly Partition[], settle?: string): VerificationResult {
  return {
    status: 'unverified',
    detail,
    identity,
    grants: [],
    resources: [],
    protections: [],
    unknowns: [keyUnknown(detail, identity, partitions, settle)],
    notes: [],
  };
}

/** STS did not answer (timeout, 5xx, network): status `error`, capability unknown. */
function errorResult(detail: string, identity: Identity, partitions: readonly Partition[]): VerificationResult {
  return { ...unverified(detail, identity, partitions, 're-run when AWS STS answers'), status: 'error' };
}

// A key whose principal is unknown could be anything up to the account's root: admin over the
// account's ARNs, in each partition it may belong to (the whole of AWS when the account is unknown).
function keyUnknown(reason: string, identity: Identity, partitions: readonly Partition[], settle?: string): Unknown {
  const account = typeof identity.account === 'string' ? identity.account : undefined;
  return {
    what: 'everything this key can do',
    reason,
    upTo: 'admin',
    ...(account ? { resources: partitions.flatMap((p) => accountPatterns(p.id, account)) } : {}),
    ...(settle ? { settle } : {}),
  };
}
