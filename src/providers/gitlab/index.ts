// GitLab REST API v4: https://docs.gitlab.com/api/rest/
// The token describes itself at GET /personal_access_tokens/self (any scope may call it):
// https://docs.gitlab.com/api/personal_access_tokens/
import { scrub } from '../../core/secret.js';
import type { ActionClass, Identity, Token, Unknown, VerificationResult } from '../../core/types.js';
import { decideHost, type HostDecision, refusalWithoutHost, unverifiedHost } from '../host.js';
import { apiBaseUrl } from '../http.js';
import { noAnswer } from '../outcome.js';
import { invalid, live, unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { gitlabApi, gitlabErrorText, type GitLabApi, type GitLabAssociations, type GitLabTokenSelf, type GitLabUser } from './api.js';
import { verifyDeployToken } from './deploy-token.js';
import { gitlabReach } from './grants.js';
import { gitlabHostOf, gitlabHostRules } from './host-rules.js';
import manifest from './manifest.js';

const DEFAULT_BASE = 'https://gitlab.com';
const PAGE = 100;

const gitlab: Provider = {
  ...manifest,
  verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
    if (token.ruleId === 'gitlab.deploy-token') return Promise.resolve(verifyDeployToken());
    return verifyAccessToken(token, ctx);
  },
};

export default gitlab;

/**
 * The instance URL: flag / user config, then BLASTRADIUS_GITLAB_API_URL, then CI_SERVER_URL of the
 * scanning process's own environment (set by GitLab CI to the instance running the job:
 * https://docs.gitlab.com/ci/variables/predefined_variables/), then gitlab.com. Never the workspace.
 */
function instanceUrl(ctx: ProviderContext): { url: string; overridden: boolean } {
  const configured = apiBaseUrl('gitlab', ctx, DEFAULT_BASE);
  const ci = ctx.env.CI_SERVER_URL?.trim().replace(/\/+$/, '');
  if (configured.overridden || !ci || !/^https?:\/\/[^\s/@]+(\/\S*)?$/.test(ci)) return configured;
  return { url: ci, overridden: ci !== DEFAULT_BASE };
}

async function verifyAccessToken(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
  const { url, overridden } = instanceUrl(ctx);
  // The workspace may name the token's instance, never choose where it goes: see src/providers/host.ts.
  const host = gitlabHostOf(url) ?? new URL(url).hostname;
  const route = decideHost(token.hints ?? [], gitlabHostRules, host);
  if (!route.send) return unverifiedHost(route.reason, route.settle);
  const api = gitlabApi(url, overridden, token.secret.reveal(), ctx);
  const where = overridden ? ` (endpoint ${url})` : '';
  const refused = (detail: string) => refusal(scrub(detail, api.secrets), host, route);
  try {
    const selfAnswer = await api.get<GitLabTokenSelf>('/personal_access_tokens/self');
    const notes: string[] = [];
    const unknowns: Unknown[] = [];
    let self: GitLabTokenSelf | undefined;
    if (selfAnswer.ok) self = selfAnswer.data;
    else if (noAnswer(selfAnswer) || selfAnswer.status === 200) return unknownError(selfAnswer.reason);
    else if (selfAnswer.status === 401) return refused(`GitLab rejected the token: ${gitlabErrorText(selfAnswer)}${where}`);
    else if (selfAnswer.status === 404 || selfAnswer.status === 400 || selfAnswer.status === 403)
      notes.push(`GitLab answered HTTP ${selfAnswer.status} to /personal_access_tokens/self: scopes are unknown`);
    else
      return unknownError(
        scrub(`GitLab /personal_access_tokens/self: unexpected HTTP ${selfAnswer.status}: ${gitlabErrorText(selfAnswer)}${where}`, api.secrets),
      );

    const user = await readUser(api, self !== undefined, notes);
    if (user === 'invalid') return refused(`GitLab rejected the token at /user${where}`);
    if (typeof user === 'string') return unknownError(user);
    if (!self && !user) return unknownError(`GitLab described neither the token nor its user${where}`, undefined, notes);

    const principal = user?.username ?? `user-id:${self!.user_id}`;
    const isBot = user?.bot === true || /^(project|group)_\d+_bot/.test(user?.username ?? '');
    const scopes = self?.scopes;
    const associations = await readAssociations(api, unknowns, scopeReach(scopes));
    if (!scopes)
      unknowns.push({
        what: 'the scopes of this token',
        reason: 'GitLab did not return /personal_access_tokens/self',
        upTo: 'admin',
        settle: 'GET /personal_access_tokens/self',
      });
    if (!user) {
      unknowns.push({
        what: `the user behind this token (id ${self!.user_id})`,
        reason: 'the token has no read_user, read_api or api scope, so /user is closed to it',
        // Whatever the user may do in its own namespace, the token's scopes cap it.
        upTo: scopeReach(scopes),
        settle: `GET /users/${self!.user_id} (with a token that may read users)`,
      });
    }
    const reach = gitlabReach(scopes ?? [], principal, user, isBot, associations);
    return live({
      identity: identityOf(principal, user, self, isBot, api),
      grants: reach.grants,
      resources: reach.resources,
      unknowns: [...unknowns, ...reach.unknowns],
      notes: [...notes, ...reach.notes],
    });
  } catch (error) {
    // Only a bug gets here: the client reports every failed call as an outcome.
    return unknownError(scrub(`GitLab verification failed: ${(error as Error)?.message ?? String(error)}`, api.secrets));
  }
}

