// GitHub REST API: https://docs.github.com/en/rest
// Token formats: https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats
// Classic scopes: https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps
// Fine-grained permissions: https://docs.github.com/en/rest/authentication/permissions-required-for-fine-grained-personal-access-tokens
// Rate limits: https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
import { errorMessage } from '../../core/errors.js';
import { scrub } from '../../core/secret.js';
import type { Identity, Token, VerificationResult } from '../../core/types.js';
import { decideHost, type HostDecision, refusalWithoutHost, unverifiedHost } from '../host.js';
import { invalid, live, notAsked, unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { analyseAppUser } from './app-user.js';
import { analyseClassic } from './classic.js';
import { createGitHubClient, type GitHubClient } from './client.js';
import { githubApiUrl } from './endpoint.js';
import { githubHostOf, githubHostRules } from './host-rules.js';
import { describeFailure, type Failure } from './failures.js';
import { analyseFineGrained } from './fine-grained.js';
import { Findings } from './findings.js';
import { analyseInstallation, statelessAppId } from './installation.js';
import { parseScopes } from './scopes.js';
import { readAuthenticatedUser, userIdentity } from './user.js';
import manifest from './manifest.js';

interface Call {
  octokit: GitHubClient;
  token: Token;
  secrets: readonly string[];
  /** The non-default API URL, when one is in use. */
  endpoint?: string;
  /** The configured API's host, and whether the token's context named it (src/providers/host.ts). */
  host: string;
  route: Extract<HostDecision, { send: true }>;
}

async function verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
  if (token.ruleId === 'github.refresh') return refreshTokenResult();
  const secret = token.secret.reveal();
  const secrets = [secret];
  let endpoint: { url: string; overridden: boolean };
  try {
    endpoint = githubApiUrl(ctx);
  } catch (error) {
    return unknownError(scrub(`GitHub API URL: ${errorMessage(error)}`, secrets));
  }
  // The workspace may name the token's host, never choose where it goes: see src/providers/host.ts.
  const host = githubHostOf(endpoint.url) ?? new URL(endpoint.url).hostname;
  const route = decideHost(token.hints ?? [], githubHostRules, host);
  if (!route.send) return unverifiedHost(route.reason, route.settle);
  const call: Call = {
    octokit: createGitHubClient(endpoint.url, secret, ctx),
    token,
    secrets,
    endpoint: endpoint.overridden ? endpoint.url : undefined,
    host,
    route,
  };
  try {
    return token.ruleId === 'github.installation' ? await verifyInstallation(call) : await verifyUser(call);
  } catch (error) {
    // Only a bug gets here; it is still an answer ("unknown"), never a crash of the scan.
    return unknownError(scrub(`GitHub verification failed: ${errorMessage(error)}`, secrets) + via(call));
  }
}

async function verifyUser(call: Call): Promise<VerificationResult> {
  const { octokit, token, secrets } = call;
  let authenticated: Awaited<ReturnType<typeof readAuthenticatedUser>>;
  try {
    authenticated = await readAuthenticatedUser(octokit);
  } catch (error) {
    return failureResult(describeFailure(error, 'GET /user', secrets), call);
  }
  const identity = userIdentity(authenticated, call.endpoint);
  const findings = new Findings(identity.principal);
  let detail: string;
  if (token.ruleId === 'github.user-to-server') {
    detail = 'GitHub App user-to-server token';
    await analyseAppUser(octokit, authenticated.user, findings, secrets);
  } else if (token.ruleId !== 'github.fine-grained-pat' && authenticated.scopesHeader !== undefined) {
    const scopes = parseScopes(authenticated.scopesHeader);
    detail = `${token.ruleId === 'github.oauth' ? 'OAuth app token' : 'classic token'}; X-OAuth-Scopes: ${scopes.listed.join(', ') || '(none)'}`;
    await analyseClassic(octokit, authenticated.user, scopes, findings, secrets);
  } else {
    if (token.ruleId !== 'github.fine-grained-pat')
      findings.note(`GitHub sent no X-OAuth-Scopes header for a ${token.kind}; analysed like a fine-grained token`);
    detail = 'fine-grained token';
    await analyseFineGrained(octokit, authenticated.user, findings, secrets);
  }
  return resultOf(identity, findings, detail + via(call));
}

async function verifyInstallation(call: Call): Promise<VerificationResult> {
  const secret = call.token.secret.reveal();
  try {
    const { identity, findings, detail } = await analyseInstallation(call.octokit, secret, call.secrets, call.endpoint);
    return resultOf(identity, findings, detail + via(call));
  } catch (error) {
    const appId = statelessAppId(secret);
    const hint: Identity | undefined = appId ? { principal: `app/${appId}/installation`, type: 'app-installation', appId } : undefined;
    return failureResult(describeFailure(error, 'GET /installation/repositories', call.secrets), call, hint);
  }
}

function resultOf(identity: Identity, findings: Findings, detail: string): VerificationResult {
  return live({
    identity,
    detail,
    grants: findings.grants,
    resources: findings.resources,
    protections: findings.protections,
    unknowns: findings.unknowns,
    notes: findings.notes,
  });
}

function failureResult(failure: Failure, call: Call, identity?: Identity): VerificationResult {
  const detail = failure.reason + via(call);
  if (failure.kind !== 'invalid') return unknownError(detail, identity);
  // A 401 is a verdict only from the host the token's context named.
  if (call.route.named) return invalid(`${detail}; host ${call.route.named}`, identity);
  const reason = refusalWithoutHost(failure.reason, call.host, call.route);
  return unverifiedHost(reason, `${githubHostRules.configureFor('<its server>')}, or put the host next to the token (GH_HOST)`);
}

function via(call: Call): string {
  return call.endpoint ? ` (via ${call.endpoint})` : '';
}

/**
 * A refresh token cannot call the API. Using one means POST /login/oauth/access_token with the
 * app's client secret, which also consumes it and mints new tokens: a write, so it is never sent.
 */
function refreshTokenResult(): VerificationResult {
  return notAsked(
    'GitHub refresh tokens (ghr_) cannot call the API; redeeming one needs the GitHub App client secret and consumes the token (a write), so blastradius does not send it',
    [
      {
        what: 'the user-to-server tokens this refresh token can mint',
        reason: 'they carry the same app permissions and user as a ghu_ token; a refresh token stays redeemable for up to 6 months',
        upTo: 'admin',
        settle:
          "the GitHub App's permissions (its settings page) and its user's role; redeeming the token would answer it but consumes it, so blastradius never does",
      },
    ],
    ['not sent to GitHub: no read-only call accepts a refresh token'],
  );
}

const github: Provider = {
  ...manifest,
  verify,
};

export default github;
