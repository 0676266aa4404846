import { afterEach, describe, expect, it } from 'vitest';
import { assessBlastRadius } from '../../src/assess/assess.js';
import { defaultConfig } from '../../src/config/config.js';
import type { Token, VerificationResult } from '../../src/core/types.js';
import render from '../../src/providers/render/index.js';
import type { ProviderContext } from '../../src/providers/types.js';
import { FakeServer, type FakeResponse, type RecordedRequest } from '../../src/providers/fake-server.js';
import { closedPortUrl } from '../helpers/provider-harness.js';
import { fixtureJson, makeToken, testContext } from '../helpers/provider.js';

const KEY = 'rnd_jt2UcbqmpK9TsFpexdqPxfQfoxZ7';
const TEAM = 'tea-cq8a1b2c3d4e5f6g7h8i';
const PG = 'dpg-cq8c1a2b3c4d5e6f7g8h-a';
const DISK = 'dsk-cq8g1a2b3c4d5e6f7g8h';
const ENV = 'evm-cq8e1a2b3c4d5e6f7g8h';
const DB = 'render:Acme/acme-production-db';
const DB_BACKUPS = 'render:Acme/acme-production-db/backups';
const DISK_ID = 'render:Acme/acme-production-uploads/disk';
const SNAPSHOTS = 'render:Acme/acme-production-uploads/disk/snapshots';
const EXPORT_SIGNATURE = '7c1e9b0a2d4f6e8c0b2a4d6f8e0c2b4a';

const wire = (name: string): FakeResponse => fixtureJson<FakeResponse>('render', `${name}.json`);
const ROUTES: Record<string, string> = {
  '/v1/users': 'user',
  '/v1/owners': 'owners',
  [`/v1/owners/${TEAM}/members`]: 'members-admin',
  '/v1/postgres': 'postgres',
  [`/v1/postgres/${PG}/recovery`]: 'recovery',
  [`/v1/postgres/${PG}/export`]: 'exports',
  '/v1/services': 'services',
  '/v1/disks': 'disks',
  [`/v1/disks/${DISK}/snapshots`]: 'snapshots',
  [`/v1/environments/${ENV}`]: 'environment',
};

/** A fake api.render.com: one known Bearer key, recorded answers by path (fixtures/providers/render). */
function renderFake(overrides: Record<string, string | (() => FakeResponse)> = {}): (r: RecordedRequest) => FakeResponse {
  return (request) => {
    if (request.method !== 'GET') return { status: 405, body: { id: 'method_not_allowed', message: 'not in this fake' } };
    if (request.headers.authorization !== `Bearer ${KEY}`) return wire('unauthorized');
    const route = overrides[request.path] ?? ROUTES[request.path];
    if (typeof route === 'function') return route();
    return route ? wire(route) : { status: 404, body: { id: 'not_found', message: 'Unable to find the requested resource.' } };
  };
}

