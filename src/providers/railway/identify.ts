import type { GraphQLOutcome, RailwayClient } from './client.js';
import type { RailwayWorkspace, TokenKind } from './model.js';
import { API_TOKEN, ME, PROJECT_TOKEN } from './queries.js';

export type Identification = { ok: true; token: TokenKind } | { ok: false; status: 'invalid' | 'error'; detail: string };

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
  if (me.ok) {
    const user = me.data.me;
    return { ok: true, token: { kind: 'account', userId: user.id, name: user.name ?? undefined, email: user.email ?? undefined, workspaces: user.workspaces ?? [] } };
  }
  if (me.kind === 'unreachable') return noAnswer(me);

  const apiToken = await client.query<ApiTokenData>(API_TOKEN, {}, 'bearer');
  if (apiToken.ok) return { ok: true, token: { kind: 'workspace', workspaces: apiToken.data.apiToken.workspaces ?? [] } };
  if (apiToken.kind === 'unreachable') return noAnswer(apiToken);

  const project = await client.query<ProjectTokenData>(PROJECT_TOKEN, {}, 'project');
  if (project.ok) {
    const t = project.data.projectToken;
    return {
      ok: true,
      token: { kind: 'project', projectId: t.projectId, projectName: t.project?.name, environmentId: t.environmentId, environmentName: t.environment?.name },
    };
  }
  if (project.kind === 'unreachable') return noAnswer(project);

  const refusals = [me, apiToken, project];
  if (refusals.every((r) => r.kind === 'unauthorized')) {
    return { ok: false, status: 'invalid', detail: `Railway refused the token as an account, workspace and project token (${refusals.map((r) => r.message).join('; ')})` };
  }
  return { ok: false, status: 'error', detail: `Railway did not say what this token is: ${refusals.map((r) => r.message).join('; ')}` };
}

function noAnswer(outcome: Extract<GraphQLOutcome<unknown>, { ok: false }>): Identification {
  return { ok: false, status: 'error', detail: `Railway did not answer: ${outcome.message}` };
}
