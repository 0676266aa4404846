import { describe, expect, it } from 'vitest';
import { bodyAnswer } from '../../src/providers/fake-kit.js';
import { NPM_PUBLISHER, npmFake, type NpmAccount } from '../../src/providers/npm/fake.js';
import { providerCases } from '../helpers/provider-cases.js';
import { grantsOf, useFake, verifyWith } from '../helpers/provider-harness.js';
import { makeToken } from '../helpers/provider.js';

const SECRET = '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';
const LEGACY = '4f6a1c3d-9b2e-4e5f-8a7b-6c5d4e3f2a1b';
const fake = useFake(() => npmFake([SECRET, LEGACY]));
const accessToken = () => makeToken('npm.access-token', SECRET);
/** The same user with another token list, profile or package list. */
const serveAccount = (changes: Partial<NpmAccount>) => fake.serve(npmFake([SECRET, LEGACY], { ...NPM_PUBLISHER, ...changes }));

describe('npm provider', () => {
  it('publish token: write and unpublish (destroy) on every package the user can publish, read on the rest', async () => {
    const { result, requests } = await verifyWith(fake, accessToken());
    expect(result.status).toBe('live');
    expect(result.identity).toMatchObject({ principal: 'acme-release-bot', type: 'user', tokenType: 'publish', twoFactor: 'auth-only', endpoint: fake.url });
    expect(grantsOf(result)).toEqual([
      'destroy npm:@acme/api-client',
      'destroy npm:acme-cli',
      'read npm:@acme/internal-config',
      'write npm:@acme/api-client',
      'write npm:acme-cli',
    ]);
    const unpublish = result.grants.find((g) => g.action === 'destroy' && g.resource === 'npm:acme-cli')!;
    expect(unpublish.operation).toBe('npm unpublish');
    expect(unpublish.evidence).toMatch(/readonly=false/);
    expect(unpublish.evidence).toMatch(/72 hours/);
    expect(result.resources.map((r) => r.id).sort()).toEqual(['npm:@acme/api-client', 'npm:@acme/internal-config', 'npm:acme-cli']);
    expect(result.unknowns.map((u) => u.what)).toContain('which versions can still be unpublished');
    // both pages of the token list were read
    expect(requests.filter((r) => r.path === '/-/npm/v1/tokens')).toHaveLength(2);
  });

  it('read-only token: read grants only, and its CIDR restriction as a note', async () => {
    serveAccount({ tokens: ['tokens-readonly.json'] });
    const { result } = await verifyWith(fake, accessToken());
    expect(result.status).toBe('live');
    expect(result.identity?.tokenType).toBe('read-only');
    expect(result.grants.every((g) => g.action === 'read')).toBe(true);
    expect(grantsOf(result)).toHaveLength(3);
    expect(result.notes.join('\n')).toMatch(/203\.0\.113\.0\/24/);
  });

  it('classic publish token on an account with 2FA for writes: the token alone cannot publish', async () => {
    serveAccount({ profile: 'profile-2fa-writes.json' });
    const { result } = await verifyWith(fake, accessToken());
    expect(result.status).toBe('live');
    expect(result.grants.filter((g) => g.action !== 'read')).toEqual([]);
    expect(result.notes.join('\n')).toMatch(/one-time password/);
  });

  it('automation token bypasses 2FA for writes: publish and unpublish stay', async () => {
    serveAccount({ tokens: ['tokens-automation.json'], profile: 'profile-2fa-writes.json' });
    const { result } = await verifyWith(fake, accessToken());
    expect(result.identity?.tokenType).toBe('automation');
    expect(grantsOf(result)).toContain('destroy npm:acme-cli');
  });

  it('granular token: reach limited to its package scope, org write is admin of the org scope', async () => {
    serveAccount({ tokens: ['tokens-granular.json'], profile: 'profile-2fa-writes.json' });
    const { result } = await verifyWith(fake, accessToken());
    expect(result.identity?.tokenType).toBe('granular');
    expect(grantsOf(result)).toEqual(['admin npm:@acme/*', 'destroy npm:@acme/api-client', 'write npm:@acme/api-client']);
    expect(result.notes.join('\n')).toMatch(/expires 2026-09-30/);
  });

  it('legacy UUID token is recognised by the truncated prefix the token list shows', async () => {
    serveAccount({ tokens: ['tokens-legacy.json'] });
    const { result } = await verifyWith(fake, makeToken('npm.legacy-auth-token', LEGACY));
    expect(result.status).toBe('live');
    expect(result.identity?.tokenType).toBe('publish');
    expect(grantsOf(result)).toContain('write npm:acme-cli');
  });

  it('token list and package list unavailable: live, publish ability unknown, packages from the maintainer search', async () => {
    serveAccount({ tokens: { status: 403 }, packages: { status: 404 } });
    const { result } = await verifyWith(fake, accessToken());
    expect(result.status).toBe('live');
    expect(result.identity?.tokenType).toBe('unknown');
    expect(result.unknowns.map((u) => u.what)).toContain('whether this token can publish or unpublish');
    expect(grantsOf(result)).toEqual(['read npm:acme-cli']);
    expect(result.grants[0].evidence).toMatch(/maintainer:acme-release-bot/);
    expect(result.notes.join('\n')).toMatch(/token list unavailable/);
  });

  it('revoked token: 401 from /-/whoami is invalid', async () => {
    const { result, requests } = await verifyWith(fake, makeToken('npm.access-token', 'npm_' + 'x'.repeat(36)));
    expect(result.status).toBe('invalid');
    expect(result.grants).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('registry answers 500 on every attempt: error after exactly the retries', async () => {
    fake.serve(() => ({ status: 500, body: bodyAnswer('npm', 'error-500.json').body }));
    const { result, requests } = await verifyWith(fake, accessToken(), { retries: 1 });
    expect(result.detail).toMatch(/HTTP 500 after 2 attempt/);
    expect(requests).toHaveLength(2);
  });

  providerCases(fake, accessToken, {
    serverError: { answer: { status: 500, body: bodyAnswer('npm', 'error-500.json').body }, detail: /HTTP 500/ },
    rateLimited: { status: 429, headers: { 'retry-after': '1' }, body: { error: 'rate limited' } },
  });
});