let server: FakeServer | undefined;
afterEach(async () => {
  if (server) {
    expect(server.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual([]);
    await server.stop();
  }
  server = undefined;
});

async function verify(
  overrides: Record<string, string | (() => FakeResponse)> = {},
  secret = KEY,
  ctx: Partial<ProviderContext> = {},
): Promise<{ token: Token; result: VerificationResult }> {
  server = await new FakeServer(renderFake(overrides)).start();
  const context = testContext({ env: { BLASTRADIUS_RENDER_API_URL: server.url }, ...ctx });
  const token = makeToken('render.api-key', secret);
  const result = await render.verify(token, context);
  const text = JSON.stringify(result) + context.logs.join('\n');
  expect(text).not.toContain(KEY);
  expect(text).not.toContain(EXPORT_SIGNATURE);
  return { token, result };
}

const assess = (token: Token, verification: VerificationResult) => assessBlastRadius({ token, verification, config: defaultConfig() });

describe('render provider', () => {
  it('Admin key: deletes the production database and disk; whether their backups go with them is undocumented — high, possibly critical and shared', async () => {
    const { token, result } = await verify();
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'ops@acme.example', type: 'api-key', workspaces: ['Acme: ADMIN'] });
    expect(result.grants).toContainEqual(expect.objectContaining({ action: 'destroy', resource: DB, operation: 'deletePostgres' }));
    expect(result.grants).toContainEqual(expect.objectContaining({ action: 'destroy', resource: DISK_ID, operation: 'restoreSnapshot' }));
    expect(result.resources.find((r) => r.id === DB_BACKUPS)).toMatchObject({
      type: 'postgres-backups',
      attributes: { pointInTimeRecovery: 'AVAILABLE', recoverableFrom: '2026-08-14T10:00:00Z', exports: 1 },
    });
    expect(result.resources.find((r) => r.id === SNAPSHOTS)).toMatchObject({
      type: 'disk-snapshots',
      attributes: { snapshots: 2, latestSnapshotAt: '2026-08-21T03:00:00Z' },
    });
    expect(result.unknowns).toContainEqual(
      expect.objectContaining({ upTo: 'destroy', resources: [DB_BACKUPS], settle: 'https://render.com/docs/postgresql-backups' }),
    );
    expect(result.unknowns).toContainEqual(expect.objectContaining({ upTo: 'destroy', resources: [SNAPSHOTS] }));
    const radius = assess(token, result);
    expect(radius).toMatchObject({ severity: 'high', production: 'destroy', backup: 'none', shared: false });
    expect(radius.possible).toMatchObject({ severity: 'critical', shared: true, production: 'destroy', backup: 'destroy' });
    expect(radius.recommendations.join('\n')).toMatch(/Workspace Viewer/);
  });

  it('a user with the Workspace Viewer role (the narrowest a key can carry): reads only — below high, also in the possible bound', async () => {
    const { token, result } = await verify({ [`/v1/owners/${TEAM}/members`]: 'members-viewer' });
    expect(result.grants.every((g) => g.action === 'read')).toBe(true);
    expect(result.unknowns.filter((u) => u.upTo !== 'none')).toEqual([]);
    const radius = assess(token, result);
    expect(['low', 'medium']).toContain(radius.severity);
    expect(['low', 'medium']).toContain(radius.possible.severity);
  });

  it('a Developer cannot delete in a protected environment', async () => {
    const { token, result } = await verify({ [`/v1/owners/${TEAM}/members`]: 'members-developer', [`/v1/environments/${ENV}`]: 'environment-protected' });
    expect(result.grants.filter((g) => g.action !== 'read')).toEqual([]);
    expect(result.notes.join('\n')).toContain('protected environments cannot be deleted by a Developer');
    expect(['low', 'medium']).toContain(assess(token, result).possible.severity);
  });

  it('a Developer whose environment cannot be read: the delete is an unknown up to destroy', async () => {
    const { result } = await verify({ [`/v1/owners/${TEAM}/members`]: 'members-developer', [`/v1/environments/${ENV}`]: 'forbidden' });
    expect(result.unknowns).toContainEqual(expect.objectContaining({ what: `whether ${DB} sits in a protected environment`, upTo: 'destroy' }));
  });

  it("revoked key: 401 with Render's error body — invalid, nothing else asked", async () => {
    const { result } = await verify({}, 'rnd_Q7vLp2Xw9Zk4Rt8Nb3Hc6Jd1Fg5Ms0Ya');
    expect(result.status).toBe('invalid');
    expect(server!.requests.map((r) => r.path)).toEqual(['/v1/users']);
  });

  it("a 401 without Render's error body (a proxy) is an error, not invalid", async () => {
    const { result } = await verify({ '/v1/users': () => ({ status: 401, headers: { 'content-type': 'text/html' }, body: '<html>Unauthorized</html>' }) });
    expect(result.status).toBe('error');
    expect(result.detail).toContain('Render GET /v1/users: HTTP 401 with a body that is not JSON');
  });

  it('role not readable: an unknown up to admin over the workspace — nothing destroyable proven, possibly critical', async () => {
    const { token, result } = await verify({ [`/v1/owners/${TEAM}/members`]: 'forbidden' });
    expect(result.identity?.workspaces).toEqual(['Acme: role unknown']);
    expect(result.unknowns).toContainEqual(
      expect.objectContaining({ what: 'the key owner\'s role in workspace "Acme"', upTo: 'admin', resources: ['render:Acme/*'] }),
    );
    const radius = assess(token, result);
    expect(radius.production).toBe('none');
    expect(radius.possible).toMatchObject({ severity: 'critical', shared: true });
  });

  it('provider down: 5xx and a closed port are error, never invalid', async () => {
    const { result } = await verify({ '/v1/users': 'server-error' }, KEY, { retries: 0 });
    expect(result.status).toBe('error');
    const refused = await render.verify(
      makeToken('render.api-key', KEY),
      testContext({ env: { BLASTRADIUS_RENDER_API_URL: await closedPortUrl() }, retries: 0 }),
    );
    expect(refused.status).toBe('error');
  });
});
