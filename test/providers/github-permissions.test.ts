import { describe, expect, it } from 'vitest';
import { githubFake } from '../../src/providers/github/fake.js';
import { useFake, verifyWith } from '../helpers/provider-harness.js';
import { exampleSecret, makeToken } from '../helpers/provider.js';

// What GET can narrow for fine-grained and installation tokens (src/providers/github/probe.ts):
// a refused read settles a category (write includes read), a 200 proves read only.
const server = useFake(() => githubFake('fine-grained-probed'));
const requestsTo = (path: string) => server.requests.filter((r) => r.path === path);

async function verify(scenario: string, ruleId: string) {
  server.serve(githubFake(scenario));
  return verifyWith(server, makeToken(ruleId, exampleSecret(ruleId)));
}

describe('fine-grained PAT: permission probes narrow the unknowns', () => {
  it('each unknown names its reach (upTo), the repositories it bears on and what would settle it', async () => {
    const { result } = await verify('fine-grained-probed', 'github.fine-grained-pat');
    expect(result.status).toBe('live');
    const unknown = (what: string) => result.unknowns.find((u) => u.what.startsWith(what));

    // acme/app: Administration read answered 200 — read or write held, deletion still possible.
    expect(unknown('administration and deletion of github:acme/app')).toMatchObject({
      upTo: 'destroy',
      resources: ['github:acme/app'],
      settle: expect.stringContaining('Fine-grained tokens'),
    });
    expect(unknown('administration and deletion of github:acme/app')?.reason).toContain(
      'GET /repos/acme/app/actions/permissions answered 200: the token holds Administration read or write, and only write deletes',
    );
    expect(unknown('write to github:acme/app')).toMatchObject({ upTo: 'write', resources: ['github:acme/app'] });

    // acme/infra: Administration refused — no deletion; Contents read proven, so a push stays possible.
    expect(unknown('administration and deletion of github:acme/infra')).toBeUndefined();
    expect(result.notes.join('\n')).toContain('acme/infra: /repos/acme/infra/actions/permissions refused for lack of Administration');
    expect(unknown('write to github:acme/infra')).toMatchObject({ upTo: 'write' });

    // acme/web: Contents refused — no read, so no push; the user is only a writer, so Administration is not asked.
    expect(unknown('write to github:acme/web')).toBeUndefined();
    expect(result.notes.join('\n')).toContain(
      'acme/web: listed, but its contents are not readable with this token (X-Accepted-GitHub-Permissions: contents=read): no Contents permission, so no push either',
    );
    expect(requestsTo('/repos/acme/web/actions/permissions')).toEqual([]);

    expect(result.grants.map((g) => `${g.action} ${g.resource}`).sort()).toEqual(['read github:acme/app', 'read github:acme/infra']);
    expect(unknown('organization permissions of this token in acme')).toMatchObject({ upTo: 'admin', resources: ['github:acme/*'] });
    // Every unknown the provider emits is scoped.
    for (const u of result.unknowns) expect(u.upTo, u.what).toBeDefined();
  });

  it('an Administration probe answered 404 (no permission named) is not taken as proof: deletion stays unknown', async () => {
    const { result } = await verify('fine-grained-one-repo', 'github.fine-grained-pat');
    expect(result.unknowns.find((u) => u.what.startsWith('administration and deletion of github:acme/app'))?.reason).toContain(
      'refused without naming a permission (not taken as proof)',
    );
  });
});

describe('every GitHub unknown is scoped', () => {
  for (const [scenario, ruleId] of [
    ['oauth-narrow', 'github.oauth'],
    ['classic-broad', 'github.classic-pat'],
    ['installation', 'github.installation'],
    ['app-user', 'github.user-to-server'],
    ['fine-grained-one-repo', 'github.fine-grained-pat'],
  ] as const) {
    it(`${scenario}: upTo on every unknown, resources as narrow as the evidence`, async () => {
      const { result } = await verify(scenario, ruleId);
      expect(result.status).toBe('live');
      for (const u of result.unknowns) {
        expect(u.upTo, u.what).toBeDefined();
        expect(u.settle, u.what).toBeTruthy();
        for (const r of u.resources ?? []) expect(r, u.what).toMatch(/^github:[^/]+\/(\*|[^/]+)$/);
      }
    });
  }

  it('OAuth token without read:org: the unknown organization roles could reach admin over the organizations it belongs to', async () => {
    const { result } = await verify('oauth-narrow', 'github.oauth');
    expect(result.unknowns.find((u) => u.what.startsWith('organization roles of jdoe'))).toMatchObject({
      upTo: 'admin',
      settle: 'GET /user/memberships/orgs (needs read:org)',
    });
  });
});
