import { describe, expect, it } from 'vitest';
import { bearer, CLOUDFLARE_USER_TOKEN, cloudflareFake, globalKey } from '../../src/providers/cloudflare/fake.js';
import { recordedAnswer } from '../../src/providers/fake-kit.js';
import { providerCases } from '../helpers/provider-cases.js';
import { grantsOf, useFake, verifyWith } from '../helpers/provider-harness.js';
import { makeToken } from '../helpers/provider.js';

const TOKEN = 'TLql7V8lz7KyNkk4piKleKcxtOIkXJPtA_pdBI6g';
const GLOBAL_KEY = '1e5a3c9b7d2f4e6a8c0b1d3f5a7c9e2b4d6f8';
const ACCT = '01a7362d577a6c3019a474fd6f485823';
const ZONE1 = '023e105f4ecef8ad9ca31a8372d0c353';
const ZONE2 = '9a7806061c88ada191ed06f989cc3dac';
const TOKEN_DETAILS = '/user/tokens/f267e341f3dd4697bd3b9f71dd96247f';
const fake = useFake(() => cloudflareFake(bearer(TOKEN)));
const apiToken = () => makeToken('cloudflare.api-token', TOKEN);

describe('cloudflare provider: API tokens', () => {
  it('live, broad: policies become grants — DNS Write deletes, R2 Write deletes, API Tokens Write is admin, a deny is a protection', async () => {
    const { result, requests } = await verifyWith(fake, apiToken());
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({
      principal: 'token:f267e341f3dd4697bd3b9f71dd96247f',
      type: 'user API token',
      displayName: 'custom-domains',
      status: 'active',
      endpoint: fake.url,
    });
    expect(grantsOf(result, ['action', 'resource', 'operation'])).toEqual([
      'admin cloudflare:* API Tokens Write',
      `destroy cloudflare:account/${ACCT} Workers R2 Storage Write`,
      `destroy cloudflare:zone/${ZONE1} DNS Write`,
      `destroy cloudflare:zone/${ZONE2} DNS Write`,
      `read cloudflare:account/${ACCT} Account Settings Read`,
      `read cloudflare:zone/${ZONE1} Zone Read`,
      `read cloudflare:zone/${ZONE2} Zone Read`,
    ]);
    expect(result.grants.find((g) => g.operation === 'DNS Write')?.evidence).toContain('include delete');
    expect(result.protections).toEqual([expect.objectContaining({ kind: 'explicit-deny', resource: `cloudflare:zone/${ZONE2}`, blocks: ['DNS Write'] })]);
    expect(result.resources.map((r) => `${r.id} ${r.name}`)).toEqual([
      `cloudflare:account/${ACCT} Acme Production`,
      `cloudflare:zone/${ZONE1} acme.example`,
      `cloudflare:zone/${ZONE2} acme-backups.example`,
    ]);
    expect(requests.find((r) => r.path.endsWith('/zones'))?.query.get('per_page')).toBe('50');
  });

  it('live, narrow: one zone, read only, with its IP restriction noted', async () => {
    fake.serve(
      cloudflareFake(bearer(TOKEN), {
        ...CLOUDFLARE_USER_TOKEN,
        '/accounts': 'accounts-empty',
        '/zones': 'zones-narrow',
        [TOKEN_DETAILS]: 'token-details-narrow',
      }),
    );
    const { result } = await verifyWith(fake, apiToken());
    expect(result.status).toBe('live');
    expect(grantsOf(result, ['action', 'resource', 'operation'])).toEqual([
      `read cloudflare:zone/${ZONE1} DNS Read`,
      `read cloudflare:zone/${ZONE1} Zone Read`,
    ]);
    expect(result.notes).toContain('usable only from 203.0.113.0/24');
  });

  it('a token that cannot read its own policies: what it listed is read, the rest is unknown', async () => {
    fake.serve(cloudflareFake(bearer(TOKEN), { ...CLOUDFLARE_USER_TOKEN, [TOKEN_DETAILS]: 'forbidden' }));
    const { result } = await verifyWith(fake, apiToken());
    expect(result.status).toBe('live');
    expect(result.grants.every((g) => g.action === 'read')).toBe(true);
    expect(result.grants).toHaveLength(3);
    expect(result.unknowns.map((u) => u.what)).toContain('the permission policies of this token (what it can write or delete)');
  });

  it('an account-owned token (refused by /user/tokens/verify) is verified at /accounts/{id}/tokens/verify', async () => {
    fake.serve(
      cloudflareFake(bearer(TOKEN), {
        '/user/tokens/verify': 'invalid-token',
        '/accounts': 'accounts-account-owned',
        '/zones': 'zones',
        [`/accounts/${ACCT}/tokens/verify`]: 'verify-account-token',
        [`/accounts/${ACCT}/tokens/ed17574386854bf78a67040be0a770b0`]: 'forbidden',
      }),
    );
    const { result, requests } = await verifyWith(fake, apiToken());
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'token:ed17574386854bf78a67040be0a770b0', type: 'account API token', account: ACCT });
    expect(requests.map((r) => r.path)).toContain(`/client/v4/accounts/${ACCT}/tokens/verify`);
  });

  it('invalid: refused at /user/tokens/verify and at /accounts; an expired token is invalid too', async () => {
    fake.serve(cloudflareFake(() => false, {}));
    const { result } = await verifyWith(fake, apiToken());
    expect(result.status).toBe('invalid');
    expect(result.detail).toContain('1000 Invalid API Token');

    fake.serve(cloudflareFake(bearer(TOKEN), { '/user/tokens/verify': 'verify-expired' }));
    const { result: expired } = await verifyWith(fake, apiToken());
    expect(expired.status).toBe('invalid');
    expect(expired.detail).toContain('expired');
  });

  providerCases(fake, apiToken, {
    serverError: { answer: recordedAnswer('cloudflare', 'server-error'), detail: /HTTP 502/ },
    rateLimited: recordedAnswer('cloudflare', 'rate-limited'),
    limits: (request) => request.path.endsWith('/zones'),
  });
});

