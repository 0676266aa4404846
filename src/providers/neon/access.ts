// What a Neon key may do on a project, by the role it carries. Keys: https://neon.com/docs/manage/api-keys
// (organization keys are admin-level, project-scoped keys member-level and "cannot delete the project").
// Roles: https://neon.com/docs/manage/user-permissions (only Admins delete projects; Members manage
// databases and, like every role, delete snapshots).
import type { Grant, Unknown } from '../../core/types.js';

export type Level = 'admin' | 'member' | 'viewer';

export function levelOfRole(role: string | undefined): Level | undefined {
  if (role === 'admin') return 'admin';
  if (role === 'member' || role === 'editor' || role === 'collaborator') return 'member';
  if (role === 'viewer') return 'viewer';
  return undefined;
}

export interface ProjectView {
  id: string;
  branches: { id: string; name: string; default?: boolean }[];
  snapshots: boolean;
}

export function grantsFor(level: Level, project: ProjectView, evidence: string, principal: string): { grants: Grant[]; unknowns: Unknown[] } {
  const p = `neon:${project.id}`;
  const grants: Grant[] = [{ action: 'read', resource: `${p}/*`, evidence, principal }];
  const unknowns: Unknown[] = [];
  if (level === 'viewer') {
    unknowns.push({
      what: `per-project grants on ${project.id}`,
      reason: 'a per-project permission can raise a Viewer to Editor on one project, and only GET /projects/{id}/members shows it',
      upTo: 'destroy',
      resources: [`${p}/*`],
      settle: `GET /projects/${project.id}/members`,
    });
    return { grants, unknowns };
  }
  for (const branch of project.branches) {
    grants.push({
      action: 'destroy',
      resource: `${p}/${branch.id}`,
      operation: 'deleteProjectBranchDatabase',
      evidence: `${evidence}: manage project databases (DELETE …/branches/{branch_id}/databases/{name})`,
      principal,
    });
  }
  if (project.snapshots)
    grants.push({
      action: 'destroy',
      resource: `${p}/snapshots/*`,
      operation: 'deleteSnapshot',
      evidence: `${evidence}: every role may delete snapshots`,
      principal,
    });
  if (level === 'admin') {
    grants.push({
      action: 'destroy',
      resource: p,
      operation: 'deleteProject',
      evidence: `${evidence}: only Admins (and organization keys) delete projects`,
      principal,
    });
    grants.push({
      action: 'destroy',
      resource: `${p}/history`,
      operation: 'updateProject (history_retention_seconds)',
      evidence: `${evidence}: full control of project settings; a shorter restore window removes the history past it`,
      principal,
    });
  } else {
    unknowns.push({
      what: `whether a member-level key may shorten the restore window of ${project.id}`,
      reason: 'the permissions page does not say who may change history_retention_seconds; history past the window is removed',
      upTo: 'destroy',
      resources: [`${p}/history`],
      settle: 'https://neon.com/docs/manage/user-permissions',
    });
  }
  return { grants, unknowns };
}
