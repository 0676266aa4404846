import { describe, expect, it } from 'vitest';
import { anthropicAnswer, anthropicFake, anthropicRoutes } from '../../src/providers/anthropic/fake.js';
import { providerCases } from '../helpers/provider-cases.js';
import { grantsOf, useFake, verifyWith } from '../helpers/provider-harness.js';
import { makeToken } from '../helpers/provider.js';

const API_KEY = 'sk-ant-api03-to6vcTV_3aSxa0LuHwHRcBtZt5JEfcBR5Y8epz2Mnlos3QowKJpVu090kI7cKpvYMFqjXSznoapUyHdhmbko67AZ-Ro5PAA';
const ADMIN_KEY = 'sk-ant-admin01-Qm7Vx2Lp9Rt4Nw8Zc3Kb6Hf1Js5Dg0Ay7Ue2Wi9Oq4Tr8Ys3Xn6Mb1Lv5Kc0Pz7Gh2Fj9Dk4Sa8Er3Wt6Yu1Io5Pl0Mn7Bv2Cx9QAA';
const ORG = '5c1f0e2a-7b3d-4e8f-9a6b-2d4c8e1f3a5b';
const FULL = anthropicRoutes(ADMIN_KEY);
const fake = useFake(() => anthropicFake([API_KEY, ADMIN_KEY], FULL));
const apiKey = () => makeToken('anthropic.api-key', API_KEY);
// Both keys, whichever one is verified: neither may show up.
const verify = (secret: string) => verifyWith(fake, makeToken('anthropic.api-key', secret), {}, [API_KEY, ADMIN_KEY]);

describe('anthropic provider', () => {
  it('admin key: admin of the organisation, workspaces inventoried', async () => {
    const { result, requests } = await verify(ADMIN_KEY);
    expect(result.status).toBe('live');
    expect(grantsOf(result)).toEqual([`admin anthropic:${ORG}`]);
    expect(result.identity).toMatchObject({ principal: `${ORG}/admin-key`, type: 'admin-key', account: ORG, displayName: 'ACME Inc', endpoint: fake.url });
    expect(result.resources.map((r) => `${r.id} ${r.name}`)).toEqual([
      `anthropic:${ORG}/wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ production`,
      `anthropic:${ORG}/wrkspc_01Kb7ZQp3sNfT8yVx2LmRcDe research`,
    ]);
    expect(requests.map((r) => r.path)).toEqual(['/v1/organizations/me', '/v1/organizations/workspaces']);
  });

  it('standard key: organisation from the response header, read and delete of the workspace files', async () => {
    const { result, requests } = await verify(API_KEY);
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ type: 'api-key', account: ORG });
    expect(grantsOf(result)).toEqual([`destroy anthropic:${ORG}/files`, `read anthropic:${ORG}/files`]);
    expect(result.grants.find((g) => g.action === 'destroy')?.operation).toBe('DELETE /v1/files/{file_id}');
    expect(requests.map((r) => r.path)).toEqual(['/v1/models', '/v1/files']);
  });

  it('standard key whose files are not reachable: live, no grants, the files question stays unknown', async () => {
    fake.serve(anthropicFake([API_KEY], { ...FULL, '/v1/files': anthropicAnswer('error-permission.json', 403) }));
    const { result } = await verify(API_KEY);
    expect(result.status).toBe('live');
    expect(result.grants).toEqual([]);
    expect(result.unknowns.map((u) => u.reason).join('\n')).toMatch(/HTTP 403 \(permission_error\)/);
  });

  it('revoked key: 401 authentication_error is invalid', async () => {
    fake.serve(anthropicFake([], FULL));
    const { result } = await verify(API_KEY);
    expect(result.status).toBe('invalid');
    expect(result.detail).toMatch(/authentication_error/);
  });

  it('529 overloaded is error, not invalid', async () => {
    fake.serve(() => anthropicAnswer('error-overloaded.json', 529, {}));
    const { result } = await verify(API_KEY);
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/HTTP 529/);
  });

  providerCases(fake, apiKey, {
    serverError: { answer: anthropicAnswer('error-api.json', 500, {}), detail: /HTTP 500/ },
    rateLimited: anthropicAnswer('error-rate-limit.json', 429, { 'retry-after': '1' }),
  });
});
