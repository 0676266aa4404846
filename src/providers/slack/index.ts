// Slack Web API, auth.test: https://docs.slack.dev/reference/methods/auth.test
// Granted scopes come back in the `x-oauth-scopes` response header: https://docs.slack.dev/authentication/tokens
import { scrub } from '../../core/secret.js';
import type { Identity, Token, Unknown, VerificationResult } from '../../core/types.js';
import { apiBaseUrl } from '../http.js';
import { noAnswer } from '../outcome.js';
import { bearerHeaders, restApi } from '../rest.js';
import { invalid, live, notAsked, unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { slackGrants } from './scopes.js';
import manifest from './manifest.js';

const DEFAULT_BASE = 'https://slack.com';

// auth.test answers HTTP 200 with `ok: false` for bad tokens; these errors mean the token itself is refused.
const REFUSED: Record<string, string> = {
  invalid_auth: 'the token is invalid (or restricted to IP ranges this machine is outside of)',
  not_authed: 'no token was accepted',
  account_inactive: 'the token belongs to a deleted user or workspace',
  token_revoked: 'the token was revoked, or its user, workspace or app was removed',
  token_expired: 'the token has expired',
};

interface AuthTest {
  ok: boolean;
  error?: string;
  url?: string;
  team?: string;
  user?: string;
  team_id?: string;
  user_id?: string;
  bot_id?: string;
  enterprise_id?: string;
  is_enterprise_install?: boolean;
}

/**
 * Incoming webhooks (slack.webhook) are deliberately not claimed: the only way to test one is to
 * post a message through it, which is a write. They stay `unverified`.
 */
const slack: Provider = {
  ...manifest,
  async verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
    const secret = token.secret.reveal();
    const secrets = [secret];
    if (/^xoxe-\d/.test(secret)) return refreshToken();
    const { url, overridden } = apiBaseUrl('slack', ctx, DEFAULT_BASE);
    const where = overridden ? ` (endpoint ${url})` : '';
    try {
      const api = restApi({ baseUrl: url, headers: bearerHeaders(secret), secrets }, ctx);
      const answer = await api.get<AuthTest>('/api/auth.test', { label: 'Slack auth.test' });
      if (!answer.ok)
        return unknownError(
          noAnswer(answer) || answer.status === 200 ? answer.reason : scrub(`Slack auth.test answered HTTP ${answer.status}${where}`, secrets),
        );
      const body = answer.data;
      if (!body.ok) {
        const code = String(body.error ?? 'unknown_error').slice(0, 80);
        if (REFUSED[code]) return invalid(`Slack answered ${code}: ${REFUSED[code]}${where}`);
        return unknownError(scrub(`Slack auth.test answered ok=false, error ${code}${where}`, secrets));
      }
      const principal = body.user_id ?? body.bot_id ?? 'unknown';
      const workspace = body.is_enterprise_install && body.enterprise_id ? body.enterprise_id : (body.team_id ?? body.enterprise_id ?? 'unknown');
      const resource = `slack:${workspace}`;
      const header = answer.headers.get('x-oauth-scopes');
      const scopes =
        header === null
          ? undefined
          : header
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean);
      const unknowns: Unknown[] = [];
      const { grants, notes } = slackGrants(scopes ?? [], resource, principal);
      if (scopes === undefined) unknowns.push({ what: 'what this token can do', reason: 'Slack sent no x-oauth-scopes header for it' });
      if (body.is_enterprise_install) notes.push('org-wide install: the grants cover every workspace of the Enterprise Grid organization');
      const identity: Identity = {
        principal,
        type: tokenType(secret, body),
        account: body.team_id,
        displayName: body.user && body.team ? `${body.user} @ ${body.team}` : body.user,
        team: body.team,
        url: body.url,
        botId: body.bot_id,
        enterpriseId: body.enterprise_id,
        scopes,
      };
      if (overridden) identity.endpoint = url;
      return live({
        identity,
        grants,
        resources: [{ id: resource, type: body.is_enterprise_install ? 'organization' : 'workspace', name: body.team ?? workspace, provider: 'slack' }],
        unknowns,
        notes,
      });
    } catch (error) {
      // Only a bug gets here: the client reports every failed call as an outcome.
      return unknownError(scrub(`Slack verification failed: ${(error as Error)?.message ?? String(error)}`, secrets));
    }
  },
};

export default slack;

// A rotation refresh token (xoxe-1-…) only works with oauth.v2.access, a POST that mints new tokens.
function refreshToken(): VerificationResult {
  return notAsked(
    'a Slack refresh token (xoxe-) cannot call auth.test; using it means minting new tokens with oauth.v2.access, which is never sent: not asked',
    [
      {
        what: 'whether this refresh token is live, and the scopes of the tokens it can mint',
        reason: 'only oauth.v2.access answers for it, and it issues a new token',
      },
    ],
  );
}

function tokenType(secret: string, body: AuthTest): string {
  if (secret.startsWith('xapp-')) return 'app-level token';
  if (secret.startsWith('xoxb-') || body.bot_id) return 'bot token';
  if (secret.startsWith('xoxp-')) return 'user token';
  if (secret.startsWith('xoxe.')) return 'rotating token';
  return 'legacy token';
}
