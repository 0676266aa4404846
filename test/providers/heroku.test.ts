import { afterEach, describe, expect, it } from 'vitest';
import { assessBlastRadius } from '../../src/assess/assess.js';
import { defaultConfig } from '../../src/config/config.js';
import type { Token, VerificationResult } from '../../src/core/types.js';
import heroku from '../../src/providers/heroku/index.js';
import type { ProviderContext } from '../../src/providers/types.js';
import { FakeServer, type FakeResponse, type RecordedRequest } from '../../src/providers/fake-server.js';
import { closedPortUrl } from '../helpers/provider-harness.js';
import { fixtureJson, makeToken, testContext } from '../helpers/provider.js';

// Tokens of the OAuth authorizations in fixtures/providers/heroku/authorizations.json.
const GLOBAL = 'HRKU-57dce771-afad-4c41-a8a5-d10b7fbc743c';
const READ = 'HRKU-3b1f9a2e-6c4d-4e8f-a1b2-c3d4e5f6a7b8';
const WRITE = 'd5540a95-474a-4feb-b695-464ce054c449';
const CLI_TOKEN = 'HRKU-9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
// The Dashboard's account API key: accepted, but not among the listed authorizations.
const ACCOUNT_KEY = 'ef54bc85-b47a-46cf-bdb8-abb4eb280c5e';
const DB = 'heroku:acme-production/postgresql-cubed-12345';
const BACKUPS = 'heroku:acme-production/postgresql-cubed-12345/pg-backups';

const wire = (name: string): FakeResponse => fixtureJson<FakeResponse>('heroku', `${name}.json`);
const ROUTES: Record<string, string> = { '/account': 'account', '/oauth/authorizations': 'authorizations', '/apps': 'apps', '/addons': 'addons' };

/** A fake api.heroku.com: Bearer tokens it knows, the Accept header the API requires, recorded answers by path. */
function herokuFake(overrides: Record<string, () => FakeResponse> = {}): (r: RecordedRequest) => FakeResponse {
  const known = new Set([GLOBAL, READ, WRITE, CLI_TOKEN, ACCOUNT_KEY]);
  return (request) => {
    if (request.method !== 'GET') return { status: 405, body: { id: 'method_not_allowed', message: 'not in this fake' } };
    if (request.headers.accept !== 'application/vnd.heroku+json; version=3')
      return { status: 406, body: { id: 'not_acceptable', message: 'Accept header must be application/vnd.heroku+json; version=3' } };
    if (!known.has(String(request.headers.authorization ?? '').replace(/^Bearer /, ''))) return wire('unauthorized');
    const override = overrides[request.path];
    if (override) return override();
    const route = ROUTES[request.path];
    return route ? wire(route) : { status: 404, body: { id: 'not_found', message: `Couldn't find that ${request.path}.` } };
  };
}

