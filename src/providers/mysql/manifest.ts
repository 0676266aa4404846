// The mysql provider (MySQL and MariaDB): what blastradius knows about it without a network call.
// API docs: https://dev.mysql.com/doc/refman/8.4/en/ and https://mariadb.com/kb/en/documentation/
import type { RecommendInput } from '../../assess/types.js';
import { CA_FILE_ENV } from '../db-tls.js';
import { PRIVATE_HOSTS_ENV } from '../reach.js';
import type { ProviderManifest } from '../types.js';
import { CONNECT_OVERRIDE_ENV } from './url.js';

/** Least privilege in MySQL/MariaDB: no global or GRANT privileges for the application, no DROP/ALTER on its data. */
function recommendMysql(input: RecommendInput): string[] {
  const out: string[] = [];
  if (input.paths.some((p) => p.action === 'admin'))
    out.push(
      'Give the application an account without ALL PRIVILEGES, SUPER, GRANT OPTION or rights on the mysql schema; keep administrator credentials out of the workspace.',
    );
  if (input.production === 'destroy')
    out.push(
      'Grant the application account only SELECT, INSERT and UPDATE on its own schema (GRANT … ON app.*); DROP, ALTER and DELETE belong to a migration account that is not in the workspace.',
    );
  return out;
}

const manifest: ProviderManifest = {
  id: 'mysql',
  docsUrl: 'https://dev.mysql.com/doc/refman/8.4/en/',
  rules: ['mysql.connection-url'],
  load: () => import('./index.js'),
  resourceKinds: { 'mysql-database': {} },
  recommend: recommendMysql,
  endpointEnv: [CONNECT_OVERRIDE_ENV, PRIVATE_HOSTS_ENV, CA_FILE_ENV],
  ciSecretNames: /MYSQL|MARIADB/i,
};

export default manifest;
