import { afterEach, describe, expect, it } from 'vitest';
import { assessBlastRadius } from '../../src/assess/assess.js';
import { defaultConfig } from '../../src/config/config.js';
import type { VerificationResult } from '../../src/core/types.js';
import { assertReadOnlyDocument } from '../../src/providers/fly/client.js';
import fly from '../../src/providers/fly/index.js';
import { FakeServer, type FakeResponse, type RecordedRequest } from '../../src/providers/fake-server.js';
import { closedPortUrl } from '../helpers/provider-harness.js';
import { fixtureJson, makeToken, testContext } from '../helpers/provider.js';
import { ALL, READ, apps, featureSet, flyToken, ifPresent, org, unregistered } from './fly-fake.js';

const ACME = 1234567;
const WEB = 2002; // acme-web's internal_numeric_id in machines/apps-acme.json
const PROD_DB = 'fly:acme/acme-prod-db';

// `fly tokens create org`: one Organization caveat with every action (the shape of a real token's header, macaroon format.go).
const ORG_TOKEN = flyToken([org(ACME, ALL)]);
// An app-scoped (deploy) token: the app's actions inside IfPresent, reads elsewhere (flyio/caveats.md).
const DEPLOY_TOKEN = flyToken([org(ACME, ALL), ifPresent([apps({ [WEB]: ALL }), featureSet({ wg: ALL })], READ)]);
// `fly tokens create readonly`: the org token plus Organization{mask: r} (flyctl tokens/create.go runOrgRead).
const READONLY_TOKEN = flyToken([org(ACME, ALL), org(ACME, READ)]);
// A caveat type blastradius does not evaluate (FlySrc, 31): it can only narrow, so reach stays possible.
const OPAQUE_TOKEN = flyToken([org(ACME, ALL), unregistered(31)]);
const REVOKED_TOKEN = flyToken([org(ACME, ALL)]);
const USER_TOKEN = 'fo1_klshlvxQ6gXchD6sKl3IvX4IRKQ23K_q_YAPe7Mie9c';

type Profile = 'org' | 'deploy' | 'user' | 'revoked';
const PROFILES: Record<string, Profile> = {
  [ORG_TOKEN]: 'org',
  [READONLY_TOKEN]: 'org',
  [OPAQUE_TOKEN]: 'org',
  [DEPLOY_TOKEN]: 'deploy',
  [REVOKED_TOKEN]: 'revoked',
  [`Bearer ${USER_TOKEN}`]: 'user',
};

const wire = (name: string): FakeResponse => fixtureJson<FakeResponse>('fly', `${name}.json`);
const servers: FakeServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

/**
 * A fake api.fly.io + api.machines.dev: recorded answers per token. Access is recorded per token
 * profile (what Fly.io answered such a token), not computed from caveats: the fake must not test the provider's guess.
 */
async function flyServer(overrides: Record<string, () => FakeResponse> = {}): Promise<FakeServer> {
  const server = await new FakeServer((request) => {
    const override = overrides[request.path];
    if (override) return override();
    const profile = PROFILES[String(request.headers.authorization)];
    if (request.path === '/graphql') {
      if (!profile || profile === 'revoked') return wire('graphql/unauthenticated');
      return wire(profile === 'user' ? 'graphql/identity-user' : 'graphql/identity-org-token');
    }
    if (!profile || profile === 'revoked') return wire('machines/unauthorized');
    if (request.path === '/v1/apps') {
      const slug = request.query.get('org_slug');
      return slug === 'acme' || (slug === 'personal' && profile === 'user') ? wire(`machines/apps-${slug}`) : wire('machines/forbidden');
    }
    const app = /^\/v1\/apps\/([^/]+)\/volumes(?:\/([^/]+)\/snapshots)?$/.exec(request.path);
    if (!app) return { status: 404, body: { error: 'not found' } };
    if (profile === 'deploy' && app[1] !== 'acme-web') return wire('machines/forbidden');
    return wire(app[2] ? `machines/snapshots-${app[2]}` : `machines/volumes-${app[1]}`);
  }).start();
  servers.push(server);
  return server;
}

