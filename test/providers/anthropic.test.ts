import { transportFaultCases } from '../helpers/transport-faults.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { VerificationResult } from '../../src/core/types.js';
import anthropic from '../../src/providers/anthropic/index.js';
import { closedPortUrl, FakeServer, type FakeResponse, type RecordedRequest } from '../helpers/fake-server.js';
import { fixture, fixtureJson, makeToken, testContext } from '../helpers/provider.js';

const API_KEY = 'sk-ant-api03-to6vcTV_3aSxa0LuHwHRcBtZt5JEfcBR5Y8epz2Mnlos3QowKJpVu090kI7cKpvYMFqjXSznoapUyHdhmbko67AZ-Ro5PAA';
const ADMIN_KEY = 'sk-ant-admin01-Qm7Vx2Lp9Rt4Nw8Zc3Kb6Hf1Js5Dg0Ay7Ue2Wi9Oq4Tr8Ys3Xn6Mb1Lv5Kc0Pz7Gh2Fj9Dk4Sa8Er3Wt6Yu1Io5Pl0Mn7Bv2Cx9QAA';
const ORG = '5c1f0e2a-7b3d-4e8f-9a6b-2d4c8e1f3a5b';
const HEADERS = fixtureJson<Record<string, string>>('anthropic', 'headers.json');

const json = (name: string, status = 200, headers: Record<string, string> = HEADERS): FakeResponse => ({
  status,
  body: fixture('anthropic', name),
  headers: { 'content-type': 'application/json', ...headers },
});

type Routes = Record<string, (request: RecordedRequest) => FakeResponse>;

/** The Anthropic API as the fixtures record it: x-api-key plus the pinned anthropic-version. */
function api(routes: Routes, keys = [API_KEY, ADMIN_KEY]) {
  return (request: RecordedRequest): FakeResponse => {
    if (request.headers['anthropic-version'] !== '2023-06-01') return { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'anthropic-version header is required' } } };
    if (!keys.includes(String(request.headers['x-api-key']))) return json('error-authentication.json', 401, {});
    return routes[request.path]?.(request) ?? { status: 404, body: { type: 'error', error: { type: 'not_found_error', message: 'Not found' } } };
  };
}

const FULL: Routes = {
  '/v1/models': () => json('models.json'),
  '/v1/files': (request) => (request.headers['anthropic-beta'] === 'files-api-2025-04-14' ? json('files.json') : json('error-permission.json', 400)),
  '/v1/organizations/me': (request) => (request.headers['x-api-key'] === ADMIN_KEY ? json('organization-me.json') : json('error-permission.json', 403)),
  '/v1/organizations/workspaces': (request) => (request.headers['x-api-key'] === ADMIN_KEY ? json('workspaces.json') : json('error-permission.json', 403)),
};

let server: FakeServer;
beforeAll(async () => {
  server = await new FakeServer(api(FULL)).start();
});
afterAll(() => server.stop());
beforeEach(() => {
  server.requests.length = 0;
  server.setHandler(api(FULL));
});

const ctxFor = (url: string, overrides = {}) => testContext({ env: { BLASTRADIUS_ANTHROPIC_API_URL: url }, ...overrides });

function expectSafe(result: VerificationResult, logs: string[]) {
  expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  for (const secret of [API_KEY, ADMIN_KEY]) {
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(logs.join('\n')).not.toContain(secret);
  }
}

const grantsOf = (result: VerificationResult) => result.grants.map((g) => `${g.action} ${g.resource}`).sort();

