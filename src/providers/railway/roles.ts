// The user's own role, read for tokens that answer `me` (account tokens, OAuth access tokens).
// Such a token "can perform any API action you're authorized to do"
// (https://docs.railway.com/integrations/api#account-tokens-and-workspace-tokens): what it may do in a
// workspace is what the user's role there allows, and only Admins may delete volumes
// (https://docs.railway.com/projects/workspaces#inviting-members).
import { mapLimit } from '../../core/concurrency.js';
import type { CallFailure } from '../outcome.js';
import type { RailwayClient } from './client.js';
import type { Inventory, RailwayProject, Role, TokenKind, WorkspaceRole } from './model.js';
import { PROJECT_MEMBERS, WORKSPACE_MEMBERS } from './queries.js';

type AccountToken = Extract<TokenKind, { kind: 'account' }>;
interface Member {
  id: string;
  email?: string | null;
  role: Role;
}

const CONCURRENCY = 4;

/** The user's role in each workspace `me` listed: one WorkspaceMembers query per workspace. */
export async function readWorkspaceRoles(client: RailwayClient, token: AccountToken, inventory: Inventory): Promise<void> {
  inventory.workspaceRoles = await mapLimit(token.workspaces, CONCURRENCY, async (workspace): Promise<WorkspaceRole> => {
    const answer = await client.query<{ workspace: { members: Member[] } | null }>(WORKSPACE_MEMBERS, { workspaceId: workspace.id }, 'bearer');
    if (!answer.ok) return { ...workspace, reason: refusalReason(answer) };
    const members = answer.data.workspace?.members;
    if (!members) return { ...workspace, reason: `Railway answered without the members (${answer.errors.join('; ') || 'no members field'})` };
    const role = ownRole(members, token);
    return role ? { ...workspace, role } : { ...workspace, reason: 'the user is not among the members Railway listed' };
  });
}

/**
 * The user's project role where the workspace role does not already allow everything: projects
 * of workspaces where they are not Admin, and projects they were invited to from elsewhere.
 */
export async function readProjectRoles(client: RailwayClient, token: AccountToken, inventory: Inventory): Promise<void> {
  const admin = new Set(inventory.workspaceRoles.filter((w) => w.role === 'ADMIN').map((w) => w.id));
  const asked = inventory.projects.filter((p) => p.external || !p.workspaceId || !admin.has(p.workspaceId));
  await mapLimit(asked, CONCURRENCY, async (project: RailwayProject) => {
    const answer = await client.query<{ projectMembers: Member[] | null }>(PROJECT_MEMBERS, { projectId: project.id }, 'bearer');
    if (!answer.ok || !answer.data.projectMembers) {
      project.projectRoleUnknown = answer.ok
        ? `Railway answered without the members (${answer.errors.join('; ') || 'no projectMembers field'})`
        : refusalReason(answer);
      return;
    }
    project.projectRole = ownRole(answer.data.projectMembers, token);
  });
}

export interface EffectiveRole {
  role?: Role;
  /** Where the role comes from: the workspace's member list or the project's. */
  source?: 'workspace' | 'project';
  workspace?: WorkspaceRole;
  /** Roles that could be higher and were not read, with why. */
  unread: string[];
}

/** The highest of the roles known for a project, and whether a role that could be higher stayed unread. */
export function effectiveRole(project: RailwayProject, workspaceRoles: readonly WorkspaceRole[]): EffectiveRole {
  const workspace = project.external ? undefined : workspaceRoles.find((w) => w.id === project.workspaceId);
  const fromWorkspace = workspace?.role;
  const fromProject = project.projectRole;
  const source = fromProject && (!fromWorkspace || RANK[fromProject] > RANK[fromWorkspace]) ? 'project' : fromWorkspace ? 'workspace' : undefined;
  const role = source === 'project' ? fromProject : fromWorkspace;
  const unread: string[] = [];
  if (workspace && !workspace.role) unread.push(`role in workspace "${workspace.name}": ${workspace.reason ?? 'not read'}`);
  if (project.projectRoleUnknown && role !== 'ADMIN') unread.push(`role in project "${project.name}": ${project.projectRoleUnknown}`);
  return { role, source, workspace, unread };
}

const RANK: Record<Role, number> = { VIEWER: 0, MEMBER: 1, ADMIN: 2 };

function ownRole(members: readonly Member[], token: AccountToken): Role | undefined {
  const email = token.email?.toLowerCase();
  return members.find((m) => m.id === token.userId || (email !== undefined && m.email?.toLowerCase() === email))?.role;
}

function refusalReason(answer: CallFailure): string {
  return answer.kind === 'invalid' ? `not visible to this token (${answer.reason})` : answer.reason;
}
