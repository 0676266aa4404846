import { afterEach, describe, expect, it } from 'vitest';
import { assessBlastRadius } from '../../src/assess/assess.js';
import { defaultConfig } from '../../src/config/config.js';
import type { VerificationResult } from '../../src/core/types.js';
import neon from '../../src/providers/neon/index.js';
import { FakeServer, type FakeResponse } from '../../src/providers/fake-server.js';
import { fixtureJson, makeToken, testContext } from '../helpers/provider.js';

const KEY = 'napi_k3v9q2x7m1p8w4z6r0t5y2u9i3o7a1s4d8f6g2h5j9k3l7z1x5c8v2b6n4m0q7w3';
const PROJECT = 'spring-example-302709';
const MAIN = 'br-young-forest-a5b6c7d8';
const wire = (name: string): FakeResponse => fixtureJson<FakeResponse>('neon', `${name}.json`);

const servers: FakeServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    // Read-only for the Neon API: GET only (POST creates or restores, PATCH changes settings, DELETE deletes).
    expect(server.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual([]);
    await server.stop();
  }
});

const PERSONAL_ADMIN: Record<string, string> = {
  '/auth': 'auth-personal',
  '/users/me': 'me',
  '/projects': 'projects',
  [`/projects/${PROJECT}`]: 'project',
  [`/projects/${PROJECT}/branches`]: 'branches',
  [`/projects/${PROJECT}/snapshots`]: 'snapshots',
  '/organizations/org-acme-shop-41830977/members': 'members-admin',
};

async function verify(routes: Record<string, string>, secret = KEY) {
  const server = await new FakeServer((request) => {
    if (request.headers.authorization !== `Bearer ${KEY}`) return wire('unauthorized');
    const route = routes[request.path];
    return route ? wire(route) : { status: 404, body: { request_id: 'x', code: '', message: 'not found' } };
  }).start();
  servers.push(server);
  const ctx = testContext({ env: { BLASTRADIUS_NEON_API_URL: server.url }, retries: 0 });
  const token = makeToken('neon.api-key', secret);
  const result = await neon.verify(token, ctx);
  expect(JSON.stringify(result)).not.toContain(secret);
  expect(ctx.logs.join('\n')).not.toContain(secret);
  const config = defaultConfig();
  config.resources.production = [`neon:${PROJECT}`, `neon:${PROJECT}/${MAIN}`];
  return { server, result, radius: assessBlastRadius({ token, verification: result, config }) };
}

const grantsOf = (result: VerificationResult) =>
  result.grants
    .filter((g) => g.action !== 'read')
    .map((g) => `${g.action} ${g.resource} (${g.operation})`)
    .sort();

describe('neon provider', () => {
  it('a personal key of an organization Admin deletes the production project with its restore window: critical and shared', async () => {
    const { result, radius } = await verify(PERSONAL_ADMIN);
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'ops@acme.example', type: expect.stringContaining('personal API key') });
    expect(grantsOf(result)).toEqual([
      `destroy neon:${PROJECT} (deleteProject)`,
      `destroy neon:${PROJECT}/br-quiet-lake-b1c2d3e4 (deleteProjectBranchDatabase)`,
      `destroy neon:${PROJECT}/${MAIN} (deleteProjectBranchDatabase)`,
      `destroy neon:${PROJECT}/history (updateProject (history_retention_seconds))`,
      `destroy neon:${PROJECT}/snapshots/* (deleteSnapshot)`,
    ]);
    expect(result.resources.find((r) => r.id === `neon:${PROJECT}/history`)?.attributes).toMatchObject({ retentionSeconds: 604800 });
    expect(result.resources.find((r) => r.id === `neon:${PROJECT}/snapshots/snap-calm-forest-aj9c59bh`)?.type).toBe('snapshot');
    expect(radius).toMatchObject({ severity: 'critical', shared: true, production: 'destroy', backup: 'destroy' });
    expect(radius.paths.find((p) => p.operation === 'deleteProject')?.alsoReaches?.reason).toMatch(/restore window/);
    // The 7-day project recovery is a mitigation, never a block.
    expect(radius.protections).toContainEqual(expect.objectContaining({ kind: 'soft-delete', effective: false }));
  });

  it('an organization or project-scoped key: member-level is proven (databases and snapshots), deleteProject only possible', async () => {
    const { result, radius } = await verify({ ...PERSONAL_ADMIN, '/auth': 'auth-org' });
    expect(result.identity?.type).toBe('organization or project-scoped API key');
    expect(grantsOf(result)).not.toContain(`destroy neon:${PROJECT} (deleteProject)`);
    expect(grantsOf(result)).toContain(`destroy neon:${PROJECT}/snapshots/* (deleteSnapshot)`);
    // Documented member rights already reach both sides: dropping the production database and deleting its snapshots.
    expect(radius).toMatchObject({ severity: 'critical', production: 'destroy', backup: 'destroy' });
    // Both sides fall, in two calls: no path deletes the project and its history at once.
    expect(radius.paths.some((p) => p.operation === 'deleteProject')).toBe(false);
    expect(result.unknowns).toContainEqual(
      expect.objectContaining({
        what: `whether this key is an organization key (admin: deleteProject) or project-scoped (member-level) on ${PROJECT}`,
        upTo: 'admin',
      }),
    );
    // The possible bound keeps critical; it does not mark "shared" when the levels were already proven (assess/possible.ts).
    expect(radius.possible.severity).toBe('critical');
  });

  it('least privilege: a personal key of a Viewer only reads (medium: production and backups readable); a per-project grant stays possible', async () => {
    const { result, radius } = await verify({ ...PERSONAL_ADMIN, '/organizations/org-acme-shop-41830977/members': 'members-viewer' });
    expect(grantsOf(result)).toEqual([]);
    expect(radius).toMatchObject({ severity: 'medium', production: 'read', backup: 'read' });
    expect(radius.possible.because.map((q) => q.what)).toEqual([`per-project grants on ${PROJECT}`]);
  });

  it('unreadable role: the members listing fails, so the possible bound takes the project and its history', async () => {
    const { result, radius } = await verify({ ...PERSONAL_ADMIN, '/organizations/org-acme-shop-41830977/members': 'server-error' });
    expect(result.unknowns).toContainEqual(expect.objectContaining({ what: "the key's role in organization org-acme-shop-41830977", upTo: 'admin' }));
    expect(radius.severity).toBe('info');
    expect(radius.possible).toMatchObject({ severity: 'critical', shared: true });
  });

  it('revoked: 401 from GET /auth is invalid, and nothing more is asked', async () => {
    const { server, result } = await verify(PERSONAL_ADMIN, 'napi_' + 'q'.repeat(64));
    expect(result.status).toBe('invalid');
    expect(server.requests.map((r) => r.path)).toEqual(['/auth']);
  });

  it('provider trouble is an error, never invalid', async () => {
    const { result } = await verify({ ...PERSONAL_ADMIN, '/auth': 'server-error' });
    expect(result.status).toBe('error');
  });
});
