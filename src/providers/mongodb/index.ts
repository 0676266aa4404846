// MongoDB manual: https://www.mongodb.com/docs/manual/ — connectionStatus: https://www.mongodb.com/docs/manual/reference/command/connectionStatus/
// Privilege actions: https://www.mongodb.com/docs/manual/reference/privilege-actions/
// Driver: https://www.mongodb.com/docs/drivers/node/current/
import type { Token, VerificationResult } from '../../core/types.js';
import { verifyDatabaseUrl, type DatabaseFlow } from '../db-verify.js';
import { notReachable, systemNetwork, type NetworkDeps } from '../reach.js';
import { invalid, live, unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { describeAccess } from './access.js';
import manifest from './manifest.js';
import { mongoRoute } from './route.js';
import { readFacts } from './session.js';
import { clusterWildcard, parseMongoUrl, type MongoTarget } from './url.js';

const flow: DatabaseFlow<MongoTarget> = {
  id: 'mongodb',
  parse: parseMongoUrl,
  everything: clusterWildcard,
  identityHint: (target) => ({ principal: `${target.user}@${target.authSource} on ${target.server}`, type: 'mongodb-user', account: target.server }),
  route: mongoRoute,
  async run(target, route, ctx): Promise<VerificationResult> {
    const hint = flow.identityHint(target);
    const read = await readFacts(target, route, ctx);
    if (read.ok) return live(describeAccess(target, read.facts));
    const { kind, detail } = read.failure;
    if (kind === 'invalid') return invalid(detail, hint);
    if (kind === 'unreachable') return notReachable(detail, clusterWildcard(target), hint);
    return unknownError(detail, hint);
  },
};

/** Verification with a given resolver (tests pass one, so that no test sends a DNS query). */
export function verifyWith(token: Token, ctx: ProviderContext, net: NetworkDeps): Promise<VerificationResult> {
  return verifyDatabaseUrl(flow, token, ctx, net);
}

const mongodbProvider: Provider = {
  ...manifest,
  verify: (token, ctx) => verifyWith(token, ctx, systemNetwork),
};

export default mongodbProvider;
