import { describe, expect, it } from 'vitest';
import { DIGITALOCEAN_READS_ALL, digitaloceanFake } from '../../src/providers/digitalocean/fake.js';
import { recordedAnswer, type FakeResponse } from '../../src/providers/fake-kit.js';
import { providerCases } from '../helpers/provider-cases.js';
import { grantsOf, useFake, verifyWith } from '../helpers/provider-harness.js';
import { makeToken } from '../helpers/provider.js';

const PAT = 'dop_v1_6482c7cc0e6d1071d0b7b29b42783abc154ac792c1ef095a826e1aba7e2ec091';
const OAUTH = 'doo_v1_9f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';
const REFRESH = 'dor_v1_0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';
// databases.json carries the connection objects (with this password) the API really returns.
const DB_PASSWORD = 'wv78n3zpz42xezdk';
const TEAM = '5df3e3004a17e242b7c20ca6c9fc25b701a47ece';
const fake = useFake(() => digitaloceanFake(PAT));
const token = (secret = PAT) => makeToken('digitalocean.token', secret);
const verify = (secret = PAT, overrides = {}) => verifyWith(fake, token(secret), overrides, [DB_PASSWORD]);

describe('digitalocean provider', () => {
  it('live, broad: a personal access token that reads everything proves reads only; full access is an unknown up to admin', async () => {
    const { result, requests } = await verify();
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'b6fr89dbf6d9156cace5f3c78dc9851d957381ef', displayName: 'ops@acme.example', account: TEAM, team: 'Acme', type: 'personal access token (read only or full access: scopes not readable)', endpoint: fake.url });
    // Proven: the four listings answered. Not proven: any write or delete.
    expect(grantsOf(result)).toEqual(['read digitalocean:database/*', 'read digitalocean:droplet/*', 'read digitalocean:snapshot/*', 'read digitalocean:volume/*']);
    expect(result.unknowns).toEqual([
      {
        what: 'whether this token can create, update and delete (full access) or only read',
        reason: expect.stringContaining('DELETE /v2/databases/{uuid} (destroys its automated backups with it)'),
        upTo: 'admin',
        resources: [`digitalocean:team/${TEAM}`, 'digitalocean:droplet/*', 'digitalocean:volume/*', 'digitalocean:database/*', 'digitalocean:snapshot/*'],
        settle: expect.stringContaining('no read-only API call returns them'),
      },
    ]);
    const byId = Object.fromEntries(result.resources.map((r) => [r.id, r]));
    expect(Object.keys(byId).sort()).toEqual([
      'digitalocean:database/9cc10173-e9ea-4176-9dbc-a4cee4c4ff30',
      'digitalocean:droplet/3164444',
      'digitalocean:droplet/3164459',
      'digitalocean:snapshot/6372321',
      'digitalocean:snapshot/fbe805e8-866b-11e6-96bf-000f53315a41',
      'digitalocean:volume/506f78a4-e098-11e5-ad9f-000f53306ae1',
    ]);
    expect(byId['digitalocean:database/9cc10173-e9ea-4176-9dbc-a4cee4c4ff30'].holdsBackups).toBe(true);
    expect(byId['digitalocean:droplet/3164444'].holdsBackups).toBe(true);
    expect(byId['digitalocean:droplet/3164459'].holdsBackups).toBeUndefined();
    expect(requests.find((r) => r.path === '/v2/volumes')?.query.get('per_page')).toBe('200');
  });

  it('live, narrow: custom scopes proven by 403s — reads volumes and snapshots; deletes possible only on those two kinds', async () => {
    fake.serve(digitaloceanFake(PAT, { '/v2/account': 'forbidden', '/v2/droplets': 'forbidden', '/v2/volumes': 'volumes', '/v2/databases': 'forbidden', '/v2/snapshots': 'snapshots' }));
    const { result } = await verify();
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
  });

  it('an OAuth token (doo_v1_) that reads everything gets read grants only: its write grant is not visible', async () => {
    fake.serve(digitaloceanFake(OAUTH));
    const { result } = await verify(OAUTH);
    expect(result.identity?.type).toBe('OAuth token');
    expect(result.grants.every((g) => g.action === 'read')).toBe(true);
    expect(result.unknowns).toEqual([expect.objectContaining({ reason: expect.stringContaining('an OAuth token (scope read, or read write)'), upTo: 'admin' })]);
  });

  it('invalid: 401 "Unable to authenticate you" is status invalid and nothing more is asked', async () => {
    fake.serve(digitaloceanFake('dop_v1_another'));
    const { result, requests } = await verify();
    expect(result.status).toBe('invalid');
    expect(requests.map((r) => r.path)).toEqual(['/v2/account']);
  });

  it('a failed listing leaves a live result with an unknown', async () => {
    fake.serve(digitaloceanFake(PAT, { ...DIGITALOCEAN_READS_ALL, '/v2/databases': 'server-error' }));
    const { result } = await verify(PAT, { retries: 0 });
    expect(result.status).toBe('live');
    expect(result.resources.some((r) => r.type === 'database')).toBe(false);
    expect(result.unknowns).toContainEqual(expect.objectContaining({ what: 'which databases this token can reach', upTo: 'destroy', resources: ['digitalocean:database/*'], settle: 'GET /v2/databases' }));
  });

  it('a listing with more pages: the unread pages are an unknown over that kind, with the read that settles it', async () => {
    const paged = (): FakeResponse => {
      const droplets = recordedAnswer('digitalocean', 'droplets') as { body: { links?: object } };
      return { ...droplets, body: { ...droplets.body, links: { pages: { next: 'https://api.digitalocean.com/v2/droplets?page=2&per_page=200' } } } };
    };
    fake.serve(digitaloceanFake(PAT, { ...DIGITALOCEAN_READS_ALL, '/v2/droplets': paged }));
    const { result } = await verify();
    expect(result.unknowns).toContainEqual({ what: 'droplets past the first page', reason: 'only the first page was read', upTo: 'destroy', resources: ['digitalocean:droplet/*'], settle: 'GET /v2/droplets?per_page=200&page=2' });
  });

  it('a refresh token (dor_v1_) is not asked: it only works with a POST that mints a token', async () => {
    const { result, requests } = await verify(REFRESH);
    expect(result.status).toBe('unverified');
    expect(requests).toEqual([]);
  });

  providerCases(fake, token, {
    serverError: { answer: recordedAnswer('digitalocean', 'server-error'), detail: /HTTP 500/ },
    rateLimited: recordedAnswer('digitalocean', 'rate-limited'),
  });

  it('declares its rules and documentation', async () => {
    const { default: digitalocean } = await import('../../src/providers/digitalocean/index.js');
    expect(digitalocean.rules).toEqual(['digitalocean.token']);
    expect(digitalocean.docsUrl).toMatch(/^https:\/\/docs\.digitalocean\.com\//);
  });
});