/** Read-only for Fly.io: GETs on the Machines API, and on /graphql only POSTed `query` documents. */
function expectReadOnly(requests: RecordedRequest[]): void {
  for (const request of requests) {
    if (request.path === '/graphql') {
      expect(request.method).toBe('POST');
      const { query } = JSON.parse(request.body) as { query: string };
      expect(query.trimStart()).toMatch(/^query\s/);
      expect(query).not.toMatch(/\b(mutation|subscription)\b/);
    } else {
      expect(request.method).toBe('GET');
    }
  }
}

async function verify(secret: string, server: FakeServer, rule = 'fly.macaroon', extra = {}): Promise<VerificationResult> {
  const ctx = testContext({ env: { BLASTRADIUS_FLY_API_URL: server.url }, ...extra });
  const bare = secret.replace(/^FlyV1 /, '');
  const result = await fly.verify(makeToken(rule, bare), ctx);
  expectReadOnly(server.requests);
  const output = JSON.stringify(result) + ctx.logs.join('\n');
  for (const piece of [bare, ...bare.split(',')]) expect(output).not.toContain(piece.slice(4, 40));
  return result;
}

const assess = (result: VerificationResult, rule = 'fly.macaroon') =>
  assessBlastRadius({ token: { id: 't', provider: 'fly', ruleId: rule, kind: 'macaroon', redacted: 'fm2_…' }, verification: result, config: defaultConfig() });

