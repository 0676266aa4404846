// MySQL reference manual: https://dev.mysql.com/doc/refman/8.4/en/ — MariaDB: https://mariadb.com/kb/en/documentation/
// SHOW GRANTS: https://dev.mysql.com/doc/refman/8.4/en/show-grants.html, https://mariadb.com/kb/en/show-grants/
// Privileges: https://dev.mysql.com/doc/refman/8.4/en/privileges-provided.html
// Driver: mysql2 (https://sidorares.github.io/node-mysql2/docs)
import type { Token, VerificationResult } from '../../core/types.js';
import { verifyDatabaseUrl, type DatabaseFlow } from '../db-verify.js';
import { notReachable, systemNetwork, type NetworkDeps } from '../reach.js';
import { invalid, live, unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { describeAccess } from './access.js';
import { readFacts } from './explore.js';
import manifest from './manifest.js';
import { withReadOnlySession } from './session.js';
import { parseMysqlUrl, serverWildcard, type MysqlTarget } from './url.js';

const flow: DatabaseFlow<MysqlTarget> = {
  id: 'mysql',
  parse: parseMysqlUrl,
  everything: serverWildcard,
  identityHint: (target) => ({ principal: `${target.user} on ${target.server}`, type: 'mysql-account', account: target.server }),
  async run(target, route, ctx): Promise<VerificationResult> {
    const hint = flow.identityHint(target);
    const session = await withReadOnlySession(target, route, ctx, (s, database) => readFacts(s, database));
    if (session.ok) return live(describeAccess(target, session.value));
    const { kind, detail } = session.failure;
    if (kind === 'invalid') return invalid(detail, hint);
    if (kind === 'unreachable') return notReachable(detail, serverWildcard(target), hint);
    if (kind === 'must-change-password') {
      return live({
        identity: hint,
        unknowns: [
          {
            what: 'everything this account can do',
            reason: detail,
            upTo: 'admin',
            resources: [serverWildcard(target)],
            settle: 'SHOW GRANTS, once the password is changed by its owner',
          },
        ],
        notes: ['the server accepted the password, which has expired: whoever holds it can set a new one and then use every privilege of the account'],
      });
    }
    return unknownError(detail, hint);
  },
};

/** Verification with a given resolver (tests pass one, so that no test sends a DNS query). */
export function verifyWith(token: Token, ctx: ProviderContext, net: NetworkDeps): Promise<VerificationResult> {
  return verifyDatabaseUrl(flow, token, ctx, net);
}

const mysqlProvider: Provider = {
  ...manifest,
  verify: (token, ctx) => verifyWith(token, ctx, systemNetwork),
};

export default mysqlProvider;
