import { afterEach, describe, expect, it } from 'vitest';
import type { VerificationResult } from '../../src/core/types.js';
import digitalocean from '../../src/providers/digitalocean/index.js';
import { FakeServer, type FakeResponse } from '../../src/providers/fake-server.js';
import { closedPortUrl } from '../helpers/provider-harness.js';
import { fixtureJson, makeToken, testContext } from '../helpers/provider.js';

const PAT = 'dop_v1_6482c7cc0e6d1071d0b7b29b42783abc154ac792c1ef095a826e1aba7e2ec091';
const OAUTH = 'doo_v1_9f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';
const REFRESH = 'dor_v1_0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';
const DB_PASSWORD = 'wv78n3zpz42xezdk';
const TEAM = '5df3e3004a17e242b7c20ca6c9fc25b701a47ece';
const wire = (name: string): FakeResponse => fixtureJson<FakeResponse>('digitalocean', `${name}.json`);

const servers: FakeServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    expectReadOnly(server);
    await server.stop();
  }
});

type Route = string | (() => FakeResponse);
const DB = '9cc10173-e9ea-4176-9dbc-a4cee4c4ff30';
const ALL = {
  '/v2/account': 'account',
  '/v2/droplets': 'droplets',
  '/v2/volumes': 'volumes',
  '/v2/databases': 'databases',
  '/v2/snapshots': 'snapshots',
  [`/v2/databases/${DB}/backups`]: 'database-backups',
};

/** A fake api.digitalocean.com: recorded responses by path for the expected bearer token. */
async function doServer(secret: string, routes: Record<string, Route>): Promise<FakeServer> {
  const server = await new FakeServer((request) => {
    if (request.headers.authorization !== `Bearer ${secret}`) return wire('unauthorized');
    const route = routes[request.path];
    if (route === undefined) return { status: 404, body: { id: 'not_found', message: 'The resource you were accessing could not be found.' } };
    return typeof route === 'string' ? wire(route) : route();
  }).start();
  servers.push(server);
  return server;
}

