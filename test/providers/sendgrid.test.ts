import { describe, expect, it } from 'vitest';
import { FakeServer } from '../../src/providers/fake-server.js';
import { sendgridAnswer, sendgridFake } from '../../src/providers/sendgrid/fake.js';
import { providerCases } from '../helpers/provider-cases.js';
import { expectReadOnly, grantsOf, useFake, verifyWith } from '../helpers/provider-harness.js';
import { makeToken } from '../helpers/provider.js';

const SECRET = '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';
const fake = useFake(() => sendgridFake(SECRET, 'scopes-full-access.json'));
const apiKey = () => makeToken('sendgrid.api-key', SECRET);

describe('sendgrid provider', () => {
  it('full-access key: admin of the account, destroy on marketing/templates/suppressions, write on mail', async () => {
    const { result, requests } = await verifyWith(fake, apiKey());
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'acme-mailer', account: 'acme-mailer', region: 'global', endpoint: fake.url });
    const grants = grantsOf(result);
    expect(grants).toContain('admin sendgrid:acme-mailer');
    expect(grants).toContain('destroy sendgrid:acme-mailer/marketing');
    expect(grants).toContain('destroy sendgrid:acme-mailer/templates');
    expect(grants).toContain('destroy sendgrid:acme-mailer/suppression');
    expect(grants).toContain('write sendgrid:acme-mailer/mail');
    expect(grants).toContain('read sendgrid:acme-mailer/stats');
    const admin = result.grants.find((g) => g.action === 'admin')!;
    expect(admin.evidence).toMatch(/api_keys\.create/);
    // 2fa_* markers are flags, not permissions
    expect(JSON.stringify(result.grants)).not.toMatch(/2fa_/);
    expect(result.resources).toEqual([{ id: 'sendgrid:acme-mailer', type: 'account', name: 'acme-mailer', provider: 'sendgrid' }]);
    expect(requests.map((r) => r.path)).toEqual(['/v3/scopes', '/v3/user/username']);
  });

  it('mail.send-only key: one write grant, account unknown so it is named sendgrid:*', async () => {
    fake.serve(sendgridFake(SECRET, 'scopes-mail-send.json'));
    const { result, requests } = await verifyWith(fake, apiKey());
    expect(result.status).toBe('live');
    expect(grantsOf(result)).toEqual(['write sendgrid:*/mail']);
    expect(result.grants[0]).toMatchObject({ operation: 'mail.send', evidence: 'API key scope mail.send' });
    expect(result.identity?.principal).toMatch(/^api-key SG\.…/);
    expect(result.notes.join('\n')).toMatch(/user\.username\.read missing/);
    expect(requests.map((r) => r.path)).toEqual(['/v3/scopes']);
  });

  it('revoked key: 401 is invalid, and a redirected global endpoint never falls back to the real EU host', async () => {
    fake.serve(sendgridFake('SG.other', 'scopes-full-access.json'));
    const { result, requests } = await verifyWith(fake, apiKey());
    expect(result.status).toBe('invalid');
    expect(result.detail).toMatch(/invalid, expired, or revoked/);
    expect(requests).toHaveLength(1);
  });

  it('EU regional subuser key: the global host refuses it, the EU host accepts it', async () => {
    fake.serve(sendgridFake('SG.other', 'scopes-full-access.json'));
    const euFake = sendgridFake(SECRET, 'scopes-mail-send.json');
    const eu = await new FakeServer(euFake.handler).start();
    try {
      const { result } = await verifyWith(fake, apiKey(), { env: { ...fake.env(), BLASTRADIUS_SENDGRID_EU_API_URL: eu.url } });
      expect(result.status).toBe('live');
      expect(result.identity).toMatchObject({ region: 'eu', endpoint: eu.url });
      expect(grantsOf(result)).toEqual(['write sendgrid:*/mail']);
      expect(eu.requests).toHaveLength(1);
      expectReadOnly(euFake, eu.requests);
    } finally {
      await eu.stop();
    }
  });

  it('403 access forbidden is not invalid: the key was recognised, its permissions are unknown', async () => {
    fake.serve(() => sendgridAnswer('error-403.json', 403));
    const { result } = await verifyWith(fake, apiKey());
    expect(result.status).toBe('error');
    expect(result.detail).toMatch(/access forbidden/);
  });

  providerCases(fake, apiKey, {
    serverError: { answer: sendgridAnswer('error-503.json', 503), detail: /HTTP 503/ },
    rateLimited: sendgridAnswer('error-429.json', 429, { 'retry-after': '1', 'x-ratelimit-remaining': '0' }),
  });
});
