// What a Railway token may do, from what it is and, for tokens that answer `me`, the user's roles.
// Workspace roles: https://docs.railway.com/projects/workspaces#inviting-members (only Admins may
// delete volumes, services and projects). Project roles: https://docs.railway.com/projects/project-members
// (Owner: full administration; Editor: no destructive actions; Viewer: read only). The schema names
// them ADMIN / MEMBER / VIEWER (TeamRole and ProjectRole in railwayapp/cli src/gql/schema.json).
import type { Grant, Unknown } from '../../core/types.js';
import { railwayId, type Inventory, type RailwayProject, type Role, type TokenKind, type VolumeView } from './model.js';
import { effectiveRole, type EffectiveRole } from './roles.js';

const BACKUPS_DIE_WITH_VOLUME = 'Railway: wiping or deleting a volume deletes all its backups';

/**
 * Grants and the unknowns that bound them. A token that answers `me` acts with the user's role
 * in each project (the highest of its workspace role and its project role); where no role could be
 * read, it gets what it was seen to read, and an unknown up to `destroy`.
 */
export function grantsOf(token: TokenKind, inventory: Inventory, principal: string): { grants: Grant[]; unknowns: Unknown[] } {
  if (token.kind === 'account') return userGrants(token, inventory, principal);
  const grants: Grant[] = [];
  if (token.kind === 'workspace') {
    for (const project of inventory.projects) {
      const evidence = `workspace token for "${project.workspace ?? 'its workspace'}": all the workspace's resources (workspace admin)`;
      grants.push({ action: 'admin', resource: railwayId(project.name, '*'), evidence, principal });
    }
    for (const view of inventory.volumes) {
      grants.push(
        volumeDelete(view, `workspace token for "${view.project.workspace ?? 'its workspace'}": all the workspace's resources (workspace admin)`, principal),
      );
    }
    return { grants, unknowns: [] };
  }
  const environment = railwayId(token.projectName ?? token.projectId, token.environmentName ?? token.environmentId, '*');
  const evidence = 'project token: deployment actions in one environment (Railway docs: railway up, redeploy, logs)';
  grants.push({ action: 'write', resource: environment, evidence, operation: 'serviceInstanceDeploy', principal });
  grants.push({
    action: 'read',
    resource: environment,
    evidence: `${evidence}; deployed code runs with the environment's variables and volumes mounted`,
    operation: 'deploymentLogs',
    principal,
  });
  return { grants, unknowns: inventory.volumes.map(projectTokenVolumeUnknown) };
}

function userGrants(token: Extract<TokenKind, { kind: 'account' }>, inventory: Inventory, principal: string): { grants: Grant[]; unknowns: Unknown[] } {
  const who = token.email ?? token.name ?? token.userId;
  const grants: Grant[] = [];
  const unknowns: Unknown[] = [];
  for (const project of inventory.projects) {
    const effective = effectiveRole(project, inventory.workspaceRoles);
    const volumes = inventory.volumes.filter((v) => v.project === project);
    grants.push(...roleGrants(project, effective, volumes, principal));
    if (effective.unread.length > 0 && effective.role !== 'ADMIN') {
      unknowns.push({
        what: `whether ${who} may delete the volumes, services or project "${project.name}" (only an Admin role may)`,
        reason: effective.unread.join('; '),
        upTo: 'destroy',
        resources: [railwayId(project.name, '*')],
        settle:
          effective.workspace && !effective.workspace.role
            ? `query WorkspaceMembers(workspaceId: "${effective.workspace.id}")`
            : `query ProjectMembers(projectId: "${project.id}")`,
      });
    }
  }
  unknowns.push({
    what: 'whether this is an account token or an OAuth access token',
    reason:
      "Railway answers `me` for both. An OAuth token acts only in the workspaces and projects the user shared with the app, and its scope (workspace:viewer/member/admin, project:viewer/member) can lower the user's role; the API does not tell which (docs.railway.com/integrations/oauth/scopes-and-user-consent)",
    upTo: 'none',
    settle: 'Railway dashboard: Account → Tokens lists account tokens; Account → Authorized apps lists OAuth grants',
  });
  return { grants, unknowns };
}

function roleGrants(project: RailwayProject, effective: EffectiveRole, volumes: VolumeView[], principal: string): Grant[] {
  const scope = railwayId(project.name, '*');
  if (!effective.role)
    return [
      {
        action: 'read',
        resource: scope,
        evidence: "the token could read the project; the user's role in it could not be read",
        operation: 'project',
        principal,
      },
    ];
  const evidence = roleEvidence(project, effective);
  switch (effective.role) {
    case 'ADMIN':
      return [{ action: 'admin', resource: scope, evidence, principal }, ...volumes.map((v) => volumeDelete(v, evidence, principal))];
    case 'MEMBER':
      return [{ action: 'write', resource: scope, evidence, operation: 'serviceInstanceDeploy', principal }];
    case 'VIEWER':
      return [{ action: 'read', resource: scope, evidence, operation: 'project', principal }];
  }
}

const WORKSPACE_ROLE: Record<Role, [string, string]> = {
  ADMIN: ['Admin', 'full administration of the workspace and its projects; only Admins may delete volumes, services and projects'],
  MEMBER: ['Member', 'deploys, variables, services and volumes may be created and changed; deleting volumes, services and projects is Admin-only'],
  VIEWER: ['VIEWER', "views projects; the docs' Deployer role deploys only through GitHub commits"],
};
const PROJECT_ROLE: Record<Role, [string, string]> = {
  ADMIN: ['Owner (ADMIN)', 'full administration of the project'],
  MEMBER: ['Editor (MEMBER)', 'deployments and project settings, no destructive actions'],
  VIEWER: ['Viewer', 'read-only access to the project'],
};

function roleEvidence(project: RailwayProject, effective: EffectiveRole): string {
  const role = effective.role!;
  if (effective.source === 'project') {
    const [name, allows] = PROJECT_ROLE[role];
    return `${name} of project "${project.name}" (Railway project roles: ${allows})`;
  }
  const [name, allows] = WORKSPACE_ROLE[role];
  return `${name} of workspace "${effective.workspace?.name ?? project.workspace ?? 'unknown'}" (Railway workspace roles: ${allows})`;
}

function volumeDelete(view: VolumeView, tokenEvidence: string, principal: string): Grant {
  return { action: 'destroy', resource: view.resourceId, evidence: `${tokenEvidence}; ${BACKUPS_DIE_WITH_VOLUME}`, operation: 'volumeDelete', principal };
}

function projectTokenVolumeUnknown(view: VolumeView): Unknown {
  return {
    what: `whether this project token can delete ${view.resourceId} or its backups (volumeDelete, volumeInstanceBackupDelete)`,
    reason:
      'Railway documents project tokens as limited to deployment-related actions in one environment but publishes no per-operation list; only a mutation could prove it, and blastradius never sends one',
    upTo: 'destroy',
    resources: [view.resourceId],
    settle: 'no read-only query answers it: Railway would have to document what a project token may do (docs.railway.com/integrations/api#project-token)',
  };
}
