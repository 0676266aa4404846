import { transportFaultCases } from '../helpers/transport-faults.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { VerificationResult } from '../../src/core/types.js';
import openai from '../../src/providers/openai/index.js';
import { closedPortUrl, FakeServer, type FakeResponse, type RecordedRequest } from '../helpers/fake-server.js';
import { fixture, fixtureJson, makeToken, testContext } from '../helpers/provider.js';

const PROJECT_KEY =
  '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';
const ADMIN_KEY = 'sk-admin-Xq2vN8rTb5LmW1yZc7PaKd3FgHj6Es9UoQiR4tY0nB_Ws-MT3BlbkFJa8Zk2Lp5Qm9Rv3Tx7Wy1Nb4Hc6Jd0Fg';
const HEADERS = fixtureJson<Record<string, string>>('openai', 'headers.json');
const ADMIN_HEADERS = Object.fromEntries(Object.entries(HEADERS).filter(([name]) => name !== 'openai-project'));

const json = (name: string, status = 200, headers: Record<string, string> = HEADERS): FakeResponse => ({
  status,
  body: fixture('openai', name),
  headers: { 'content-type': 'application/json', ...headers },
});

type Routes = Record<string, () => FakeResponse>;

/** OpenAI REST as the fixtures record it; unknown keys get the documented invalid_api_key answer. */
function api(routes: Routes, keys = [PROJECT_KEY, ADMIN_KEY]) {
  return (request: RecordedRequest): FakeResponse => {
    if (!keys.some((k) => request.headers.authorization === `Bearer ${k}`)) return json('error-invalid-api-key.json', 401, {});
    return routes[request.path]?.() ?? { status: 404, body: { error: { message: 'not found', type: 'invalid_request_error', code: null } } };
  };
}

const FULL: Routes = {
  '/v1/models': () => json('models.json'),
  '/v1/files': () => json('files.json'),
  '/v1/organization/projects': () => json('admin-projects.json', 200, ADMIN_HEADERS),
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

const ctxFor = (url: string, overrides = {}) => testContext({ env: { BLASTRADIUS_OPENAI_API_URL: url }, ...overrides });

function expectSafe(result: VerificationResult, logs: string[]) {
  expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  for (const secret of [PROJECT_KEY, ADMIN_KEY]) {
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(logs.join('\n')).not.toContain(secret);
  }
}

const grantsOf = (result: VerificationResult) => result.grants.map((g) => `${g.action} ${g.resource}`).sort();

describe('openai provider', () => {
  it('admin key: admin of the organisation, its projects inventoried', async () => {
    const ctx = ctxFor(server.url);
    const result = await openai.verify(makeToken('openai.api-key', ADMIN_KEY), ctx);
    expect(result.status).toBe('live');
    expect(grantsOf(result)).toEqual(['admin openai:acme-inc-x1y2z3']);
    expect(result.identity).toMatchObject({ type: 'admin-key', account: 'acme-inc-x1y2z3', endpoint: server.url });
    expect(result.resources.map((r) => r.id)).toEqual(['openai:acme-inc-x1y2z3/proj_Prod7aK2mQ9xLw', 'openai:acme-inc-x1y2z3/proj_Stg3bN8pR1vZy']);
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/organization/projects']);
    expectSafe(result, ctx.logs);
  });

  it('unrestricted project key: reads the project files; writes stay unknown', async () => {
    const ctx = ctxFor(server.url);
    const result = await openai.verify(makeToken('openai.api-key', PROJECT_KEY), ctx);
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'proj_Prod7aK2mQ9xLw', type: 'project-key', account: 'acme-inc-x1y2z3' });
    expect(grantsOf(result)).toEqual(['read openai:acme-inc-x1y2z3/proj_Prod7aK2mQ9xLw/files']);
    expect(result.grants[0].evidence).toMatch(/2 file\(s\) listed/);
    expect(result.unknowns[0].what).toMatch(/upload or delete files/);
    expectSafe(result, ctx.logs);
  });

  it('restricted key without files scope: live, no grants, the missing scope noted', async () => {
    server.setHandler(api({ ...FULL, '/v1/files': () => json('error-missing-scopes-files.json', 401) }));
    const ctx = ctxFor(server.url);
    const result = await openai.verify(makeToken('openai.api-key', PROJECT_KEY), ctx);
    expect(result.status).toBe('live');
    expect(result.grants).toEqual([]);
    expect(result.notes.join('\n')).toMatch(/files not readable \(restricted key\).*api\.files\.read/);
    expectSafe(result, ctx.logs);
  });

  it('revoked key: 401 invalid_api_key is invalid', async () => {
    server.setHandler(api(FULL, []));
    const ctx = ctxFor(server.url);
    const result = await openai.verify(makeToken('openai.api-key', PROJECT_KEY), ctx);
    expect(result.status).toBe('invalid');
    expect(result.detail).toMatch(/invalid_api_key/);
    expectSafe(result, ctx.logs);
  });

  it('429 insufficient_quota is live (a valid key with no credit), not invalid and not error', async () => {
    server.setHandler(api({ '/v1/models': () => json('error-insufficient-quota.json', 429), '/v1/files': () => json('error-insufficient-quota.json', 429) }));
    const ctx = ctxFor(server.url, { retries: 1 });
    const result = await openai.verify(makeToken('openai.api-key', PROJECT_KEY), ctx);
    expect(result.status).toBe('live');
    expect(result.notes.join('\n')).toMatch(/no quota left/);
    expectSafe(result, ctx.logs);
  });

  it('429 rate limit that never clears is error, not live', async () => {
    server.setHandler(api({ '/v1/models': () => json('error-rate-limit.json', 429) }));
    const ctx = ctxFor(server.url, { retries: 1 });
    const result = await openai.verify(makeToken('openai.api-key', PROJECT_KEY), ctx);
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/HTTP 429/);
    expectSafe(result, ctx.logs);
  });

  it('rate limited (429 + Retry-After) then recovered: live', async () => {
    let calls = 0;
    server.setHandler(api({ ...FULL, '/v1/models': () => (++calls === 1 ? json('error-rate-limit.json', 429, { 'retry-after': '1' }) : json('models.json')) }));
    const ctx = ctxFor(server.url);
    const result = await openai.verify(makeToken('openai.api-key', PROJECT_KEY), ctx);
    expect(result.status).toBe('live');
    expect(calls).toBe(2);
    expectSafe(result, ctx.logs);
  });

  transportFaultCases({
    verify: (token, ctx) => openai.verify(token, ctx),
    token: () => makeToken('openai.api-key', PROJECT_KEY),
    server: () => server,
    ctxFor,
    serverError: { answer: json('error-server.json', 500), detail: /HTTP 500/ },
    expectSafe,
  });

  it('base URL: ctx.apiUrls wins over the environment variable', async () => {
    const ctx = testContext({ env: { BLASTRADIUS_OPENAI_API_URL: await closedPortUrl() }, apiUrls: { openai: server.url } });
    const result = await openai.verify(makeToken('openai.api-key', PROJECT_KEY), ctx);
    expect(result.status).toBe('live');
    expect(result.identity?.endpoint).toBe(server.url);
    expectSafe(result, ctx.logs);
  });
});
