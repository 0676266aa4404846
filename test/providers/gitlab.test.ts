import { describe, expect, it } from 'vitest';
import { recordedAnswer, type FakeResponse } from '../../src/providers/fake-kit.js';
import { GITLAB_BROAD, GITLAB_NARROW, gitlabFake } from '../../src/providers/gitlab/fake.js';
import { providerCases } from '../helpers/provider-cases.js';
import { closedPortUrl, grantsOf, useFake, verifyWith } from '../helpers/provider-harness.js';
import { makeToken } from '../helpers/provider.js';

const SECRET = 'glpat-NWYJQfXBXHz95Shzwa78';
const token = () => makeToken('gitlab.personal-access-token', SECRET);
const fake = useFake(() => gitlabFake(SECRET));

describe('gitlab provider', () => {
  it('live, broad: scope api over an owned group, an owned project and the personal namespace', async () => {
    const { result, requests } = await verifyWith(fake, token());
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({
      principal: 'alice',
      type: 'personal-access-token',
      scopes: ['api'],
      tokenName: 'deploy-helper',
      expiresAt: '2027-03-01',
      endpoint: fake.url,
    });
    expect(grantsOf(result)).toEqual([
      'admin gitlab:acme/*',
      'admin gitlab:alice/*',
      'destroy gitlab:acme/*',
      'destroy gitlab:acme/app',
      'destroy gitlab:alice/*',
      'write gitlab:acme/infra',
      'write gitlab:acme/platform/*',
      'write gitlab:acme/platform/db-backups',
    ]);
    const deleteApp = result.grants.find((g) => g.resource === 'gitlab:acme/app');
    expect(deleteApp).toMatchObject({ operation: 'DELETE /projects/:id', principal: 'alice' });
    expect(deleteApp?.evidence).toContain('scope api with the Owner role');
    expect(result.resources.map((r) => r.id).sort()).toEqual([
      'gitlab:acme',
      'gitlab:acme/app',
      'gitlab:acme/infra',
      'gitlab:acme/platform',
      'gitlab:acme/platform/db-backups',
    ]);
    // The associations call is limited to memberships (without it GitLab lists every public project).
    const associations = requests.find((r) => r.path.endsWith('/self/associations'));
    expect(associations?.query.get('min_access_level')).toBe('10');
  });

  it('live, narrow: a read_repository token as Reporter on one project reads it and nothing else', async () => {
    fake.serve(gitlabFake(SECRET, GITLAB_NARROW));
    const { result } = await verifyWith(fake, token());
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'user-id:9001', scopes: ['read_repository'] });
    expect(grantsOf(result)).toEqual(['read gitlab:acme/app']);
    expect(result.grants[0].evidence).toContain('scope read_repository with the Reporter role');
    // The user is unknown, but a read_repository token could only read in its namespace.
    expect(result.unknowns.find((u) => u.what.startsWith('the user behind this token'))).toMatchObject({
      upTo: 'read',
      settle: 'GET /users/9001 (with a token that may read users)',
    });
  });

  it('an instance administrator with scope api is admin over gitlab:*, with Admin Mode left as an unknown', async () => {
    const alice = recordedAnswer('gitlab', 'user-alice');
    const admin: FakeResponse = { ...alice, body: { ...(alice.body as object), is_admin: true } };
    fake.serve(gitlabFake(SECRET, { ...GITLAB_BROAD, '/user': admin }));
    const { result } = await verifyWith(fake, token());
    expect(result.identity?.type).toBe('personal-access-token (instance administrator)');
    expect(grantsOf(result)).toContain('admin gitlab:*');
    // Admin Mode could only take the administrator grants away: it does not widen the bound.
    expect(result.unknowns.find((u) => u.reason.includes('Admin Mode'))).toMatchObject({ upTo: 'none', resources: ['gitlab:*'] });
  });

  it("invalid: a revoked token whose context names this instance is status invalid with GitLab's reason", async () => {
    fake.serve(gitlabFake(SECRET, { '/personal_access_tokens/self': 'revoked', '/user': 'revoked' }));
    // CI_SERVER_URL in the token's file names the fake's host: its 401 is a verdict (src/providers/host.ts).
    const { result } = await verifyWith(fake, { ...token(), hints: [{ name: 'server-url', value: fake.url, file: '.env', line: 1 }] });
    expect(result.status).toBe('invalid');
    expect(result.detail).toContain('Token was revoked');
    expect(result.grants).toEqual([]);
  });

  it('provider down: 5xx on every attempt is status error, with unknowns, after exactly the retries', async () => {
    fake.serve(gitlabFake(SECRET, { '/personal_access_tokens/self': 'server-error' }));
    const { result, requests } = await verifyWith(fake, token(), { retries: 1 });
    expect(result.status).toBe('error');
    expect(result.unknowns.length).toBeGreaterThan(0);
    expect(requests).toHaveLength(2);
  });

  it('a failed sub-call (associations 500) leaves a live result with an unknown, not a lost result', async () => {
    fake.serve(
      gitlabFake(SECRET, { ...GITLAB_BROAD, '/personal_access_tokens/self/associations': { status: 500, body: { message: '500 Internal Server Error' } } }),
    );
    const { result } = await verifyWith(fake, token(), { retries: 0 });
    expect(result.status).toBe('live');
    expect(grantsOf(result)).toEqual(['admin gitlab:alice/*', 'destroy gitlab:alice/*']);
    // Scope api with an unknown role (up to Owner) on namespaces not shown: deletion is possible.
    expect(result.unknowns.find((u) => u.what === 'which groups and projects this token reaches, and with which role')).toMatchObject({
      upTo: 'destroy',
      settle: expect.stringContaining('/associations'),
    });
  });

  providerCases(fake, token, {
    serverError: { answer: recordedAnswer('gitlab', 'server-error'), detail: /HTTP 503/ },
    rateLimited: recordedAnswer('gitlab', 'rate-limited'),
  });

  it('base URL: a trailing slash on the flag is dropped; the account is the instance host', async () => {
    const { result, requests } = await verifyWith(fake, token(), {
      env: { BLASTRADIUS_GITLAB_API_URL: await closedPortUrl() },
      apiUrls: { gitlab: `${fake.url}/` },
      retries: 0,
    });
    expect(result.identity?.endpoint).toBe(fake.url);
    expect(result.identity?.account).toBe(new URL(fake.url).host);
    expect(requests.map((r) => r.path)).toContain('/api/v4/personal_access_tokens/self');
  });

  it('deploy tokens are not asked: unverified, with the unknowns stated and no request sent', async () => {
    const { result, requests } = await verifyWith(fake, makeToken('gitlab.deploy-token', 'gldt-Kx8PzQ2mVb7nRc4tLw9y'));
    expect(result.status).toBe('unverified');
    expect(result.grants).toEqual([]);
    expect(result.unknowns.length).toBeGreaterThan(0);
    for (const u of result.unknowns) expect(u).toMatchObject({ upTo: 'write', settle: expect.any(String) });
    expect(requests).toEqual([]);
  });

  it('declares its rules and documentation', async () => {
    const { default: gitlab } = await import('../../src/providers/gitlab/index.js');
    expect(gitlab.rules).toEqual(['gitlab.personal-access-token', 'gitlab.deploy-token']);
    expect(gitlab.docsUrl).toMatch(/^https:\/\/docs\.gitlab\.com\//);
  });
});
