import type { Grant, Identity, Protection, Resource, Unknown } from '../../core/types.js';
import { grantsOf } from './grants.js';
import type { Inventory, TokenKind, VolumeView } from './model.js';

export interface AccessReport {
  identity: Identity;
  grants: Grant[];
  resources: Resource[];
  protections: Protection[];
  unknowns: Unknown[];
  notes: string[];
  detail: string;
}

/**
 * Turns the token type and what it reaches into grants. Railway tokens carry no scopes, so the
 * type is the evidence: a token that answers `me` acts with the user's roles, a workspace token
 * has the whole workspace, a project token deployment actions in one environment.
 */
export function describeAccess(token: TokenKind, inventory: Inventory, endpoint?: string): AccessReport {
  const identity = identityOf(token, inventory, endpoint);
  const { grants, unknowns: bounds } = grantsOf(token, inventory, identity.principal);
  const unknowns = [...inventory.unknowns, ...bounds];
  const notes = [...inventory.notes];
  if (token.kind === 'workspace' && token.workspaces.length === 0) notes.push('Railway accepted the token but named no workspace it may operate on');
  for (const view of inventory.volumes) {
    if (view.backups && view.backups.count === 0 && view.backups.schedules.length === 0) {
      notes.push(`${view.resourceId} has no backups and no backup schedule`);
    }
  }
  return {
    identity,
    grants,
    resources: [...inventory.volumes.map(volumeResource), ...inventory.services.map(serviceResource)],
    protections: inventory.volumes.map(softDelete),
    unknowns,
    notes,
    detail: summary(token, inventory, identity),
  };
}

function identityOf(token: TokenKind, inventory: Inventory, endpoint: string | undefined): Identity {
  const where = endpoint ? { endpoint } : {};
  switch (token.kind) {
    case 'account':
      return {
        principal: token.email ?? token.userId,
        type: 'account-token',
        account: token.userId,
        displayName: token.name,
        workspaces: token.workspaces.map((w) => w.name),
        workspaceRoles: inventory.workspaceRoles.map((w) => `${w.name}: ${w.role ?? 'unknown'}`),
        ...where,
      };
    case 'workspace':
      return {
        principal: `workspace:${token.workspaces.map((w) => w.name).join(',') || 'unknown'}`,
        type: 'workspace-token',
        account: token.workspaces.map((w) => w.id).join(',') || undefined,
        workspaces: token.workspaces.map((w) => w.name),
        ...where,
      };
    case 'project':
      return {
        principal: `project-token:${token.projectName ?? token.projectId}/${token.environmentName ?? token.environmentId}`,
        type: 'project-token',
        account: token.projectId,
        project: token.projectName ?? token.projectId,
        environment: token.environmentName ?? token.environmentId,
        ...where,
      };
  }
}

function volumeResource(view: VolumeView): Resource {
  return {
    id: view.resourceId,
    type: 'volume',
    name: view.volumeName,
    provider: 'railway',
    holdsBackups: true,
    attributes: {
      backups: view.backups?.count ?? null,
      lastBackupAt: view.backups?.lastBackupAt ?? null,
      backupSchedules: view.backups?.schedules ?? null,
      mountPath: view.instance.mountPath ?? null,
      environment: view.environment,
      project: view.project.name,
      workspace: view.project.workspace ?? null,
      service: view.serviceName ?? null,
      sizeMB: view.instance.sizeMB ?? null,
      currentSizeMB: view.instance.currentSizeMB ?? null,
      state: view.instance.state ?? null,
      volumeId: view.project.volumes.find((v) => v.instances.includes(view.instance))?.id ?? null,
      volumeInstanceId: view.instance.id,
    },
  };
}

function serviceResource(service: Inventory['services'][number]): Resource {
  return {
    id: service.resourceId,
    type: 'service',
    name: service.name,
    provider: 'railway',
    attributes: { project: service.project, environment: service.environment },
  };
}

function softDelete(view: VolumeView): Protection {
  return {
    kind: 'soft-delete',
    resource: view.resourceId,
    blocks: ['volumeDelete'],
    description:
      'Railway queues a deleted volume and deletes it permanently within 48 hours; until then it can be restored from the link emailed to the owner. A mitigation, not a backup: the backups go with the volume.',
    mitigationOnly: true,
  };
}

function summary(token: TokenKind, inventory: Inventory, identity: Identity): string {
  const backups = inventory.volumes.reduce((sum, v) => sum + (v.backups?.count ?? 0), 0);
  const reach = `${count(inventory.projects.length, 'project')}, ${count(inventory.volumes.length, 'volume')} holding ${count(backups, 'backup')}`;
  if (token.kind === 'account') {
    const admin = inventory.workspaceRoles.filter((w) => w.role === 'ADMIN').length;
    return `account token of ${identity.principal} (${count(token.workspaces.length, 'workspace')}, Admin of ${admin}): ${reach}`;
  }
  if (token.kind === 'workspace') return `workspace token for ${token.workspaces.map((w) => `"${w.name}"`).join(', ') || 'no workspace'}: ${reach}`;
  return `project token for ${String(identity.project)}/${String(identity.environment)}: ${count(inventory.volumes.length, 'volume')} holding ${count(backups, 'backup')} in its environment`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
