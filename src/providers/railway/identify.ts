import type { Unknown } from '../../core/types.js';
import type { GraphQLAnswer } from '../graphql.js';
import { noAnswer, type Outcome } from '../outcome.js';
import type { RailwayClient } from './client.js';
import type { RailwayWorkspace, TokenKind } from './model.js';
import { API_TOKEN, ME, PROJECT_TOKEN } from './queries.js';

/** The token's type, with `unknowns`: errors Railway sent next to the data of the probe that answered (a partial result). */
export type Identification = Outcome<{ token: TokenKind; unknowns: Unknown[] }, unknown>;

interface MeData {
  me: { id: string; name?: string | null; email?: string | null; workspaces?: RailwayWorkspace[] | null };
}
interface ApiTokenData {
  apiToken: { workspaces: RailwayWorkspace[] };
}
interface ProjectTokenData {
  projectToken: { projectId: string; environmentId: string; project?: { id: string; name: string } | null; environment?: { id: string; name: string } | null };
}

/**
 * Finds the token's type with read-only probes, broadest first. `me` answers only for account
 * tokens, `apiToken` for account and workspace tokens, `projectToken` only in the
 * Project-Access-Token header. `invalid` needs every probe to be refused; a probe that got no
 * answer makes the whole verdict `error`, because the missing answer could have been "yes".
 */
export async function identifyToken(client: RailwayClient): Promise<Identification> {
  const me = await client.query<MeData>(ME, {}, 'bearer');
  if (me.ok && me.data.me) {
    const user = me.data.me;
    const token: TokenKind = {
      kind: 'account',
      userId: user.id,
      name: user.name ?? undefined,
      email: user.email ?? undefined,
      workspaces: user.workspaces ?? [],
    };
    return { ok: true, data: { token, unknowns: partial(me.errors, 'the user and the workspaces this token reaches', 'destroy') } };
  }
  if (!me.ok && noAnswer(me)) return unanswered(me.reason);

  const apiToken = await client.query<ApiTokenData>(API_TOKEN, {}, 'bearer');
  if (apiToken.ok && apiToken.data.apiToken) {
    const token: TokenKind = { kind: 'workspace', workspaces: apiToken.data.apiToken.workspaces ?? [] };
    return { ok: true, data: { token, unknowns: partial(apiToken.errors, 'the workspaces this token may operate on', 'destroy') } };
  }
  if (!apiToken.ok && noAnswer(apiToken)) return unanswered(apiToken.reason);

  const project = await client.query<ProjectTokenData>(PROJECT_TOKEN, {}, 'project');
  if (project.ok && project.data.projectToken) {
    const t = project.data.projectToken;
    return {
      ok: true,
      data: {
        token: { kind: 'project', projectId: t.projectId, projectName: t.project?.name, environmentId: t.environmentId, environmentName: t.environment?.name },
        unknowns: partial(project.errors, 'the project and environment of this token', 'none'),
      },
    };
  }
  if (!project.ok && noAnswer(project)) return unanswered(project.reason);

  const refusals = [me, apiToken, project].map(asRefusal);
  if (refusals.every((r) => r.kind === 'invalid')) {
    return {
      ok: false,
      kind: 'invalid',
      reason: `Railway refused the token as an account, workspace and project token (${refusals.map((r) => r.reason).join('; ')})`,
    };
  }
  return { ok: false, kind: 'error', reason: `Railway did not say what this token is: ${refusals.map((r) => r.reason).join('; ')}` };
}

// An `ok` answer whose root field is missing is no answer either.
function asRefusal(outcome: GraphQLAnswer<unknown>): { kind: string; reason: string } {
  return outcome.ok
    ? { kind: 'error', reason: `answered without the field asked for${outcome.errors.length ? ` (${outcome.errors.join('; ')})` : ''}` }
    : outcome;
}

function partial(errors: string[], what: string, upTo: Unknown['upTo']): Unknown[] {
  if (errors.length === 0) return [];
  return [
    {
      what: `part of ${what}`,
      reason: `Railway answered with data and errors: ${errors.join('; ')}`,
      upTo,
      resources: upTo === 'none' ? undefined : ['railway:*'],
      settle: 'the same query answered without errors (re-run the scan)',
    },
  ];
}

function unanswered(reason: string): Identification {
  return { ok: false, kind: 'error', reason: `Railway did not answer: ${reason}` };
}