describe('cloudflare provider: global API key', () => {
  const key = (email?: string) => makeToken('cloudflare.global-api-key', GLOBAL_KEY, email ? { email } : {});

  it("without the owner's email nothing is asked: unverified, with the key type's full authority", async () => {
    fake.serve(cloudflareFake(globalKey(GLOBAL_KEY, 'ops@acme.example'), { '/user': 'user' }));
    const { result, requests } = await verifyWith(fake, key());
    expect(result.status).toBe('unverified');
    expect(grantsOf(result, ['action', 'resource', 'operation'])).toEqual([
      'admin cloudflare:account/* *',
      'destroy cloudflare:zone/* DELETE /zones/{zone_id}',
    ]);
    expect(result.unknowns[0].what).toContain('whether this global API key is live');
    expect(requests).toEqual([]);
  });

  it('with the email found next to it: live, admin over the accounts and zones it lists', async () => {
    fake.serve(cloudflareFake(globalKey(GLOBAL_KEY, 'ops@acme.example'), { '/user': 'user', '/accounts': 'accounts', '/zones': 'zones' }));
    const { result } = await verifyWith(fake, key('ops@acme.example'));
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'ops@acme.example', type: 'global API key' });
    expect(grantsOf(result, ['action', 'resource', 'operation'])).toEqual([
      `admin cloudflare:account/${ACCT} *`,
      `destroy cloudflare:zone/${ZONE1} DELETE /zones/{zone_id}`,
      `destroy cloudflare:zone/${ZONE2} DELETE /zones/{zone_id}`,
    ]);
  });

  it('refused with that email is status error, not invalid: the email may be the wrong one', async () => {
    fake.serve(cloudflareFake(() => true, { '/user': 'auth-key-refused' }));
    const { result } = await verifyWith(fake, key('someone@acme.example'));
    expect(result.status).toBe('error');
    expect(result.detail).toContain('9103');
  });

  it('declares its rules and documentation', async () => {
    const { default: cloudflare } = await import('../../src/providers/cloudflare/index.js');
    expect(cloudflare.rules).toEqual(['cloudflare.api-token', 'cloudflare.global-api-key']);
    expect(cloudflare.docsUrl).toMatch(/^https:\/\/developers\.cloudflare\.com\//);
  });
});
