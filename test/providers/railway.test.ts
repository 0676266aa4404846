import { describe, expect, it } from 'vitest';
import type { VerificationResult } from '../../src/core/types.js';
import type { FakeHandler, RecordedRequest } from '../../src/providers/fake-server.js';
import { assertReadOnlyDocument } from '../../src/providers/railway/client.js';
import { isQueryDocument, railwayFake } from '../../src/providers/railway/fake.js';
import { RAILWAY_GRAPHQL_URL, railwayEndpoint } from '../../src/providers/railway/index.js';
import { ALL_QUERIES } from '../../src/providers/railway/queries.js';
import type { ProviderContext } from '../../src/providers/types.js';
import { closedPortUrl, useFake, verifyWith } from '../helpers/provider-harness.js';
import { fixtureJson, makeToken, testContext } from '../helpers/provider.js';

const ACCOUNT = '3f1c9e2a-5b7d-4e8f-9a1b-2c3d4e5f6a7b';
const WORKSPACE = '9b2e4f6a-1c3d-4e5f-8a7b-6c5d4e3f2a1b';
const PROJECT = 'd4a7c1e9-3b6f-4a2d-8e5c-7f1b9a3d6c20';
const REVOKED = 'e8f1a2b3-c4d5-4e6f-a7b8-c9d0e1f2a3b4';
const INVITED_MEMBER = '6c8e0a2b-4d6f-4a8c-9e1b-3d5f7a9c1e2f';
const PORTAL_VOLUME = 'railway:client-portal/production/uploads';
const PROD_VOLUME = 'railway:acme-shop/production/postgres-volume';
const STAGING_VOLUME = 'railway:acme-shop/staging/postgres-volume';

// A fresh fake per test (its rate-limit windows start full); `fake` answers as it would.
let current: ReturnType<typeof railwayFake>;
const server = useFake(() => (current = railwayFake()));
const fake = (request: RecordedRequest) => current.handler(request);

function payload(request: RecordedRequest): { query: string; operationName?: string; variables?: Record<string, unknown> } {
  return JSON.parse(request.body) as { query: string; operationName?: string; variables?: Record<string, unknown> };
}

const operations = (requests: RecordedRequest[]) => requests.map((r) => payload(r).operationName);

// Every test: only POSTed GraphQL `query` documents reached the fake (the fake's `mutating`), no secret in the result or the logs.
async function verify(secret: string, overrides: Partial<ProviderContext> = {}): Promise<VerificationResult> {
  return (await verifyWith(server, makeToken('railway.api-token', secret), overrides)).result;
}

