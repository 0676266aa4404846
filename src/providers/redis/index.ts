// Redis documentation: https://redis.io/docs/latest/ — ACL: https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/
// ACL DRYRUN: https://redis.io/docs/latest/commands/acl-dryrun/ — persistence: https://redis.io/docs/latest/operate/oss_and_stack/management/persistence/
// Driver: node-redis (@redis/client), https://redis.io/docs/latest/develop/clients/nodejs/
import type { Token, VerificationResult } from '../../core/types.js';
import { verifyDatabaseUrl, type DatabaseFlow } from '../db-verify.js';
import { notReachable, systemNetwork, type NetworkDeps } from '../reach.js';
import { invalid, live, unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { describeAccess } from './access.js';
import { readFacts } from './explore.js';
import manifest from './manifest.js';
import { withSession } from './session.js';
import { parseRedisUrl, serverId, type RedisTarget } from './url.js';

const flow: DatabaseFlow<RedisTarget> = {
  id: 'redis',
  parse: parseRedisUrl,
  everything: serverId,
  identityHint: (target) => ({ principal: `${target.user ?? 'default'} on ${target.server}`, type: 'redis-user', account: target.server }),
  async run(target, route, ctx): Promise<VerificationResult> {
    const hint = flow.identityHint(target);
    const session = await withSession(target, route, ctx, (s) => readFacts(s, target.user));
    if (session.ok) return live(describeAccess(target, session.value, target.tls.mode === 'disabled'));
    const { kind, detail } = session.failure;
    if (kind === 'invalid') return invalid(detail, hint);
    if (kind === 'unreachable') return notReachable(detail, serverId(target), hint);
    return unknownError(detail, hint);
  },
};

/** Verification with a given resolver (tests pass one, so that no test sends a DNS query). */
export function verifyWith(token: Token, ctx: ProviderContext, net: NetworkDeps): Promise<VerificationResult> {
  return verifyDatabaseUrl(flow, token, ctx, net);
}

const redisProvider: Provider = {
  ...manifest,
  verify: (token, ctx) => verifyWith(token, ctx, systemNetwork),
};

export default redisProvider;