describe('anthropic provider', () => {
  it('admin key: admin of the organisation, workspaces inventoried', async () => {
    const ctx = ctxFor(server.url);
    const result = await anthropic.verify(makeToken('anthropic.api-key', ADMIN_KEY), ctx);
    expect(result.status).toBe('live');
    expect(grantsOf(result)).toEqual([`admin anthropic:${ORG}`]);
    expect(result.identity).toMatchObject({ principal: `${ORG}/admin-key`, type: 'admin-key', account: ORG, displayName: 'ACME Inc', endpoint: server.url });
    expect(result.resources.map((r) => `${r.id} ${r.name}`)).toEqual([
      `anthropic:${ORG}/wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ production`,
      `anthropic:${ORG}/wrkspc_01Kb7ZQp3sNfT8yVx2LmRcDe research`,
    ]);
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/organizations/me', '/v1/organizations/workspaces']);
    expectSafe(result, ctx.logs);
  });

  it('standard key: organisation from the response header, read and delete of the workspace files', async () => {
    const ctx = ctxFor(server.url);
    const result = await anthropic.verify(makeToken('anthropic.api-key', API_KEY), ctx);
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ type: 'api-key', account: ORG });
    expect(grantsOf(result)).toEqual([`destroy anthropic:${ORG}/files`, `read anthropic:${ORG}/files`]);
    expect(result.grants.find((g) => g.action === 'destroy')?.operation).toBe('DELETE /v1/files/{file_id}');
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/models', '/v1/files']);
    expectSafe(result, ctx.logs);
  });

  it('standard key whose files are not reachable: live, no grants, the files question stays unknown', async () => {
    server.setHandler(api({ ...FULL, '/v1/files': () => json('error-permission.json', 403) }));
    const ctx = ctxFor(server.url);
    const result = await anthropic.verify(makeToken('anthropic.api-key', API_KEY), ctx);
    expect(result.status).toBe('live');
    expect(result.grants).toEqual([]);
    expect(result.unknowns.map((u) => u.reason).join('\n')).toMatch(/HTTP 403 \(permission_error\)/);
    expectSafe(result, ctx.logs);
  });

  it('revoked key: 401 authentication_error is invalid', async () => {
    server.setHandler(api(FULL, []));
    const ctx = ctxFor(server.url);
    const result = await anthropic.verify(makeToken('anthropic.api-key', API_KEY), ctx);
    expect(result.status).toBe('invalid');
    expect(result.detail).toMatch(/authentication_error/);
    expectSafe(result, ctx.logs);
  });

  it('529 overloaded is error, not invalid', async () => {
    server.setHandler(() => json('error-overloaded.json', 529, {}));
    const ctx = ctxFor(server.url);
    const result = await anthropic.verify(makeToken('anthropic.api-key', API_KEY), ctx);
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/HTTP 529/);
    expectSafe(result, ctx.logs);
  });

  transportFaultCases({
    verify: (token, ctx) => anthropic.verify(token, ctx),
    token: () => makeToken('anthropic.api-key', API_KEY),
    server: () => server,
    ctxFor,
    serverError: { answer: json('error-api.json', 500, {}), detail: /HTTP 500/ },
    expectSafe,
  });

  it('rate limited (429 rate_limit_error + Retry-After) then recovered: live', async () => {
    let calls = 0;
    server.setHandler(api({ ...FULL, '/v1/models': () => (++calls === 1 ? json('error-rate-limit.json', 429, { 'retry-after': '1' }) : json('models.json')) }));
    const ctx = ctxFor(server.url);
    const result = await anthropic.verify(makeToken('anthropic.api-key', API_KEY), ctx);
    expect(result.status).toBe('live');
    expect(calls).toBe(2);
    expectSafe(result, ctx.logs);
  });

  it('base URL: ctx.apiUrls wins over the environment variable', async () => {
    const ctx = testContext({ env: { BLASTRADIUS_ANTHROPIC_API_URL: await closedPortUrl() }, apiUrls: { anthropic: server.url } });
    const result = await anthropic.verify(makeToken('anthropic.api-key', API_KEY), ctx);
    expect(result.status).toBe('live');
    expect(result.identity?.endpoint).toBe(server.url);
    expectSafe(result, ctx.logs);
  });
});
