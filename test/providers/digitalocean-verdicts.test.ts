import { afterEach, describe, expect, it } from 'vitest';
import { assessBlastRadius } from '../../src/assess/assess.js';
import { defaultConfig } from '../../src/config/config.js';
import type { VerificationResult } from '../../src/core/types.js';
import digitalocean from '../../src/providers/digitalocean/index.js';
import manifest from '../../src/providers/digitalocean/manifest.js';
import { OPERATIONS } from '../../src/providers/digitalocean/operations.js';
import { FakeServer, type FakeResponse } from '../../src/providers/fake-server.js';
import { fixtureJson, makeToken, testContext } from '../helpers/provider.js';

// Verdicts of DigitalOcean tokens against recorded answers (fixtures/providers/digitalocean/README.md).
// DigitalOcean never tells a token's scopes: what a token may delete is always an unknown, so the
// shared fate of a database cluster and its backups shows on the possible bound, with the read that settles it.
const PAT = 'dop_v1_6482c7cc0e6d1071d0b7b29b42783abc154ac792c1ef095a826e1aba7e2ec091';
const DB = 'digitalocean:database/9cc10173-e9ea-4176-9dbc-a4cee4c4ff30';
const wire = (name: string): FakeResponse => fixtureJson<FakeResponse>('digitalocean', `${name}.json`);
const EVERYTHING: Record<string, string> = {
  '/v2/account': 'account',
  '/v2/droplets': 'droplets',
  '/v2/volumes': 'volumes',
  '/v2/databases': 'databases',
  '/v2/snapshots': 'snapshots',
  '/v2/databases/9cc10173-e9ea-4176-9dbc-a4cee4c4ff30/backups': 'database-backups',
};

const servers: FakeServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

async function verify(routes: Record<string, string>): Promise<VerificationResult> {
  const server = await new FakeServer((request) => {
    if (request.headers.authorization !== `Bearer ${PAT}`) return wire('unauthorized');
    return routes[request.path]
      ? wire(routes[request.path])
      : { status: 404, body: { id: 'not_found', message: 'The resource you were accessing could not be found.' } };
  }).start();
  servers.push(server);
  const result = await digitalocean.verify(makeToken('digitalocean.token', PAT), testContext({ env: { BLASTRADIUS_DIGITALOCEAN_API_URL: server.url } }));
  expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  expect(JSON.stringify(result)).not.toContain(PAT);
  return result;
}

// The production cluster named in the project's config (DigitalOcean ids are UUIDs: names do not classify them).
const config = () => ({ ...defaultConfig(), resources: { ...defaultConfig().resources, production: [DB] } });
const assess = (result: VerificationResult) =>
  assessBlastRadius({
    token: { id: 't', provider: 'digitalocean', ruleId: 'digitalocean.token', kind: 'token', redacted: 'dop_v1_…' },
    verification: result,
    config: config(),
  });

describe('digitalocean verdicts', () => {
  it('a token that reads the production cluster: proven reads, and a possible bound that is critical and shared (its delete would take the backups)', async () => {
    const result = await verify(EVERYTHING);
    const radius = assess(result);
    expect(radius).toMatchObject({ production: 'read', backup: 'read', severity: 'medium', shared: false });
    expect(radius.possible).toMatchObject({ production: 'destroy', backup: 'destroy', shared: true, severity: 'critical' });
    expect(radius.possible.paths).toContainEqual(
      expect.objectContaining({ resource: DB, level: 'destroy', alsoReaches: expect.objectContaining({ resourceClass: 'backup' }) }),
    );
    expect(radius.possible.because).toEqual([expect.objectContaining({ settle: expect.stringContaining('API → Tokens') })]);
    expect(radius.recommendations.join('\n')).toMatch(/custom-scoped/);
    expect(radius.recommendations.join('\n')).toMatch(/destroys a database cluster's automated backups/);
  });

  it('the least-privilege token (Read Only, or read scopes only) proves nothing above read: below high; its scopes stay the one open question', async () => {
    const result = await verify(EVERYTHING);
    expect(result.grants.every((g) => g.action === 'read')).toBe(true);
    const radius = assess(result);
    expect(['medium', 'low', 'info']).toContain(radius.severity);
    // DigitalOcean cannot tell Read Only from Full Access: the possible bound is not lowered by a guess.
    expect(radius.possible.severity).toBe('critical');
  });

  it('custom scopes without database:read (403): the cluster is out of reach on both bounds', async () => {
    const result = await verify({ ...EVERYTHING, '/v2/account': 'forbidden', '/v2/databases': 'forbidden' });
    expect(result.resources.some((r) => r.type === 'database')).toBe(false);
    const radius = assess(result);
    expect(radius.production).toBe('none');
    expect(radius.possible.production).toBe('none');
    expect(radius.possible.paths.some((p) => p.resource.startsWith(DB))).toBe(false);
  });

  it('unreadable scopes widen only the possible bound: custom scopes reading databases may hold database:delete', async () => {
    const result = await verify({ ...EVERYTHING, '/v2/account': 'forbidden', '/v2/droplets': 'forbidden', '/v2/snapshots': 'forbidden' });
    expect(result.identity?.type).toBe('personal access token (custom scopes)');
    const radius = assess(result);
    expect(radius.severity).toBe('medium');
    expect(radius.possible).toMatchObject({ severity: 'critical', shared: true });
    expect(radius.possible.because[0].what).toMatch(/custom scopes include the delete scopes of what it can read \(volume, database\)/);
  });

  it("a revoked token: DigitalOcean's 401 makes it invalid, and an invalid token reaches nothing", async () => {
    const server = await new FakeServer(() => wire('unauthorized')).start();
    servers.push(server);
    const result = await digitalocean.verify(makeToken('digitalocean.token', PAT), testContext({ env: { BLASTRADIUS_DIGITALOCEAN_API_URL: server.url } }));
    expect(result.status).toBe('invalid');
    expect(assess(result)).toMatchObject({ severity: 'info', possible: { severity: 'info' } });
  });

  it('shared-fate rows: each cites a DigitalOcean page; the cluster delete takes the backups always', () => {
    expect(manifest.sharedFate?.map((r) => [r.operation, r.always ?? false])).toEqual([
      ['database:delete', true],
      ['droplet:delete', false],
      ['droplet:delete+associated', false],
    ]);
    for (const row of OPERATIONS) {
      expect(row.doc).toMatch(/^https:\/\/docs\.digitalocean\.com\//);
      expect(row.scopes.length).toBeGreaterThan(0);
    }
    expect(OPERATIONS.filter((o) => o.destroys === 'backups').map((o) => o.operation)).toEqual(['snapshot:delete', 'droplet:update(disable_backups)']);
    expect(
      Object.entries(manifest.resourceKinds ?? {})
        .filter(([, k]) => k.backup)
        .map(([t]) => t),
    ).toEqual(['snapshot', 'droplet-backup', 'database-backup']);
  });
});