/** A 401 is a verdict only from the instance the token's context named (src/providers/host.ts). */
function refusal(detail: string, host: string, route: Extract<HostDecision, { send: true }>): VerificationResult {
  if (route.named) return invalid(`${detail}; host ${route.named}`);
  return unverifiedHost(
    refusalWithoutHost(detail, host, route),
    `${gitlabHostRules.configureFor('<its instance>')}, or put the instance next to the token (CI_SERVER_URL)`,
  );
}

/** The token's user; `invalid` when GitLab refused the token here; a string when that failure is the verdict's. */
async function readUser(api: GitLabApi, selfKnown: boolean, notes: string[]): Promise<GitLabUser | undefined | 'invalid' | string> {
  const answer = await api.get<GitLabUser>('/user');
  if (answer.ok) return answer.data;
  if (noAnswer(answer)) {
    if (!selfKnown) return answer.reason;
    notes.push(`GitLab /user: ${answer.reason}`);
    return undefined;
  }
  if (answer.status === 200) return answer.reason;
  if (answer.status === 401 && !selfKnown) return 'invalid';
  if (answer.status !== 403) notes.push(`GitLab /user answered HTTP ${answer.status}`);
  return undefined;
}

/**
 * The most a GitLab namespace the token was not shown could give it: the scopes cap it, an unknown
 * role there (up to Owner) could reach it. https://docs.gitlab.com/user/profile/personal_access_tokens/#personal-access-token-scopes
 */
function scopeReach(scopes: readonly string[] | undefined): ActionClass | 'none' {
  if (!scopes) return 'admin';
  if (scopes.includes('api') || scopes.includes('sudo')) return 'destroy';
  if (scopes.includes('write_repository') || scopes.includes('write_registry')) return 'write';
  return scopes.some((s) => ['read_api', 'read_repository', 'read_registry'].includes(s)) ? 'read' : 'none';
}

async function readAssociations(api: GitLabApi, unknowns: Unknown[], upTo: ActionClass | 'none'): Promise<GitLabAssociations | undefined> {
  const what = 'which groups and projects this token reaches, and with which role';
  const settle = 'GET /personal_access_tokens/self/associations (GitLab 17.x and later)';
  // min_access_level keeps the list to memberships; without it GitLab lists every public project.
  const answer = await api.get<GitLabAssociations>(`/personal_access_tokens/self/associations?min_access_level=10&per_page=${PAGE}`);
  if (!answer.ok) {
    const reason =
      noAnswer(answer) || answer.status === 200
        ? answer.reason
        : `GitLab answered HTTP ${answer.status} to /personal_access_tokens/self/associations (GitLab 17.x and later)`;
    unknowns.push({ what, reason, upTo, settle });
    return undefined;
  }
  try {
    const associations = answer.data;
    if (associations.groups.length >= PAGE || associations.projects.length >= PAGE) {
      unknowns.push({
        what: 'groups and projects past the first 100',
        reason: 'only the first page of associations was read',
        upTo,
        settle: `GET /personal_access_tokens/self/associations?page=2`,
      });
    }
    return associations;
  } catch {
    unknowns.push({ what, reason: 'the associations call failed', upTo, settle });
    return undefined;
  }
}

function identityOf(principal: string, user: GitLabUser | undefined, self: GitLabTokenSelf | undefined, isBot: boolean, api: GitLabApi): Identity {
  const kind = principal.startsWith('group_') ? 'group-access-token' : isBot ? 'project-access-token' : 'personal-access-token';
  const identity: Identity = {
    principal,
    type: user?.is_admin ? `${kind} (instance administrator)` : kind,
    account: new URL(api.instance).host,
    displayName: user?.name,
    userId: user?.id ?? self?.user_id,
    tokenName: self?.name,
    scopes: self?.scopes,
    expiresAt: self?.expires_at ?? null,
  };
  if (api.overridden) identity.endpoint = api.instance;
  return identity;
}