let server: FakeServer | undefined;
afterEach(async () => {
  if (server) {
    expect(server.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual([]);
    await server.stop();
  }
  server = undefined;
});

async function verify(
  secret: string,
  overrides: Record<string, () => FakeResponse> = {},
  ctx: Partial<ProviderContext> = {},
): Promise<{ token: Token; result: VerificationResult }> {
  server = await new FakeServer(herokuFake(overrides)).start();
  const context = testContext({ env: { BLASTRADIUS_HEROKU_API_URL: server.url }, ...ctx });
  const token = makeToken(secret.startsWith('HRKU-') ? 'heroku.api-key' : 'heroku.api-key-legacy', secret);
  const result = await heroku.verify(token, context);
  // Neither this token nor any other token of the authorizations list may reach the result or the logs.
  const text = JSON.stringify(result) + context.logs.join('\n');
  for (const other of [GLOBAL, READ, WRITE, CLI_TOKEN, ACCOUNT_KEY]) expect(text).not.toContain(other.replace(/^HRKU-/, ''));
  return { token, result };
}

const assess = (token: Token, verification: VerificationResult) => assessBlastRadius({ token, verification, config: defaultConfig() });

describe('heroku provider', () => {
  it('global token: deprovisions the production database and deletes its PGBackups — critical and shared', async () => {
    const { token, result } = await verify(GLOBAL);
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({
      principal: 'jane@acme.example',
      type: 'oauth-authorization (global)',
      scopes: ['global'],
      description: 'deploy bot (global)',
    });
    expect(result.grants).toContainEqual(expect.objectContaining({ action: 'destroy', resource: DB, operation: 'DELETE /apps/{app}/addons/{addon}' }));
    expect(result.grants).toContainEqual(expect.objectContaining({ action: 'destroy', resource: BACKUPS, operation: 'pg:backups:delete' }));
    expect(result.resources.find((r) => r.id === BACKUPS)).toMatchObject({ type: 'pg-backups', attributes: { continuousProtection: true, pgBackups: null } });
    expect(result.resources.find((r) => r.id === 'heroku:acme-staging/postgresql-round-67890/pg-backups')?.attributes).toMatchObject({
      continuousProtection: false,
    });
    // A team app the account does not own: what it may do there is an unknown, not a grant.
    expect(result.grants.some((g) => g.resource.startsWith('heroku:partner-dashboard') && g.action !== 'read')).toBe(false);
    expect(result.unknowns).toContainEqual(
      expect.objectContaining({ what: 'whether this user may delete app partner-dashboard or its databases', upTo: 'destroy' }),
    );
    const radius = assess(token, result);
    expect(radius).toMatchObject({ severity: 'critical', shared: true, production: 'destroy', backup: 'destroy' });
    expect(radius.recommendations.join('\n')).toMatch(/--scope read/);
    expect(server!.requests.find((r) => r.path === '/apps')?.headers.range).toBe('id ..; max=1000');
  });

  it('read scope (the least-privilege token): reads only — below high, also in the possible bound', async () => {
    const { token, result } = await verify(READ);
    expect(result.identity).toMatchObject({ scopes: ['read'] });
    expect(result.grants.every((g) => g.action === 'read')).toBe(true);
    expect(result.unknowns.filter((u) => u.upTo !== 'none')).toEqual([]);
    const radius = assess(token, result);
    expect(['low', 'medium']).toContain(radius.severity);
    expect(['low', 'medium']).toContain(radius.possible.severity);
  });

  it('write scope (a legacy unprefixed token): deletes the database; whether its backups go too is unknown — high, possibly critical', async () => {
    const { token, result } = await verify(WRITE);
    expect(result.identity).toMatchObject({ scopes: ['write'], client: 'HireFire' });
    expect(result.grants).toContainEqual(expect.objectContaining({ action: 'destroy', resource: DB }));
    expect(result.grants.some((g) => g.resource === BACKUPS)).toBe(false);
    expect(result.unknowns).toContainEqual(
      expect.objectContaining({ what: expect.stringContaining('whether deprovisioning postgresql-cubed-12345'), upTo: 'destroy', resources: [BACKUPS] }),
    );
    const radius = assess(token, result);
    expect(radius).toMatchObject({ severity: 'high', shared: false });
    expect(radius.possible).toMatchObject({ severity: 'critical', shared: true });
  });

  it('revoked token: 401 with the documented {"id": "unauthorized"} body — invalid, nothing else asked', async () => {
    const { result } = await verify('HRKU-0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d');
    expect(result.status).toBe('invalid');
    expect(server!.requests.map((r) => r.path)).toEqual(['/account']);
  });

  it('a 401 without the documented body (a proxy) is an error, not invalid', async () => {
    const { result } = await verify(GLOBAL, {
      '/account': () => ({ status: 401, headers: { 'content-type': 'text/html' }, body: '<html>Unauthorized</html>' }),
    });
    expect(result.status).toBe('error');
  });

  it("a 403 with Heroku's error body on /account is a missing permission, not a failed call: live, the account an unknown", async () => {
    const { result } = await verify(GLOBAL, { '/account': () => wire('forbidden') });
    expect(result.status).toBe('live');
    expect(result.identity?.principal).toBe('unknown (the token cannot read its account)');
    expect(result.unknowns).toContainEqual(
      expect.objectContaining({ what: 'which account this token belongs to', upTo: 'none', reason: 'Heroku GET /account: HTTP 403 forbidden' }),
    );
    expect(server!.requests.map((r) => r.path)).toEqual(['/account', '/oauth/authorizations', '/apps', '/addons']);
  });

  it('a 403 without the error body (a proxy) is an error', async () => {
    const { result } = await verify(GLOBAL, { '/account': () => ({ status: 403, headers: { 'content-type': 'text/html' }, body: '<html>Forbidden</html>' }) });
    expect(result.status).toBe('error');
    expect(result.detail).toContain('HTTP 403 with a body that is not JSON');
  });

  it('the account API key is not in the authorizations list: its scope is an unknown — nothing proven, possibly critical', async () => {
    const { token, result } = await verify(ACCOUNT_KEY);
    expect(result.status).toBe('live');
    expect(result.identity?.type).toBe('api-token (scope not readable)');
    expect(result.grants).toEqual([]);
    expect(result.unknowns).toContainEqual(expect.objectContaining({ what: 'what this token may do (its OAuth scope)', upTo: 'admin' }));
    const radius = assess(token, result);
    expect(radius.severity).toBe('info');
    expect(radius.possible).toMatchObject({ severity: 'critical', shared: true, production: 'destroy', backup: 'destroy' });
  });

  it('a 403 on the authorizations list leaves the scope unknown too', async () => {
    const { result } = await verify(GLOBAL, { '/oauth/authorizations': () => wire('forbidden') });
    expect(result.unknowns).toContainEqual(expect.objectContaining({ upTo: 'admin', reason: expect.stringContaining('HTTP 403 forbidden') }));
  });

  it('more apps than one page (Next-Range): the rest is an unknown', async () => {
    const { result } = await verify(READ, {
      '/apps': () => ({ ...wire('apps'), status: 206, headers: { 'content-type': 'application/json', 'next-range': ']acme-staging..; max=1000' } }),
    });
    expect(result.unknowns).toContainEqual(expect.objectContaining({ what: 'apps past the first 1000', upTo: 'destroy' }));
  });

  it('provider down: 5xx and a closed port are error, never invalid', async () => {
    const { result } = await verify(GLOBAL, { '/account': () => wire('server-error') }, { retries: 0 });
    expect(result.status).toBe('error');
    const refused = await heroku.verify(
      makeToken('heroku.api-key', GLOBAL),
      testContext({ env: { BLASTRADIUS_HEROKU_API_URL: await closedPortUrl() }, retries: 0 }),
    );
    expect(refused.status).toBe('error');
  });
});
