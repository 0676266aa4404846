import { afterEach, describe, expect, it } from 'vitest';
import { assessBlastRadius } from '../../src/assess/assess.js';
import { defaultConfig } from '../../src/config/config.js';
import type { Token, VerificationResult } from '../../src/core/types.js';
import { digestResponse, parseDigestChallenge } from '../../src/providers/atlas/digest.js';
import atlas from '../../src/providers/atlas/index.js';
import type { ProviderContext } from '../../src/providers/types.js';
import { FakeServer, type FakeResponse } from '../../src/providers/fake-server.js';
import { closedPortUrl } from '../helpers/provider-harness.js';
import { makeToken, testContext } from '../helpers/provider.js';
import { atlasFake, wire, type AtlasFakeOptions, type AtlasKey } from './atlas-fake.js';

const PROD = '6a1f0c2b3d4e5f6a7b8c9d01';
const STAG = '6a1f0c2b3d4e5f6a7b8c9d02';
const OWNER = { pub: 'xpfmpifq', priv: '5c8a3e91-2b7d-4f6a-9e0c-1d3b5f7a9c2e' };
const READER = { pub: 'rdonlyqa', priv: '8f2d6b4a-1c3e-4a5b-9d7f-0e2c4a6b8d1f' };
const CLUSTER = 'atlas:acme-production/prod-main';
const BACKUPS = 'atlas:acme-production/prod-main/cloud-backup';

const projectRoutes = (overrides: Record<string, string | (() => FakeResponse)> = {}): Record<string, string | (() => FakeResponse)> => ({
  '/api/atlas/v2/orgs': 'orgs.json',
  [`/api/atlas/v2/groups/${PROD}/clusters`]: 'clusters-production.json',
  [`/api/atlas/v2/groups/${STAG}/clusters`]: 'clusters-staging.json',
  [`/api/atlas/v2/groups/${PROD}/backupCompliancePolicy`]: 'not-found.json',
  [`/api/atlas/v2/groups/${STAG}/backupCompliancePolicy`]: 'not-found.json',
  [`/api/atlas/v2/groups/${PROD}/clusters/prod-main/backup/schedule`]: 'schedule-prod-main.json',
  [`/api/atlas/v2/groups/${PROD}/clusters/prod-main/backup/snapshots`]: 'snapshots-prod-main.json',
  ...overrides,
});

const KEYS = (overrides: Record<string, string | (() => FakeResponse)> = {}): Record<string, AtlasKey> => ({
  [OWNER.pub]: {
    privateKey: OWNER.priv,
    routes: projectRoutes({ '/api/atlas/v2': 'system-status-org-owner.json', '/api/atlas/v2/groups': 'groups.json', ...overrides }),
  },
  [READER.pub]: {
    privateKey: READER.priv,
    routes: projectRoutes({ '/api/atlas/v2': 'system-status-read-only.json', '/api/atlas/v2/groups': 'groups-production-only.json', ...overrides }),
  },
});

