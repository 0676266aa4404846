import { describe, expect, it } from 'vitest';
import { openaiAnswer, openaiFake, openaiRoutes } from '../../src/providers/openai/fake.js';
import { providerCases } from '../helpers/provider-cases.js';
import { grantsOf, useFake, verifyWith } from '../helpers/provider-harness.js';
import { makeToken } from '../helpers/provider.js';

const PROJECT_KEY =
  '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';
const ADMIN_KEY = 'sk-admin-Xq2vN8rTb5LmW1yZc7PaKd3FgHj6Es9UoQiR4tY0nB_Ws-MT3BlbkFJa8Zk2Lp5Qm9Rv3Tx7Wy1Nb4Hc6Jd0Fg';
const KEYS = [PROJECT_KEY, ADMIN_KEY];
const fake = useFake(() => openaiFake(KEYS));
const projectKey = () => makeToken('openai.api-key', PROJECT_KEY);
const verify = (secret: string, overrides = {}) => verifyWith(fake, makeToken('openai.api-key', secret), overrides, KEYS);

describe('openai provider', () => {
  it('admin key: admin of the organisation, its projects inventoried', async () => {
    const { result, requests } = await verify(ADMIN_KEY);
    expect(result.status).toBe('live');
    expect(grantsOf(result)).toEqual(['admin openai:acme-inc-x1y2z3']);
    expect(result.identity).toMatchObject({ type: 'admin-key', account: 'acme-inc-x1y2z3', endpoint: fake.url });
    expect(result.resources.map((r) => r.id)).toEqual(['openai:acme-inc-x1y2z3/proj_Prod7aK2mQ9xLw', 'openai:acme-inc-x1y2z3/proj_Stg3bN8pR1vZy']);
    expect(requests.map((r) => r.path)).toEqual(['/v1/organization/projects']);
  });

  it('unrestricted project key: reads the project files; writes stay unknown', async () => {
    const { result } = await verify(PROJECT_KEY);
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'proj_Prod7aK2mQ9xLw', type: 'project-key', account: 'acme-inc-x1y2z3' });
    expect(grantsOf(result)).toEqual(['read openai:acme-inc-x1y2z3/proj_Prod7aK2mQ9xLw/files']);
    expect(result.grants[0].evidence).toMatch(/2 file\(s\) listed/);
    expect(result.unknowns[0].what).toMatch(/upload or delete files/);
  });

  it('restricted key without files scope: live, no grants, the missing scope noted', async () => {
    fake.serve(openaiFake(KEYS, { ...openaiRoutes(), '/v1/files': openaiAnswer('error-missing-scopes-files.json', 401) }));
    const { result } = await verify(PROJECT_KEY);
    expect(result.status).toBe('live');
    expect(result.grants).toEqual([]);
    expect(result.notes.join('\n')).toMatch(/files not readable \(restricted key\).*api\.files\.read/);
  });

  it('a plain 401 on /v1/files after /v1/models accepted the key: live, and whether it reads files stays an unknown (not dropped)', async () => {
    fake.serve(openaiFake(KEYS, { ...openaiRoutes(), '/v1/files': openaiAnswer('error-invalid-api-key.json', 401) }));
    const { result } = await verify(PROJECT_KEY);
    expect(result.status).toBe('live');
    expect(result.grants).toEqual([]);
    expect(result.unknowns.map((u) => u.what)).toContain('whether this key can read stored files');
  });

  it('revoked key: 401 invalid_api_key is invalid', async () => {
    fake.serve(openaiFake([]));
    const { result } = await verify(PROJECT_KEY);
    expect(result.status).toBe('invalid');
    expect(result.detail).toMatch(/invalid_api_key/);
  });

  it('429 insufficient_quota is live (a valid key with no credit), not invalid and not error', async () => {
    const noQuota = openaiAnswer('error-insufficient-quota.json', 429);
    fake.serve(openaiFake(KEYS, { '/v1/models': noQuota, '/v1/files': noQuota }));
    const { result } = await verify(PROJECT_KEY, { retries: 1 });
    expect(result.status).toBe('live');
    expect(result.notes.join('\n')).toMatch(/no quota left/);
  });

  it('429 rate limit that never clears is error, not live', async () => {
    fake.serve(openaiFake(KEYS, { '/v1/models': openaiAnswer('error-rate-limit.json', 429) }));
    const { result } = await verify(PROJECT_KEY, { retries: 1 });
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/HTTP 429/);
  });

  providerCases(fake, projectKey, {
    serverError: { answer: openaiAnswer('error-server.json', 500), detail: /HTTP 500/ },
    rateLimited: openaiAnswer('error-rate-limit.json', 429, { 'retry-after': '1' }),
  });
});