describe('fly provider', () => {
  it('org token: destroy over the production Postgres app, whose volume snapshots die with it: critical and shared', async () => {
    const server = await flyServer();
    const result = await verify(ORG_TOKEN, server);
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({
      principal: '5b0c3f2e-8d1a-5e7b-9c4d-2a6f8e1b3d5c@tokens.fly.io',
      type: 'org-scoped token (org 1234567: rwcdC)',
      account: 'acme',
      endpoint: server.url,
    });
    expect(result.grants).toContainEqual(
      expect.objectContaining({
        action: 'destroy',
        resource: PROD_DB,
        operation: 'apps:delete',
        evidence: expect.stringContaining('https://fly.io/docs/apps/delete/'),
      }),
    );
    expect(result.grants).toContainEqual(
      expect.objectContaining({ action: 'destroy', resource: `${PROD_DB}/volume/vol_9vw681egy1jj5xm4`, operation: 'volumes:delete' }),
    );
    const prod = result.resources.find((r) => r.id === PROD_DB);
    expect(prod).toMatchObject({ type: 'postgres-app', holdsBackups: true, attributes: { volumes: 2, snapshots: 3 } });
    expect(result.resources.find((r) => r.id === `${PROD_DB}/volume/vol_9vw681egy1jj5xm4`)?.attributes).toMatchObject({
      snapshotRetentionDays: 14,
      automaticSnapshots: true,
      snapshots: 2,
    });
    expect(result.resources.filter((r) => r.type === 'snapshot').map((r) => r.id)).toContain(`${PROD_DB}/snapshot/vs_4LNvXLLK0P6tk6KgqoexaBw`);
    // The staging database: automatic snapshots off and none left, so deleting it takes no backup.
    expect(result.resources.find((r) => r.id === 'fly:acme/acme-staging-db')?.holdsBackups).toBeUndefined();
    // Managed Postgres is not listable through a documented API: an unknown, as far as destroy.
    expect(result.unknowns).toContainEqual(expect.objectContaining({ upTo: 'destroy', resources: ['fly:acme/mpg/*'] }));
    expect(result.notes).toContain('the permission token has no expiry caveat');

    const radius = assess(result);
    expect(radius).toMatchObject({ production: 'destroy', backup: 'destroy', shared: true, severity: 'critical' });
    expect(radius.summary).toContain(`apps:delete on ${PROD_DB}`);
    expect(radius.recommendations.join('\n')).toMatch(/fly tokens create deploy/);
    expect(radius.recommendations.join('\n')).toMatch(/outside the app/);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /graphql',
      'GET /v1/apps',
      'GET /v1/apps/acme-prod-db/volumes',
      'GET /v1/apps/acme-prod-db/volumes/vol_9vw681egy1jj5xm4/snapshots',
      'GET /v1/apps/acme-prod-db/volumes/vol_q4qeekqzxze29dw4/snapshots',
      'GET /v1/apps/acme-staging-db/volumes',
      'GET /v1/apps/acme-staging-db/volumes/vol_grnejj355dqdj9kr/snapshots',
    ]);
    expect(server.requests[0].headers.authorization).toBe(ORG_TOKEN);
  });

  it('deploy token scoped to one stateless app: it can delete that app only, below high on both bounds', async () => {
    const server = await flyServer();
    const result = await verify(DEPLOY_TOKEN, server);
    expect(result.status).toBe('live');
    expect(result.identity?.type).toBe(`app-scoped token (apps ${WEB}), as fly tokens create deploy makes`);
    expect(result.grants.filter((g) => g.action === 'destroy').map((g) => g.resource)).toEqual(['fly:acme/acme-web']);
    expect(result.grants.some((g) => g.resource.startsWith(PROD_DB))).toBe(false);
    expect(result.unknowns.filter((u) => u.upTo !== 'none')).toEqual([]);
    expect(result.notes).toContain('volumes of acme/acme-prod-db not read: HTTP 403 (unauthorized)');
    const radius = assess(result);
    expect(['info', 'low', 'medium']).toContain(radius.severity);
    expect(['info', 'low', 'medium']).toContain(radius.possible.severity);
  });

  it('read-only org token: reads the production database and its snapshots, destroys nothing', async () => {
    const server = await flyServer();
    const result = await verify(READONLY_TOKEN, server);
    expect(result.identity?.type).toBe('read-only org token (org 1234567)');
    expect(new Set(result.grants.map((g) => g.action))).toEqual(new Set(['read']));
    expect(result.unknowns.filter((u) => u.upTo !== 'none')).toEqual([]);
    const radius = assess(result);
    expect(radius).toMatchObject({ production: 'read', backup: 'read', severity: 'medium', shared: false });
    expect(radius.possible.severity).toBe('medium');
  });

  it('a caveat it cannot evaluate: nothing proven, the possible bound is critical and names the caveat', async () => {
    const server = await flyServer();
    const result = await verify(OPAQUE_TOKEN, server);
    expect(result.status).toBe('live');
    expect(result.grants.filter((g) => g.action !== 'read')).toEqual([]);
    expect(result.unknowns).toContainEqual(
      expect.objectContaining({ what: 'whether this token can delete app acme-prod-db', upTo: 'destroy', reason: expect.stringContaining('FlySrc caveat') }),
    );
    const radius = assess(result);
    expect(radius.severity).not.toBe('critical');
    expect(radius.possible).toMatchObject({ production: 'destroy', backup: 'destroy', shared: true, severity: 'critical' });
    expect(radius.possible.because.map((b) => b.what)).toContain('whether this token can delete app acme-prod-db');
  });

  it('user token (fo1_): a Bearer, acting with its member role: destroy over every app of the org', async () => {
    const server = await flyServer();
    const result = await verify(USER_TOKEN, server, 'fly.user-token');
    expect(result.identity).toMatchObject({
      principal: 'jane@acme.example',
      type: 'user token (fo1_): acts as its user in every org',
      account: 'personal, acme',
    });
    expect(result.grants).toContainEqual(
      expect.objectContaining({ action: 'destroy', resource: PROD_DB, operation: 'apps:delete', evidence: expect.stringMatching(/^Member of org acme/) }),
    );
    expect(assess(result, 'fly.user-token')).toMatchObject({ severity: 'critical', shared: true });
    expect(server.requests.every((r) => r.headers.authorization === `Bearer ${USER_TOKEN}`)).toBe(true);
  });

  it('revoked: GraphQL will not say who it is, and the Machines API answers its documented 401: invalid', async () => {
    const server = await flyServer();
    const result = await verify(REVOKED_TOKEN, server);
    expect(result.status).toBe('invalid');
    expect(result.detail).toContain('Machines API answered 401');
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /graphql', 'GET /v1/apps']);
    expect(assess(result).severity).toBe('info');
  });

  it('GraphQL refuses but the Machines API does not answer 401: error, never invalid', async () => {
    const server = await flyServer({ '/graphql': () => wire('graphql/unauthenticated') });
    const result = await verify(ORG_TOKEN, server);
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/did not call the token invalid \(HTTP 403\)/);
    expect(result.notes).toContain('token kind from its caveats: org-scoped token (org 1234567: rwcdC)');
  });

  it('provider down: a 5xx, a hang or a closed port is an error', async () => {
    const down = await flyServer({ '/graphql': () => wire('machines/server-error') });
    expect((await verify(ORG_TOKEN, down, 'fly.macaroon', { retries: 0 })).status).toBe('error');
    const hanging = await flyServer({ '/graphql': () => ({ hang: true }) });
    const timedOut = await verify(ORG_TOKEN, hanging, 'fly.macaroon', { timeoutMs: 300, retries: 0 });
    expect(timedOut.status).toBe('error');
    expect(timedOut.detail).toContain('timed out');
    // No answer says nothing about the token: the Machines API is not asked to settle it.
    expect(hanging.requests.map((r) => r.path)).toEqual(['/graphql']);
    const ctx = testContext({ env: { BLASTRADIUS_FLY_API_URL: await closedPortUrl() }, retries: 0 });
    expect((await fly.verify(makeToken('fly.macaroon', ORG_TOKEN.replace('FlyV1 ', '')), ctx)).status).toBe('error');
  });

  it('a volume listing that fails leaves the app counted as holding backups', async () => {
    const server = await flyServer({ '/v1/apps/acme-prod-db/volumes': () => wire('machines/server-error') });
    const result = await verify(ORG_TOKEN, server, 'fly.macaroon', { retries: 0 });
    expect(result.status).toBe('live');
    expect(result.resources.find((r) => r.id === PROD_DB)?.holdsBackups).toBe(true);
    expect(result.notes.join('\n')).toMatch(/volumes of acme\/acme-prod-db not read: .*HTTP 500/);
    expect(assess(result)).toMatchObject({ severity: 'critical', shared: true });
  });

  it('a permission token without its discharge token says so', async () => {
    const alone = flyToken([org(ACME, ALL)], { discharge: false });
    PROFILES[alone] = 'org';
    const server = await flyServer();
    const result = await verify(alone, server);
    expect(result.notes).toContain(
      "no discharge token for https://api.fly.io/aaa/v1 travels with it: Fly.io accepts the token only with one (a logged-in user's)",
    );
  });

  it('a token for an org the GraphQL API does not list: its apps are an unknown as far as its caveats allow', async () => {
    const other = flyToken([org(999, ALL)]);
    PROFILES[other] = 'org';
    const server = await flyServer();
    const result = await verify(other, server);
    expect(result.status).toBe('live');
    expect(result.resources).toEqual([]);
    expect(result.unknowns).toContainEqual(expect.objectContaining({ what: 'apps of org 999', upTo: 'destroy', resources: ['fly:*'] }));
    expect(server.requests.map((r) => r.path)).toEqual(['/graphql']);
  });

  it('a token Fly.io accepts but whose caveats do not decode: everything it sees is possible, nothing proven', async () => {
    const opaque = `FlyV1 fm2_${Buffer.from('a newer token format this version cannot read, 0123456789').toString('base64')}`;
    PROFILES[opaque] = 'org';
    const server = await flyServer();
    const result = await verify(opaque, server);
    expect(result.status).toBe('live');
    expect(result.grants).toEqual([]);
    expect(result.notes).toContain('1 piece(s) of the token did not decode as Fly.io macaroons');
    expect(result.unknowns).toContainEqual(expect.objectContaining({ what: 'what this token may do', upTo: 'destroy' }));
    expect(assess(result).possible).toMatchObject({ severity: 'critical', shared: true });
  });

  it('refuses to send a GraphQL mutation', () => {
    expect(() => assertReadOnlyDocument('mutation DeleteApp { deleteApp(appId: "x") { organization { id } } }')).toThrow(/read-only/);
    expect(() => assertReadOnlyDocument('query Q { viewer { email } } mutation M { deleteApp(appId: "x") { organization { id } } }')).toThrow(/read-only/);
    expect(() => assertReadOnlyDocument('{ viewer { email } }')).toThrow(/read-only/);
    expect(() => assertReadOnlyDocument('query Q { viewer { email } }')).not.toThrow();
  });
});
