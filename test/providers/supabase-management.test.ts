import { afterEach, describe, expect, it } from 'vitest';
import { assessBlastRadius } from '../../src/assess/assess.js';
import { defaultConfig } from '../../src/config/config.js';
import type { VerificationResult } from '../../src/core/types.js';
import supabase from '../../src/providers/supabase/index.js';
import { FakeServer, type FakeResponse } from '../../src/providers/fake-server.js';
import { fixtureJson, makeToken, testContext } from '../helpers/provider.js';

const CLASSIC = 'sbp_3f9a1c7e52b84d06a9e1f3c5b7d92e4a6c8f0b13';
const SCOPED = 'sbp_fc5d0e7a9b2c4f6e8d1a3b5c7e9f0a2b4d6c8e1f';
const REF = 'qvzkrnmtwplhsyxbdagc';
const P = `/v1/projects/${REF}`;
const wire = (name: string): FakeResponse => fixtureJson<FakeResponse>('supabase', `${name}.json`);

const servers: FakeServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    expectReadOnly(server);
    await server.stop();
  }
});

/** Read-only for the Management API: GET only (POST creates, restores or runs SQL; PATCH updates; DELETE deletes). */
function expectReadOnly(server: FakeServer): void {
  expect(server.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual([]);
}

/** A fake api.supabase.com: recorded answers by path for the expected bearer token; 403 for any other path. */
async function supabaseServer(secret: string, routes: Record<string, string | (() => FakeResponse)>): Promise<FakeServer> {
  const server = await new FakeServer((request) => {
    if (request.headers.authorization !== `Bearer ${secret}`) return wire('unauthorized');
    const route = routes[request.path];
    if (route === undefined) return wire('forbidden');
    return typeof route === 'string' ? wire(route) : route();
  }).start();
  servers.push(server);
  return server;
}

const CLASSIC_OWNER = {
  '/v1/projects': 'projects',
  '/v1/profile': 'profile',
  '/v1/organizations': 'organizations',
  '/v1/organizations/acme-shop/members': 'members-owner',
  [`${P}/database/backups`]: 'backups',
  [`${P}/pgsodium`]: 'pgsodium',
};

const config = () => {
  const c = defaultConfig();
  c.resources.production = [`supabase:${REF}`, `supabase:${REF}/database`];
  return c;
};

async function verify(secret: string, routes: Record<string, string | (() => FakeResponse)>) {
  const server = await supabaseServer(secret, routes);
  const ctx = testContext({ env: { BLASTRADIUS_SUPABASE_API_URL: server.url }, retries: 0 });
  const token = makeToken('supabase.access-token', secret);
  const result = await supabase.verify(token, ctx);
  expectNoSecret(result, ctx.logs, secret);
  return { server, token, result, radius: assessBlastRadius({ token, verification: result, config: config() }) };
}

function expectNoSecret(result: VerificationResult, logs: string[], secret: string): void {
  const json = JSON.stringify(result);
  expect(json).not.toContain(secret);
  expect(json).not.toContain('fake-pgsodium-root-key');
  expect(logs.join('\n')).not.toContain(secret);
}

const grantsOf = (result: VerificationResult) => result.grants.map((g) => `${g.action} ${g.resource}${g.operation ? ` (${g.operation})` : ''}`).sort();

describe('supabase personal access tokens (Management API)', () => {
  it('a classic token of an Owner: deletes the production project and its backups in one call, critical and shared', async () => {
    const { server, result, radius } = await verify(CLASSIC, CLASSIC_OWNER);
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({
      principal: 'ops@acme.example',
      account: '0b7c5e1a-6d2f-4c38-9a41-2e5f7d8c9b10',
      type: expect.stringContaining('classic'),
    });
    expect(grantsOf(result)).toEqual([
      `destroy supabase:${REF} (v1-delete-a-project)`,
      `destroy supabase:${REF}/database (v1-restore-pitr-backup)`,
      `destroy supabase:${REF}/database (v1-run-a-query)`,
      `read supabase:backups/${REF}`,
      `read supabase:${REF}`,
    ]);
    const byId = Object.fromEntries(result.resources.map((r) => [r.id, r]));
    expect(byId[`supabase:${REF}`]).toMatchObject({ type: 'project', name: 'acme-production', holdsBackups: true });
    expect(byId[`supabase:backups/${REF}`]).toMatchObject({ type: 'backups', attributes: { pitrEnabled: true, completed: 2 } });
    expect(radius).toMatchObject({ severity: 'critical', shared: true, production: 'destroy', backup: 'destroy' });
    expect(radius.summary).toContain('v1-delete-a-project');
    expect(radius.paths.find((p) => p.operation === 'v1-delete-a-project')?.alsoReaches?.reason).toMatch(/backups/);
    expect(radius.recommendations.join('\n')).toMatch(/scoped token \(sbp_fc…\)/);
    expect(server.requests.map((r) => r.path)).toContain(`${P}/pgsodium`);
  });

  it('a classic token of a Developer: drops tables but cannot delete the project: high, backups untouched', async () => {
    const { result, radius } = await verify(CLASSIC, {
      ...CLASSIC_OWNER,
      '/v1/organizations/acme-shop/members': 'members-developer',
      [`${P}/pgsodium`]: 'forbidden',
    });
    expect(grantsOf(result)).not.toContain(`destroy supabase:${REF} (v1-delete-a-project)`);
    expect(radius).toMatchObject({ severity: 'high', shared: false, production: 'destroy', backup: 'read' });
    expect(radius.possible.severity).toBe('high');
  });

  it('least privilege: a scoped token with Project Settings read only is low in both bounds', async () => {
    // The personal-access-tokens page's own example: one project, Project Settings read; every other permission answers 403.
    const { result, radius } = await verify(SCOPED, { '/v1/projects': 'projects' });
    expect(result.identity?.type).toBe('scoped personal access token');
    expect(grantsOf(result)).toEqual([`read supabase:${REF}`]);
    expect(result.notes).toContain(`${REF}: no Project Settings read-write (403 to GET …/pgsodium): it cannot delete the project`);
    expect(radius.severity).toBe('low');
    expect(radius.possible.severity).toBe('low');
  });

  it('a scoped token that reads the database: proven low, possibly high (read-write is not readable), never shared', async () => {
    const { radius } = await verify(SCOPED, {
      '/v1/projects': 'projects',
      [`${P}/database/context`]: () => ({ status: 200, body: { databases: [{ name: 'postgres', schemas: [{ name: 'public' }] }] } }),
    });
    expect(radius.severity).toBe('low');
    expect(radius.possible).toMatchObject({ severity: 'high', production: 'destroy', shared: false });
    expect(radius.possible.because.map((q) => q.what)).toEqual([`whether the Database permission on ${REF} is read-write`]);
  });

  it('unreadable scope: the delete probe fails, so the possible bound takes the project and its backups', async () => {
    const { result, radius } = await verify(SCOPED, { '/v1/projects': 'projects', [`${P}/pgsodium`]: 'server-error' });
    expect(result.unknowns).toContainEqual(
      expect.objectContaining({ what: `whether the token may delete project ${REF} (and its backups)`, upTo: 'destroy', resources: [`supabase:${REF}`] }),
    );
    expect(radius.severity).toBe('low');
    expect(radius.possible).toMatchObject({ severity: 'critical', shared: true, production: 'destroy', backup: 'destroy' });
  });

  it('revoked: 401 Unauthorized from the Management API is invalid, and nothing more is asked', async () => {
    const server = await supabaseServer(`sbp_${'0'.repeat(40)}`, CLASSIC_OWNER);
    const ctx = testContext({ env: { BLASTRADIUS_SUPABASE_API_URL: server.url } });
    const result = await supabase.verify(makeToken('supabase.access-token', CLASSIC), ctx);
    expect(result.status).toBe('invalid');
    expect(result.detail).toContain('401 Unauthorized');
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/projects']);
    expectNoSecret(result, ctx.logs, CLASSIC);
  });

  it('provider trouble is an error, never invalid', async () => {
    const { result } = await verify(CLASSIC, { '/v1/projects': 'server-error' });
    expect(result.status).toBe('error');
  });

  it('the project keys still decode offline; access tokens need the network', () => {
    expect(supabase.offline).toEqual(['supabase.service-role-jwt', 'supabase.secret-key']);
    expect(supabase.rules).toContain('supabase.access-token');
    const row = supabase.sharedFate?.find((r) => r.operation === 'v1-delete-a-project');
    expect(row?.doc).toBe('https://supabase.com/docs/guides/platform/delete-project');
  });
});