/** The fake's answer with the field at `path` nulled and GraphQL's error for it: a partial answer, as GraphQL gives one. */
function withNullAt(request: RecordedRequest, path: (string | number)[]) {
  const answer = fake(request);
  const body = structuredClone(answer.body) as { data: Record<string | number, unknown> };
  const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, body.data);
  parent[path[path.length - 1]] = null;
  return { ...answer, body: { ...body, errors: [{ message: 'Problem processing request', path, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } };
}

// The fake, except for the operations named here.
function overriding(answers: Record<string, FakeHandler>): FakeHandler {
  return (request, base) => answers[payload(request).operationName ?? '']?.(request, base) ?? fake(request);
}

describe('railway provider', () => {
  it('account token of a workspace Admin: admin over its projects, and volumeDelete on every volume (data and backups in one call)', async () => {
    const result = await verify(ACCOUNT);
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({
      principal: 'jane@acme-shop.dev',
      type: 'account-token',
      endpoint: `${server.url}/graphql/v2`,
      workspaceRoles: ['Acme: ADMIN', "Jane Park's Projects: ADMIN"],
    });
    expect(
      result.grants
        .filter((g) => g.action === 'admin')
        .map((g) => g.resource)
        .sort(),
    ).toEqual(['railway:acme-shop/*', 'railway:marketing-site/*']);
    expect(result.grants.some((g) => g.resource === 'railway:*')).toBe(false);
    for (const volume of [PROD_VOLUME, STAGING_VOLUME]) {
      expect(result.grants).toContainEqual(
        expect.objectContaining({
          action: 'destroy',
          resource: volume,
          operation: 'volumeDelete',
          evidence: expect.stringMatching(/^Admin of workspace "Acme" \(Railway workspace roles: .*only Admins may delete volumes.*deletes all its backups/),
        }),
      );
    }
    const prod = result.resources.find((r) => r.id === PROD_VOLUME);
    expect(prod).toMatchObject({
      type: 'volume',
      holdsBackups: true,
      attributes: {
        backups: 3,
        lastBackupAt: '2026-08-21T03:00:09.877Z',
        backupSchedules: ['DAILY'],
        mountPath: '/var/lib/postgresql/data',
        environment: 'production',
        service: 'Postgres',
        workspace: 'Acme',
      },
    });
    expect(result.resources.map((r) => r.id)).toEqual(
      expect.arrayContaining(['railway:acme-shop/production/api', 'railway:acme-shop/staging/Postgres', 'railway:marketing-site/production/web']),
    );
    expect(result.protections).toContainEqual(
      expect.objectContaining({ kind: 'soft-delete', resource: PROD_VOLUME, blocks: ['volumeDelete'], mitigationOnly: true }),
    );
    expect(result.notes).toContain(`${STAGING_VOLUME} has no backups and no backup schedule`);
    // Only what cannot bear on reach: an OAuth token's scope could lower the role, never raise it.
    expect(result.unknowns).toEqual([expect.objectContaining({ what: 'whether this is an account token or an OAuth access token', upTo: 'none' })]);
    expect(operations(server.requests).sort()).toEqual(
      [
        'ExternalWorkspaces',
        'Me',
        'Project',
        'Project',
        'Projects',
        'Projects',
        'VolumeInstanceBackups',
        'VolumeInstanceBackups',
        'WorkspaceMembers',
        'WorkspaceMembers',
      ].sort(),
    );
    expect(server.requests.every((r) => r.headers.authorization === `Bearer ${ACCOUNT}` && !r.headers['project-access-token'])).toBe(true);
  });

  it('account token of a user invited as a Member: write where the role allows it, no volumeDelete anywhere, not whole-account', async () => {
    const result = await verify(INVITED_MEMBER);
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'sam@acme-shop.dev', workspaceRoles: ['Acme: MEMBER', "Sam Lee's Projects: ADMIN"] });
    expect(result.grants.map((g) => `${g.action} ${g.resource}`).sort()).toEqual(['read railway:client-portal/*', 'write railway:acme-shop/*']);
    expect(result.grants.find((g) => g.resource === 'railway:acme-shop/*')?.evidence).toMatch(
      /^Member of workspace "Acme" \(Railway workspace roles: .*deleting volumes, services and projects is Admin-only/,
    );
    expect(result.grants.find((g) => g.resource === 'railway:client-portal/*')?.evidence).toMatch(/^Viewer of project "client-portal"/);
    // The volumes are seen, and nothing says they may be deleted.
    expect(
      result.resources
        .filter((r) => r.type === 'volume')
        .map((r) => r.id)
        .sort(),
    ).toEqual([PROD_VOLUME, STAGING_VOLUME, PORTAL_VOLUME]);
    expect(result.unknowns.filter((u) => u.upTo !== 'none')).toEqual([]);
    expect(operations(server.requests).filter((o) => o === 'ProjectMembers')).toHaveLength(2);
  });

  it('a project Owner role (ADMIN) grants volumeDelete in that project only', async () => {
    const owner = {
      status: 200,
      body: { data: { projectMembers: [{ id: '7b9d1f3a-5c7e-4b9d-a1c3-e5f7b9d1f3a5', email: 'sam@acme-shop.dev', role: 'ADMIN' }] } },
    };
    server.serve(overriding({ ProjectMembers: (r) => (payload(r).variables?.projectId === 'e7a9c1d3-5f7b-4a9c-b1d3-5f7b9d1f3a5c' ? owner : fake(r)) }));
    const result = await verify(INVITED_MEMBER);
    expect(result.grants.filter((g) => g.action === 'destroy').map((g) => g.resource)).toEqual([PORTAL_VOLUME]);
    expect(result.grants).toContainEqual(
      expect.objectContaining({ action: 'admin', resource: 'railway:client-portal/*', evidence: expect.stringContaining('Owner (ADMIN)') }),
    );
    expect(result.grants.find((g) => g.resource === 'railway:acme-shop/*')?.action).toBe('write');
  });

  it('a role Railway does not tell: what was read is granted, volumeDelete is an unknown up to destroy over that project, with the query that settles it', async () => {
    const refused = {
      status: 200,
      body: {
        ...fixtureJson<object>('railway', 'errors/not-authorized.json'),
        errors: [{ message: 'Not Authorized', path: ['workspace'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      },
    };
    server.serve(overriding({ WorkspaceMembers: (r) => (payload(r).variables?.workspaceId === 'a1c3e5f7-2b4d-4f6a-8c0e-9d1b3f5a7c9e' ? refused : fake(r)) }));
    const result = await verify(ACCOUNT);
    expect(result.status).toBe('live');
    expect(result.grants.filter((g) => g.resource.startsWith('railway:acme-shop')).map((g) => `${g.action} ${g.resource}`)).toEqual([
      'read railway:acme-shop/*',
    ]);
    expect(result.grants.filter((g) => g.action === 'destroy')).toEqual([]);
    expect(result.grants).toContainEqual(expect.objectContaining({ action: 'admin', resource: 'railway:marketing-site/*' }));
    expect(result.unknowns).toContainEqual({
      what: 'whether jane@acme-shop.dev may delete the volumes, services or project "acme-shop" (only an Admin role may)',
      reason: expect.stringMatching(/role in workspace "Acme": not visible to this token .*Not Authorized.*; role in project "acme-shop": not visible/),
      upTo: 'destroy',
      resources: ['railway:acme-shop/*'],
      settle: 'query WorkspaceMembers(workspaceId: "a1c3e5f7-2b4d-4f6a-8c0e-9d1b3f5a7c9e")',
    });
  });

  it('a GraphQL answer with data and errors keeps the data; the errors become an unknown', async () => {
    server.serve(
      overriding({
        Project: (r) =>
          payload(r).variables?.id === 'c3e5a7b9-4d6f-4b8c-a0e2-1f3b5d7c9e1a'
            ? withNullAt(r, ['project', 'volumes', 'edges', 0, 'node', 'volumeInstances', 'edges', 0, 'node', 'state'])
            : fake(r),
      }),
    );
    const result = await verify(ACCOUNT);
    expect(result.status).toBe('live');
    expect(result.resources.map((r) => r.id)).toEqual(expect.arrayContaining([PROD_VOLUME, STAGING_VOLUME]));
    expect(result.grants).toContainEqual(expect.objectContaining({ action: 'destroy', resource: PROD_VOLUME }));
    expect(result.unknowns).toContainEqual({
      what: 'part of the environments, services and volumes of project "acme-shop"',
      reason: 'Railway answered with data and errors: project.volumes.edges.0.node.volumeInstances.edges.0.node.state: Problem processing request',
      upTo: 'destroy',
      resources: ['railway:acme-shop/*'],
      settle: 'query Project(id: "c3e5a7b9-4d6f-4b8c-a0e2-1f3b5d7c9e1a")',
    });
  });

  it('identification keeps a partial `me` answer: the token is known, the errors are an unknown', async () => {
    server.serve(
      overriding({
        Me: (r) => withNullAt(r, ['me', 'name']),
      }),
    );
    const result = await verify(ACCOUNT);
    expect(result).toMatchObject({ status: 'live', identity: { principal: 'jane@acme-shop.dev', type: 'account-token' } });
    expect(result.unknowns).toContainEqual(
      expect.objectContaining({
        what: 'part of the user and the workspaces this token reaches',
        reason: 'Railway answered with data and errors: me.name: Problem processing request',
        upTo: 'destroy',
        resources: ['railway:*'],
      }),
    );
  });

  it('workspace token: admin over each project of its workspace, nothing outside it', async () => {
    const result = await verify(WORKSPACE);
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'workspace:Acme', type: 'workspace-token' });
    expect(result.grants.filter((g) => g.action === 'admin')).toEqual([
      expect.objectContaining({ resource: 'railway:acme-shop/*', evidence: expect.stringContaining('workspace token for "Acme"') }),
    ]);
    expect(
      result.grants
        .filter((g) => g.action === 'destroy')
        .map((g) => g.resource)
        .sort(),
    ).toEqual([PROD_VOLUME, STAGING_VOLUME]);
    expect(result.resources.some((r) => r.id.startsWith('railway:marketing-site'))).toBe(false);
    expect(operations(server.requests).slice(0, 2)).toEqual(['Me', 'ApiToken']);
  });

  it('project token: deploy and read in its one environment; volume deletion is an unknown, never a guess', async () => {
    const result = await verify(PROJECT);
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'project-token:acme-shop/staging', type: 'project-token' });
    expect(result.grants.map((g) => [g.action, g.resource])).toEqual([
      ['write', 'railway:acme-shop/staging/*'],
      ['read', 'railway:acme-shop/staging/*'],
    ]);
    expect(result.resources.filter((r) => r.type === 'volume').map((r) => r.id)).toEqual([STAGING_VOLUME]);
    expect(result.resources.some((r) => r.id.includes('/production/'))).toBe(false);
    expect(result.unknowns).toContainEqual(
      expect.objectContaining({ what: expect.stringContaining(`can delete ${STAGING_VOLUME}`), upTo: 'destroy', resources: [STAGING_VOLUME] }),
    );
    const projectCalls = server.requests.filter((r) => ['ProjectToken', 'Project', 'VolumeInstanceBackups'].includes(payload(r).operationName ?? ''));
    expect(projectCalls).toHaveLength(3);
    expect(projectCalls.every((r) => r.headers['project-access-token'] === PROJECT && !r.headers.authorization)).toBe(true);
  });

  it('revoked token: invalid only after every probe was refused', async () => {
    const result = await verify(REVOKED);
    expect(result.status).toBe('invalid');
    expect(result.detail).toContain('Not Authorized');
    expect(result.detail).toContain('Project Token not found');
    expect(operations(server.requests)).toEqual(['Me', 'ApiToken', 'ProjectToken']);
  });

  it('provider down (HTTP 503 on every attempt): error with the reason, never invalid', async () => {
    server.serve(() => ({ status: 503, body: 'upstream unavailable' }));
    const result = await verify(ACCOUNT, { retries: 1 });
    expect(result.status).toBe('error');
    expect(result.detail).toContain('HTTP 503');
    expect(server.requests).toHaveLength(2);
  });

  it('a 403 page that is not GraphQL (a proxy or bot wall in front of the API) on every probe: error, never invalid', async () => {
    server.serve(() => ({ status: 403, headers: { 'content-type': 'text/html' }, body: '<html><title>Attention Required!</title></html>' }));
    const result = await verify(ACCOUNT);
    expect(result.status).toBe('error');
    expect(result.detail).toContain('HTTP 403 with a body that is not JSON');
  });

  it('a JSON 403 without data or errors says the token is known but not allowed: error, never invalid', async () => {
    server.serve(() => ({ status: 403, body: {} }));
    expect((await verify(ACCOUNT)).status).toBe('error');
    server.serve(() => ({ status: 401, body: {} }));
    expect((await verify(ACCOUNT)).status).toBe('invalid');
  });

  it('timeout: error, never invalid', async () => {
    server.serve(() => ({ hang: true }));
    const result = await verify(ACCOUNT, { timeoutMs: 300 });
    expect(result.status).toBe('error');
    expect(result.detail).toContain('timed out');
  });

  it('connection refused: error', async () => {
    const url = await closedPortUrl();
    const result = await verify(ACCOUNT, { env: { BLASTRADIUS_RAILWAY_API_URL: url }, retries: 0 });
    expect(result.status).toBe('error');
    expect(result.detail).toContain('connection refused');
  });

  it('an unexpected GraphQL error on one probe makes the verdict error, not invalid, and is scrubbed of the token', async () => {
    server.serve(
      overriding({
        ApiToken: () => ({
          status: 400,
          body: { errors: [{ message: `Cannot parse token ${WORKSPACE}`, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] },
        }),
      }),
    );
    const result = await verify(WORKSPACE);
    expect(result.status).toBe('error');
    expect(result.detail).toContain('[REDACTED]');
  });

  it('schema drift (HTTP 400 validation failure) on every probe: error', async () => {
    server.serve(() => ({ status: 400, body: fixtureJson('railway', 'errors/validation-failed.json') as object }));
    const result = await verify(ACCOUNT);
    expect(result.status).toBe('error');
    expect(result.detail).toContain('Cannot query field');
  });

  it('a failed sub-call becomes an unknown on a live result, not a lost result', async () => {
    server.serve(
      overriding({
        VolumeInstanceBackups: (r) => (payload(r).variables?.volumeInstanceId === '3d5f7b9c-2e4a-4d6f-b8c0-9f1b3d5e7a9c' ? { status: 503 } : fake(r)),
      }),
    );
    const result = await verify(ACCOUNT, { retries: 0 });
    expect(result.status).toBe('live');
    expect(result.unknowns.filter((u) => u.upTo !== 'none' || u.what.startsWith('backups'))).toEqual([
      expect.objectContaining({ what: `backups of ${PROD_VOLUME}`, reason: expect.stringContaining('HTTP 503'), upTo: 'none', resources: [PROD_VOLUME] }),
    ]);
    expect(result.resources.find((r) => r.id === PROD_VOLUME)?.attributes?.backups).toBeNull();
    expect(result.grants).toContainEqual(expect.objectContaining({ action: 'destroy', resource: PROD_VOLUME }));
  });

  it('rate limited (429 with Retry-After), then recovered', async () => {
    const limited = fixtureJson<{ status: number; headers: Record<string, string>; body: object }>('railway', 'errors/rate-limited.json');
    let first = true;
    server.serve((request) => {
      if (!first) return fake(request);
      first = false;
      return limited;
    });
    const started = Date.now();
    const result = await verify(ACCOUNT);
    expect(result.status).toBe('live');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(operations(server.requests).slice(0, 2)).toEqual(['Me', 'Me']);
  });

  it('a 429 pauses every request of the token until Retry-After has passed, not only the one that got it', async () => {
    const limited = fixtureJson<{ status: number; headers: Record<string, string>; body: object }>('railway', 'errors/rate-limited.json');
    let limitedAt = 0;
    const arrivals: number[] = [];
    server.serve((request) => {
      arrivals.push(Date.now());
      if (!limitedAt && payload(request).operationName === 'VolumeInstanceBackups') {
        limitedAt = Date.now();
        return limited;
      }
      return fake(request);
    });
    const result = await verify(ACCOUNT);
    expect(result.status).toBe('live');
    expect(limitedAt).toBeGreaterThan(0);
    // The other volume's lookup was due 100 ms later: it waited for the Retry-After (1 s) too.
    const after = arrivals.filter((t) => t > limitedAt);
    expect(after.length).toBeGreaterThanOrEqual(2);
    expect(after.every((t) => t - limitedAt >= 950)).toBe(true);
    expect(result.unknowns.filter((u) => u.what.startsWith('backups'))).toEqual([]);
  });

  it('stays inside the rate limit Railway reports: stops while half of the window is left to its owner, and says what was not read', async () => {
    let remaining = 507;
    server.serve((request) => {
      const answer = fake(request);
      return { ...answer, headers: { ...answer.headers, 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': String(remaining--) } };
    });
    const result = await verify(ACCOUNT);
    expect(result.status).toBe('live');
    // 1000 × 50 % = 500 left to the owner: the answers said 507, 506, … so the scan stopped before 500.
    expect(remaining).toBeGreaterThanOrEqual(499);
    expect(server.requests.length).toBeLessThanOrEqual(8);
    const notSent = result.unknowns.filter((u) => u.reason.includes('not sent'));
    expect(notSent.length).toBeGreaterThan(0);
    expect(notSent[0].reason).toMatch(/request\(s\) left in this token's rate-limit window of 1000; the rest is left to its owner/);
  });

  it("without rate-limit headers, sends at most 50 requests per token (half of the Free plan's hourly 100)", async () => {
    let page = 0;
    const projects = overriding({
      Projects: () => ({
        body: {
          data: {
            projects: {
              edges: Array.from({ length: 50 }, (_, i) => ({ node: { id: `p-${page}-${i}`, name: `p${page}-${i}` } })),
              pageInfo: { hasNextPage: ++page < 2, endCursor: `c${page}` },
            },
          },
        },
      }),
    });
    server.serve(async (request, base) => ({ ...(await projects(request, base)), headers: {} }));
    const result = await verify(ACCOUNT);
    expect(result.status).toBe('live');
    expect(server.requests).toHaveLength(50);
    expect(result.unknowns.some((u) => /not sent: 50 requests sent and Railway reported no X-RateLimit-Remaining/.test(u.reason))).toBe(true);
  });

  it('stops paginating at the cap and says so', async () => {
    let page = 0;
    server.serve(
      overriding({
        Projects: () => ({ body: { data: { projects: { edges: [], pageInfo: { hasNextPage: true, endCursor: `cursor-${++page}` } } } } }),
      }),
    );
    const result = await verify(ACCOUNT);
    const pages = server.requests.filter((r) => payload(r).operationName === 'Projects');
    expect(pages).toHaveLength(8);
    expect(pages.map((r) => payload(r).variables?.after).slice(0, 2)).toEqual([undefined, 'cursor-1']);
    expect(result.unknowns).toContainEqual(expect.objectContaining({ reason: 'pagination cap reached', upTo: 'destroy', resources: ['railway:*'] }));
  });

  it('base URL: ctx.apiUrls beats the environment variable; an origin gets the GraphQL path; default is backboard', async () => {
    const unused = await closedPortUrl();
    const result = await verify(ACCOUNT, { env: { BLASTRADIUS_RAILWAY_API_URL: unused }, apiUrls: { railway: `${server.url}/graphql/v2` } });
    expect(result.status).toBe('live');
    expect(result.identity?.endpoint).toBe(`${server.url}/graphql/v2`);
    expect(server.requests.every((r) => r.path === '/graphql/v2')).toBe(true);
    expect(railwayEndpoint(testContext())).toEqual({ url: RAILWAY_GRAPHQL_URL, overridden: false });
    expect(railwayEndpoint(testContext({ env: { BLASTRADIUS_RAILWAY_API_URL: 'http://127.0.0.1:9' } })).url).toBe('http://127.0.0.1:9/graphql/v2');
  });

  it('sends only read-only documents: every query passes the guard, a mutation does not', async () => {
    for (const document of ALL_QUERIES) expect(() => assertReadOnlyDocument(document)).not.toThrow();
    expect(() => assertReadOnlyDocument('mutation VolumeDelete($id: String!) { volumeDelete(volumeId: $id) }')).toThrow(/read-only/);
    expect(() => assertReadOnlyDocument('query X { me { id } } mutation Y { volumeDelete(volumeId: "v") }')).toThrow();
    expect(() => assertReadOnlyDocument('{ me { id } }')).toThrow();
    // The fake's own check (run on every request of every test): the same documents are not read-only to it.
    const sent = (query: string, method = 'POST') => ({
      method,
      path: '/graphql/v2',
      query: new URLSearchParams(),
      headers: {},
      body: JSON.stringify({ query }),
    });
    expect(isQueryDocument(sent(ALL_QUERIES[0]))).toBe(true);
    expect(isQueryDocument(sent('mutation VolumeDelete($id: String!) { volumeDelete(volumeId: $id) }'))).toBe(false);
    expect(isQueryDocument(sent('query X { me { id } } mutation Y { volumeDelete(volumeId: "v") }'))).toBe(false);
    expect(isQueryDocument(sent(ALL_QUERIES[0], 'GET'))).toBe(false);
  });
});
