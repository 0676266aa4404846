import { afterEach, describe, expect, it } from 'vitest';
import { assessBlastRadius } from '../../src/assess/assess.js';
import { defaultConfig } from '../../src/config/config.js';
import planetscale from '../../src/providers/planetscale/index.js';
import { FakeServer, type FakeResponse } from '../../src/providers/fake-server.js';
import { fixtureJson, makeToken, testContext } from '../helpers/provider.js';

const ID = 'qbphfi83nxti';
const SECRET = 'pscale_tkn_Vq8LmN2pXr7TzK4wYb9cHd3fJg6sRt1eA5uQ0x';
const DB = 'planetscale:acme/acme-production';
const wire = (name: string): FakeResponse => fixtureJson<FakeResponse>('planetscale', `${name}.json`);
const ACCESS = `/v1/organizations/acme/service-tokens/${ID}/access`;

const servers: FakeServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    // Read-only for the PlanetScale API: GET only.
    expect(server.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual([]);
    await server.stop();
  }
});

async function verify(routes: Record<string, string>, secret = SECRET, id: string | null = ID) {
  const server = await new FakeServer((request) => {
    if (request.headers.authorization !== `${ID}:${SECRET}`) return wire('unauthorized');
    return wire(routes[request.path] ?? 'forbidden');
  }).start();
  servers.push(server);
  const ctx = testContext({ env: { BLASTRADIUS_PLANETSCALE_API_URL: server.url }, retries: 0 });
  const token = makeToken('planetscale.service-token', secret, id ? { tokenId: id } : {});
  const result = await planetscale.verify(token, ctx);
  expect(JSON.stringify(result)).not.toContain(secret);
  expect(ctx.logs.join('\n')).not.toContain(secret);
  const config = defaultConfig();
  config.resources.production = [DB];
  return { server, result, radius: assessBlastRadius({ token, verification: result, config }) };
}

const BASE = { '/v1/organizations': 'organizations', '/v1/organizations/acme/databases': 'databases' };

describe('planetscale service tokens', () => {
  it('delete_database plus a backup delete on production: critical and shared', async () => {
    const { result, radius } = await verify({ ...BASE, [ACCESS]: 'access-delete' });
    expect(result.status).toBe('live');
    expect(
      result.grants
        .filter((g) => g.action === 'destroy')
        .map((g) => `${g.resource} ${g.operation}`)
        .sort(),
    ).toEqual([`${DB} delete_database`, `${DB}/backups delete_production_branch_backups`]);
    expect(radius).toMatchObject({ severity: 'critical', shared: true, production: 'destroy', backup: 'destroy' });
  });

  it('delete_database alone: high proven; whether the backups die with it is undocumented, so possibly critical', async () => {
    const { result, radius } = await verify({ ...BASE, [ACCESS]: 'access-delete' });
    const only = { ...result, grants: result.grants.filter((g) => g.operation !== 'delete_production_branch_backups') };
    const config = defaultConfig();
    config.resources.production = [DB];
    const again = assessBlastRadius({
      token: { id: 'x', provider: 'planetscale', ruleId: 'planetscale.service-token', kind: 'service-token', redacted: 'pscale_tkn_…' },
      verification: only,
      config,
    });
    expect(again.severity).toBe('high');
    expect(again.possible).toMatchObject({ severity: 'critical', backup: 'destroy' });
    expect(again.possible.because[0].what).toBe(`whether delete_database also deletes the backups of ${DB}`);
    expect(radius.severity).toBe('critical');
  });

  it('least privilege: a token with read_branch on one database is below high in both bounds', async () => {
    const { radius } = await verify({ ...BASE, [ACCESS]: 'access-read' });
    expect(radius.severity).toBe('low');
    expect(radius.possible.severity).toBe('low');
  });

  it('unreadable accesses (403): the possible bound takes production', async () => {
    const { result, radius } = await verify(BASE);
    expect(result.unknowns).toContainEqual(expect.objectContaining({ what: "this service token's accesses in acme", upTo: 'admin' }));
    expect(radius.severity).toBe('info');
    expect(radius.possible.production).toBe('destroy');
  });

  it('revoked: 401 is invalid, and nothing more is asked', async () => {
    const { server, result } = await verify(BASE, 'pscale_tkn_' + 'Z'.repeat(40));
    expect(result.status).toBe('invalid');
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/organizations']);
  });

  it('without its service token id the token is not asked', async () => {
    const { server, result } = await verify(BASE, SECRET, null);
    expect(result.status).toBe('unverified');
    expect(server.requests).toEqual([]);
  });
});
