import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeServer, type FakeResponse, type RecordedRequest } from '../../src/providers/fake-server.js';
import { fixtureJson } from '../helpers/provider.js';
import { cli, makeWorkspace } from '../helpers/workspace.js';
import { atlasFake } from './atlas-fake.js';

/**
 * The whole path for the platform providers: the rules find the credential in a workspace (the
 * Atlas public key travels beside the private key as a part), the provider asks its fake, and the
 * JSON report carries the verdict. Only GETs reach the fakes.
 */
const PROD = '6a1f0c2b3d4e5f6a7b8c9d01';
const STAG = '6a1f0c2b3d4e5f6a7b8c9d02';
const ATLAS_PUB = 'xpfmpifq';
const ATLAS_PRIV = '5c8a3e91-2b7d-4f6a-9e0c-1d3b5f7a9c2e';
const HEROKU = 'HRKU-57dce771-afad-4c41-a8a5-d10b7fbc743c';

function herokuRoutes(request: RecordedRequest): FakeResponse {
  if (request.headers.authorization !== `Bearer ${HEROKU}`) return fixtureJson<FakeResponse>('heroku', 'unauthorized.json');
  const name = { '/account': 'account', '/oauth/authorizations': 'authorizations', '/apps': 'apps', '/addons': 'addons' }[request.path];
  return name ? fixtureJson<FakeResponse>('heroku', `${name}.json`) : { status: 404, body: { id: 'not_found', message: 'Not found' } };
}

describe('platform providers through the CLI', () => {
  const servers: FakeServer[] = [];
  let dir: string;
  let cleanup: () => void;
  const env: NodeJS.ProcessEnv = {};

  beforeAll(async () => {
    const atlas = await new FakeServer(
      atlasFake({
        [ATLAS_PUB]: {
          privateKey: ATLAS_PRIV,
          routes: {
            '/api/atlas/v2': 'system-status-org-owner.json',
            '/api/atlas/v2/orgs': 'orgs.json',
            '/api/atlas/v2/groups': 'groups.json',
            [`/api/atlas/v2/groups/${PROD}/clusters`]: 'clusters-production.json',
            [`/api/atlas/v2/groups/${STAG}/clusters`]: 'clusters-staging.json',
            [`/api/atlas/v2/groups/${PROD}/clusters/prod-main/backup/schedule`]: 'schedule-prod-main.json',
            [`/api/atlas/v2/groups/${PROD}/clusters/prod-main/backup/snapshots`]: 'snapshots-prod-main.json',
          },
        },
      }).handler,
    ).start();
    const heroku = await new FakeServer(herokuRoutes).start();
    servers.push(atlas, heroku);
    env.BLASTRADIUS_ATLAS_API_URL = atlas.url;
    env.BLASTRADIUS_HEROKU_API_URL = heroku.url;
    ({ dir, cleanup } = makeWorkspace({
      '.env': `MONGODB_ATLAS_PUBLIC_KEY=${ATLAS_PUB}\nMONGODB_ATLAS_PRIVATE_KEY=${ATLAS_PRIV}\n\nHEROKU_API_KEY=${HEROKU}\n`,
    }));
    env.HOME = dir;
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    cleanup?.();
  });

  it('finds both credentials, verifies them read-only, and reports each production database with its backups as critical and shared', {
    timeout: 60_000,
  }, async () => {
    const result = await cli(['scan', '.', '--no-cache', '--format', 'json', '--timeout', '5s'], dir, env);
    const report = JSON.parse(result.stdout) as {
      tokens: { ruleId: string; verification: { status: string }; blastRadius: { severity: string; shared: boolean } }[];
    };
    const byRule = Object.fromEntries(report.tokens.map((t) => [t.ruleId, t]));
    expect(Object.keys(byRule).sort()).toEqual(['atlas.api-key', 'heroku.api-key']);
    for (const ruleId of ['atlas.api-key', 'heroku.api-key']) {
      expect(byRule[ruleId].verification.status, ruleId).toBe('live');
      expect(byRule[ruleId].blastRadius, ruleId).toMatchObject({ severity: 'critical', shared: true });
    }
    expect(result.stdout).not.toContain(ATLAS_PRIV);
    expect(result.stdout).not.toContain(HEROKU.slice(5));
    for (const server of servers) expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