/** Read-only for DigitalOcean: GET only (POST creates or acts, PUT/PATCH update, DELETE destroys). */
function expectReadOnly(server: FakeServer): void {
  expect(server.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual([]);
}

function expectNoSecret(result: VerificationResult, logs: string[], secret = PAT): void {
  const json = JSON.stringify(result);
  expect(json).not.toContain(secret);
  expect(json).not.toContain(DB_PASSWORD);
  expect(logs.join('\n')).not.toContain(secret);
}

const grantsOf = (result: VerificationResult) => result.grants.map((g) => `${g.action} ${g.resource}`).sort();
const ctxFor = (server: FakeServer, extra = {}) => testContext({ env: { BLASTRADIUS_DIGITALOCEAN_API_URL: server.url }, ...extra });

describe('digitalocean provider', () => {
  it('live, broad: a personal access token that reads everything proves reads only; full access is an unknown up to admin', async () => {
    const server = await doServer(PAT, ALL);
    const ctx = ctxFor(server);
    const result = await digitalocean.verify(makeToken('digitalocean.token', PAT), ctx);

    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({
      principal: 'b6fr89dbf6d9156cace5f3c78dc9851d957381ef',
      displayName: 'ops@acme.example',
      account: TEAM,
      team: 'Acme',
      type: 'personal access token (read only or full access: scopes not readable)',
      endpoint: server.url,
    });
    // Proven: the four listings answered. Not proven: any write or delete.
    expect(grantsOf(result)).toEqual([
      'read digitalocean:database/*',
      'read digitalocean:droplet/*',
      'read digitalocean:snapshot/*',
      'read digitalocean:volume/*',
    ]);
    expect(result.unknowns).toEqual([
      {
        what: 'whether this token can create, update and delete (full access) or only read',
        reason: expect.stringContaining('DELETE /v2/databases/{uuid} destroys the cluster, its contents and its automated backups'),
        upTo: 'admin',
        resources: [`digitalocean:team/${TEAM}`, 'digitalocean:droplet/*', 'digitalocean:volume/*', 'digitalocean:database/*', 'digitalocean:snapshot/*'],
        settle: expect.stringContaining('no read-only API call returns them'),
      },
    ]);
    const byId = Object.fromEntries(result.resources.map((r) => [r.id, r]));
    expect(Object.keys(byId).sort()).toEqual([
      'digitalocean:database/9cc10173-e9ea-4176-9dbc-a4cee4c4ff30',
      'digitalocean:database/9cc10173-e9ea-4176-9dbc-a4cee4c4ff30/backup/2026-11-19T18:42:27Z',
      'digitalocean:database/9cc10173-e9ea-4176-9dbc-a4cee4c4ff30/backup/2026-11-20T18:42:29Z',
      'digitalocean:droplet/3164444',
      'digitalocean:droplet/3164444/backup/53893572',
      'digitalocean:droplet/3164459',
      'digitalocean:snapshot/6372321',
      'digitalocean:snapshot/fbe805e8-866b-11e6-96bf-000f53315a41',
      'digitalocean:volume/506f78a4-e098-11e5-ad9f-000f53306ae1',
    ]);
    expect(byId['digitalocean:database/9cc10173-e9ea-4176-9dbc-a4cee4c4ff30']).toMatchObject({
      holdsBackups: true,
      attributes: { backups: 2, latestBackup: '2026-11-20T18:42:29Z', backupIntervalHours: 24, pointInTimeRecoveryDays: 7 },
    });
    expect(byId['digitalocean:droplet/3164444/backup/53893572']).toMatchObject({ type: 'droplet-backup', attributes: { droplet: '3164444' } });
    expect(result.notes).toEqual([]);
    expect(byId['digitalocean:droplet/3164444'].holdsBackups).toBe(true);
    expect(byId['digitalocean:droplet/3164459'].holdsBackups).toBeUndefined();
    expect(server.requests.find((r) => r.path === '/v2/volumes')?.query.get('per_page')).toBe('200');
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs);
  });

  it('live, narrow: custom scopes proven by 403s — reads volumes and snapshots; deletes possible only on those two kinds', async () => {
    const server = await doServer(PAT, {
      '/v2/account': 'forbidden',
      '/v2/droplets': 'forbidden',
      '/v2/volumes': 'volumes',
      '/v2/databases': 'forbidden',
      '/v2/snapshots': 'snapshots',
    });
    const ctx = ctxFor(server);
    const result = await digitalocean.verify(makeToken('digitalocean.token', PAT), ctx);

    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ type: 'personal access token (custom scopes)' });
    expect(grantsOf(result)).toEqual(['read digitalocean:snapshot/*', 'read digitalocean:volume/*']);
    expect(result.notes).toEqual([
      'no account:read (DigitalOcean answered 403 to /v2/account): the token has custom scopes',
      'no droplet:read (DigitalOcean answered 403): the token has custom scopes, and no delete scope for droplets (a delete scope needs its read scope)',
      'no database:read (DigitalOcean answered 403): the token has custom scopes, and no delete scope for databases (a delete scope needs its read scope)',
    ]);
    expect(result.unknowns).toContainEqual(expect.objectContaining({ upTo: 'destroy', resources: ['digitalocean:volume/*', 'digitalocean:snapshot/*'] }));
    expect(result.unknowns).toContainEqual(expect.objectContaining({ what: 'which account or team this token belongs to', upTo: 'none' }));
    expect(result.unknowns.filter((u) => u.upTo !== 'none')).toHaveLength(1);
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs);
  });

  it('an OAuth token (doo_v1_) that reads everything gets read grants only: its write grant is not visible', async () => {
    const server = await doServer(OAUTH, ALL);
    const ctx = ctxFor(server);
    const result = await digitalocean.verify(makeToken('digitalocean.token', OAUTH), ctx);
    expect(result.identity?.type).toBe('OAuth token');
    expect(result.grants.every((g) => g.action === 'read')).toBe(true);
    expect(result.unknowns).toEqual([
      expect.objectContaining({ reason: expect.stringContaining('an OAuth token (scope read, or read write)'), upTo: 'admin' }),
    ]);
    expectNoSecret(result, ctx.logs, OAUTH);
  });

  it('invalid: 401 "Unable to authenticate you" is status invalid and nothing more is asked', async () => {
    const server = await doServer('dop_v1_another', ALL);
    const ctx = ctxFor(server);
    const result = await digitalocean.verify(makeToken('digitalocean.token', PAT), ctx);
    expect(result.status).toBe('invalid');
    expect(server.requests.map((r) => r.path)).toEqual(['/v2/account']);
    expectNoSecret(result, ctx.logs);
  });

  it('provider down: 5xx, a hang and a closed port are status error, never invalid', async () => {
    const server = await doServer(PAT, { '/v2/account': 'server-error' });
    const ctx = ctxFor(server, { retries: 1 });
    const down = await digitalocean.verify(makeToken('digitalocean.token', PAT), ctx);
    expect(down.status).toBe('error');
    expect(down.detail).toContain('HTTP 500');
    expectNoSecret(down, ctx.logs);

    const hanging = await doServer(PAT, { '/v2/account': () => ({ hang: true }) });
    const timedOut = await digitalocean.verify(makeToken('digitalocean.token', PAT), ctxFor(hanging, { timeoutMs: 300 }));
    expect(timedOut.status).toBe('error');
    expect(timedOut.detail).toContain('timed out');

    const refused = await digitalocean.verify(
      makeToken('digitalocean.token', PAT),
      testContext({ env: { BLASTRADIUS_DIGITALOCEAN_API_URL: await closedPortUrl() }, retries: 0 }),
    );
    expect(refused.status).toBe('error');
  });

  it('a failed listing leaves a live result with an unknown', async () => {
    const server = await doServer(PAT, { ...ALL, '/v2/databases': 'server-error' });
    const ctx = ctxFor(server, { retries: 0 });
    const result = await digitalocean.verify(makeToken('digitalocean.token', PAT), ctx);
    expect(result.status).toBe('live');
    expect(result.resources.some((r) => r.type === 'database')).toBe(false);
    expect(result.unknowns).toContainEqual(
      expect.objectContaining({
        what: 'which databases this token can reach',
        upTo: 'destroy',
        resources: ['digitalocean:database/*'],
        settle: 'GET /v2/databases',
      }),
    );
    expectNoSecret(result, ctx.logs);
  });

  it('a listing with more pages: the unread pages are an unknown over that kind, with the read that settles it', async () => {
    const paged = (): FakeResponse => {
      const droplets = wire('droplets') as { body: { links?: object } };
      return { ...droplets, body: { ...droplets.body, links: { pages: { next: 'https://api.digitalocean.com/v2/droplets?page=2&per_page=200' } } } };
    };
    const server = await doServer(PAT, { ...ALL, '/v2/droplets': paged });
    const ctx = ctxFor(server);
    const result = await digitalocean.verify(makeToken('digitalocean.token', PAT), ctx);
    expect(result.unknowns).toContainEqual({
      what: 'droplets past the first page',
      reason: 'only the first page was read',
      upTo: 'destroy',
      resources: ['digitalocean:droplet/*'],
      settle: 'GET /v2/droplets?per_page=200&page=2',
    });
    expectNoSecret(result, ctx.logs);
  });

  it('rate limited then recovered: 429 with Retry-After, then the account', async () => {
    let calls = 0;
    const server = await doServer(PAT, { ...ALL, '/v2/account': () => (++calls === 1 ? wire('rate-limited') : wire('account')) });
    const ctx = ctxFor(server);
    const started = Date.now();
    const result = await digitalocean.verify(makeToken('digitalocean.token', PAT), ctx);
    expect(result.status).toBe('live');
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs);
  });

  it('base URL: BLASTRADIUS_DIGITALOCEAN_API_URL is used, and ctx.apiUrls wins over it', async () => {
    const server = await doServer(PAT, ALL);
    const ctx = testContext({ env: { BLASTRADIUS_DIGITALOCEAN_API_URL: await closedPortUrl() }, apiUrls: { digitalocean: server.url }, retries: 0 });
    const result = await digitalocean.verify(makeToken('digitalocean.token', PAT), ctx);
    expect(result.status).toBe('live');
    expect(result.identity?.endpoint).toBe(server.url);
    expectReadOnly(server);
    expectNoSecret(result, ctx.logs);
  });

  it('a refresh token (dor_v1_) is not asked: it only works with a POST that mints a token', async () => {
    const server = await doServer(REFRESH, ALL);
    const ctx = ctxFor(server);
    const result = await digitalocean.verify(makeToken('digitalocean.token', REFRESH), ctx);
    expect(result.status).toBe('unverified');
    expect(server.requests).toEqual([]);
    expectNoSecret(result, ctx.logs, REFRESH);
  });

  it('declares its rules and documentation', () => {
    expect(digitalocean.rules).toEqual(['digitalocean.token']);
    expect(digitalocean.docsUrl).toMatch(/^https:\/\/docs\.digitalocean\.com\//);
  });
});