let server: FakeServer | undefined;
afterEach(async () => {
  if (server) {
    // Read-only for Atlas: GET only (POST creates, PATCH updates, DELETE terminates or deletes).
    expect(server.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual([]);
    await server.stop();
  }
  server = undefined;
});

async function serve(keys: Record<string, AtlasKey> = KEYS(), options: AtlasFakeOptions = {}): Promise<FakeServer> {
  server = await new FakeServer(atlasFake(keys, options).handler).start();
  return server;
}

const apiKey = (key: { pub: string; priv: string }): Token => makeToken('atlas.api-key', key.priv, { publicKey: key.pub });

async function verify(token: Token, overrides: Partial<ProviderContext> = {}): Promise<VerificationResult> {
  const ctx = testContext({ env: { BLASTRADIUS_ATLAS_API_URL: server?.url ?? 'http://127.0.0.1:9' }, ...overrides });
  const result = await atlas.verify(token, ctx);
  const text = JSON.stringify(result) + ctx.logs.join('\n');
  for (const secret of [OWNER.priv, READER.priv]) expect(text).not.toContain(secret);
  return result;
}

const assess = (token: Token, verification: VerificationResult) => assessBlastRadius({ token, verification, config: defaultConfig() });

describe('atlas: HTTP Digest', () => {
  it('computes the RFC 2617 example response (MD5, qop=auth)', () => {
    const challenge = parseDigestChallenge(
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    )!;
    expect(challenge).toMatchObject({ realm: 'testrealm@host.com', qop: 'auth', algorithm: 'MD5', stale: false });
    expect(
      digestResponse({
        challenge,
        username: 'Mufasa',
        password: 'Circle Of Life',
        method: 'GET',
        uri: '/dir/index.html',
        cnonce: '0a4f113b',
        ncHex: '00000001',
      }),
    ).toBe('6629fae49393a05397450978507c4ef1');
  });

  it('reads the challenge as the Atlas docs print it (op="auth", stale=false)', () => {
    expect(parseDigestChallenge('Digest realm="MMS Public API", domain="", nonce="abc", algorithm=MD5, op="auth", stale=false')).toMatchObject({
      realm: 'MMS Public API',
      nonce: 'abc',
      qop: 'auth',
      stale: false,
    });
    expect(parseDigestChallenge('Bearer realm="x"')).toBeUndefined();
  });
});

describe('atlas provider', () => {
  it('Organization Owner key: deleteCluster over a production cluster whose snapshots die with it — critical and shared', async () => {
    await serve();
    const token = apiKey(OWNER);
    const result = await verify(token);
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({
      principal: OWNER.pub,
      type: 'programmatic-api-key',
      roles: ['ORG_OWNER (org 5e2a1b3c4d5e6f7a8b9c0d1e)'],
      endpoint: server!.url,
    });
    expect(result.resources.find((r) => r.id === CLUSTER)).toMatchObject({
      type: 'cluster',
      holdsBackups: true,
      attributes: { backupEnabled: true, continuousBackup: true, backupCompliancePolicy: false, organisation: 'Acme' },
    });
    expect(result.resources.find((r) => r.id === BACKUPS)).toMatchObject({
      type: 'cloud-backup',
      attributes: {
        snapshots: 3,
        latestSnapshotAt: '2026-08-21T12:00:09Z',
        retention: ['hourly: 7 days', 'daily: 7 days', 'weekly: 4 weeks'],
        pointInTimeRestoreDays: 7,
      },
    });
    expect(result.grants).toContainEqual(
      expect.objectContaining({
        action: 'destroy',
        resource: CLUSTER,
        operation: 'deleteCluster',
        evidence: expect.stringContaining('ORG_OWNER of organisation "Acme"'),
      }),
    );
    expect(result.grants).toContainEqual(expect.objectContaining({ action: 'destroy', resource: BACKUPS, operation: 'deleteClusterBackupSnapshot' }));
    expect(result.notes).toContain('atlas:acme-staging/staging-db has Cloud Backup off: no snapshots to restore from');

    const radius = assess(token, result);
    expect(radius).toMatchObject({ severity: 'critical', shared: true, production: 'destroy', backup: 'destroy' });
    const both = radius.paths.find((p) => p.operation === 'deleteCluster' && p.resource === CLUSTER)!;
    expect(both.alsoReaches).toEqual({ resourceClass: 'backup', reason: expect.stringContaining('retainBackups=true') });
    expect(radius.recommendations.join('\n')).toMatch(/Backup Compliance Policy/);
    // Every request after the first carried a Digest answer, none carried the private key.
    expect(server!.requests.filter((r) => r.headers.authorization).every((r) => String(r.headers.authorization).startsWith('Digest username="xpfmpifq"'))).toBe(
      true,
    );
  });

  it('Project Read Only key (the least-privilege role): reads only — below high, also in the possible bound', async () => {
    await serve();
    const token = apiKey(READER);
    const result = await verify(token);
    expect(result.status).toBe('live');
    expect(result.grants.every((g) => g.action === 'read')).toBe(true);
    expect(result.grants.map((g) => g.resource).sort()).toEqual([CLUSTER, BACKUPS].sort());
    expect(result.unknowns.filter((u) => u.upTo !== 'none')).toEqual([]);
    const radius = assess(token, result);
    expect(['low', 'medium']).toContain(radius.severity);
    expect(['low', 'medium']).toContain(radius.possible.severity);
  });

  it('a Backup Compliance Policy keeps the snapshots: terminating is still destroy, but no longer shared', async () => {
    await serve(KEYS({ [`/api/atlas/v2/groups/${PROD}/backupCompliancePolicy`]: 'compliance-active.json' }));
    const token = apiKey(OWNER);
    const result = await verify(token);
    expect(result.resources.find((r) => r.id === CLUSTER)?.holdsBackups).toBeUndefined();
    expect(result.protections).toContainEqual(expect.objectContaining({ kind: 'vault-lock', resource: BACKUPS, blocks: [] }));
    const radius = assess(token, result);
    expect(radius).toMatchObject({ severity: 'high', shared: false, production: 'destroy', backup: 'none' });
    expect(radius.possible.shared).toBe(false);
  });

  it('termination protection does not count against a Project Owner, who may turn it off', async () => {
    const guarded = (): FakeResponse => {
      const answer = wire('clusters-production.json') as { body: { results: { terminationProtectionEnabled: boolean }[] } };
      answer.body.results[0].terminationProtectionEnabled = true;
      return answer as FakeResponse;
    };
    await serve(KEYS({ [`/api/atlas/v2/groups/${PROD}/clusters`]: guarded }));
    const token = apiKey(OWNER);
    const radius = assess(token, await verify(token));
    expect(radius.protections).toContainEqual(
      expect.objectContaining({
        kind: 'deletion-protection',
        resource: CLUSTER,
        effective: false,
        reason: expect.stringContaining('updateCluster.terminationProtectionEnabled'),
      }),
    );
    expect(radius.severity).toBe('critical');
  });

  it('Project Backup Manager: shortens retention (backups) and restores over the cluster (production) — critical', async () => {
    const status = (): FakeResponse => {
      const answer = wire('system-status-read-only.json') as { body: { apiKey: { roles: object[] } } };
      answer.body.apiKey.roles = [{ groupId: PROD, roleName: 'GROUP_BACKUP_MANAGER' }];
      return answer as FakeResponse;
    };
    await serve(KEYS({ '/api/atlas/v2': status }));
    const token = apiKey(READER);
    const result = await verify(token);
    expect(result.grants.map((g) => `${g.action} ${g.resource} ${g.operation}`).sort()).toEqual(
      [`destroy ${BACKUPS} updateBackupSchedule`, `destroy ${CLUSTER} createBackupRestoreJob`].sort(),
    );
    expect(assess(token, result)).toMatchObject({ severity: 'critical', production: 'destroy', backup: 'destroy' });
  });

  it('revoked key: Atlas answers the Digest answer with 401 and a fresh challenge — invalid, after two requests', async () => {
    await serve();
    const result = await verify(apiKey({ pub: OWNER.pub, priv: '1f0e2d3c-4b5a-4697-8877-665544332211' }));
    expect(result.status).toBe('invalid');
    expect(result.detail).toContain('HTTP 401 to a Digest answer');
    expect(server!.requests.map((r) => Boolean(r.headers.authorization))).toEqual([false, true]);
  });

  it('a 401 without a Digest challenge (a proxy, not Atlas) is an error, never invalid', async () => {
    server = await new FakeServer(() => ({ status: 401, headers: { 'content-type': 'text/html' }, body: '<html>Unauthorized</html>' })).start();
    const result = await verify(apiKey(OWNER));
    expect(result.status).toBe('error');
    expect(result.detail).toContain('HTTP 401 without a Digest challenge');
    expect(server.requests).toHaveLength(1);
  });

  it('unreadable roles: Atlas answers without the key meta data — proven nothing, possibly critical (the key can see the production cluster)', async () => {
    const bare = (): FakeResponse => ({ status: 200, body: { appName: 'MongoDB Atlas', build: '83be55e1', throttling: false, links: [] } });
    await serve(KEYS({ '/api/atlas/v2': bare }));
    const token = apiKey(OWNER);
    const result = await verify(token);
    expect(result.status).toBe('live');
    expect(result.grants).toEqual([]);
    expect(result.unknowns).toContainEqual(expect.objectContaining({ what: 'the roles of this API key', upTo: 'admin' }));
    const radius = assess(token, result);
    expect(radius.severity).toBe('info');
    expect(radius.possible).toMatchObject({ severity: 'critical', shared: true, production: 'destroy', backup: 'destroy' });
  });

  it('a project whose clusters cannot be listed is an unknown up to destroy over that project', async () => {
    await serve(KEYS({ [`/api/atlas/v2/groups/${PROD}/clusters`]: 'forbidden.json' }));
    const result = await verify(apiKey(READER));
    expect(result.unknowns).toContainEqual(
      expect.objectContaining({
        what: 'which clusters project "acme-production" holds',
        upTo: 'destroy',
        resources: ['atlas:acme-production/*'],
        settle: `GET /api/atlas/v2/groups/${PROD}/clusters`,
      }),
    );
  });

  it('answers a stale nonce again, and reads the challenge spelled as the docs print it', async () => {
    await serve(KEYS(), { staleOnce: true, documentedOp: true });
    const result = await verify(apiKey(READER));
    expect(result.status).toBe('live');
  });

  it('provider down: 5xx and a closed port are error, never invalid', async () => {
    await serve(KEYS({ '/api/atlas/v2': 'server-error.json' }));
    const down = await verify(apiKey(OWNER), { retries: 0 });
    expect(down.status).toBe('error');
    expect(down.detail).toContain('HTTP 500');
    const refused = await atlas.verify(apiKey(OWNER), testContext({ env: { BLASTRADIUS_ATLAS_API_URL: await closedPortUrl() }, retries: 0 }));
    expect(refused.status).toBe('error');
  });

  it('a service account is not asked: minting its access token is a POST', async () => {
    await serve();
    const token = makeToken('atlas.service-account', 'mdb_sa_sk_us_Shgw3ivKqY98qgi4EXW94gaWC7FVXqm6m8qWE', { clientId: 'mdb_sa_id_6a5d80e8575ac46d09f118d9' });
    const result = await verify(token);
    expect(result).toMatchObject({ status: 'unverified', identity: { principal: 'mdb_sa_id_6a5d80e8575ac46d09f118d9', type: 'service-account' } });
    expect(result.unknowns).toEqual([expect.objectContaining({ upTo: 'admin' })]);
    expect(server!.requests).toEqual([]);
  });

  it('a private key without its public key is not asked', async () => {
    await serve();
    const result = await verify(makeToken('atlas.api-key', OWNER.priv));
    expect(result.status).toBe('unverified');
    expect(server!.requests).toEqual([]);
  });
});
