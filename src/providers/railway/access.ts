import type { Grant, Identity, Protection, Resource, Unknown } from '../../core/types.js';
import { railwayId, type Inventory, type TokenKind, type VolumeView } from './model.js';

export interface AccessReport {
  identity: Identity;
  grants: Grant[];
  resources: Resource[];
  protections: Protection[];
  unknowns: Unknown[];
  notes: string[];
  detail: string;
}

const BACKUPS_DIE_WITH_VOLUME = 'Railway: wiping or deleting a volume deletes all its backups';

/**
 * Turns the token type and what it reaches into grants. Railway tokens carry no scopes, so the
 * type is the evidence: an account token has the whole account, a workspace token the whole
 * workspace, a project token deployment actions in one environment.
 */
export function describeAccess(token: TokenKind, inventory: Inventory, endpoint?: string): AccessReport {
  const identity = identityOf(token, endpoint);
  const grants = grantsOf(token, inventory, identity.principal);
  const unknowns = [...inventory.unknowns];
  const notes = [...inventory.notes];
  if (token.kind === 'project') unknowns.push(...inventory.volumes.map(projectTokenVolumeUnknown));
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

function identityOf(token: TokenKind, endpoint: string | undefined): Identity {
  const where = endpoint ? { endpoint } : {};
  switch (token.kind) {
    case 'account':
      return {
        principal: token.email ?? token.userId,
        type: 'account-token',
        account: token.userId,
        displayName: token.name,
        workspaces: token.workspaces.map((w) => w.name),
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

function grantsOf(token: TokenKind, inventory: Inventory, principal: string): Grant[] {
  const grants: Grant[] = [];
  if (token.kind === 'account') {
    grants.push({ action: 'admin', resource: 'railway:*', evidence: 'account token: whole-account authority', principal });
    for (const view of inventory.volumes) grants.push(volumeDelete(view, 'account token: whole-account authority', principal));
  } else if (token.kind === 'workspace') {
    for (const project of inventory.projects) {
      const evidence = `workspace token for "${project.workspace ?? 'its workspace'}": all the workspace's resources (workspace admin)`;
      grants.push({ action: 'admin', resource: railwayId(project.name, '*'), evidence, principal });
    }
    for (const view of inventory.volumes) {
      grants.push(volumeDelete(view, `workspace token for "${view.project.workspace ?? 'its workspace'}": all the workspace's resources (workspace admin)`, principal));
    }
  } else {
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
  }
  return grants;
}

function volumeDelete(view: VolumeView, tokenEvidence: string, principal: string): Grant {
  return { action: 'destroy', resource: view.resourceId, evidence: `${tokenEvidence}; ${BACKUPS_DIE_WITH_VOLUME}`, operation: 'volumeDelete', principal };
}

function projectTokenVolumeUnknown(view: VolumeView): Unknown {
  return {
    what: `whether this project token can delete ${view.resourceId} or its backups (volumeDelete, volumeInstanceBackupDelete)`,
    reason:
      'Railway documents project tokens as limited to deployment-related actions in one environment but publishes no per-operation list; only a mutation could prove it, and blastradius never sends one',
  };
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
  return { id: service.resourceId, type: 'service', name: service.name, provider: 'railway', attributes: { project: service.project, environment: service.environment } };
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
  if (token.kind === 'account') return `account token of ${identity.principal} (${count(token.workspaces.length, 'workspace')}): ${reach}`;
  if (token.kind === 'workspace') return `workspace token for ${token.workspaces.map((w) => `"${w.name}"`).join(', ') || 'no workspace'}: ${reach}`;
  return `project token for ${String(identity.project)}/${String(identity.environment)}: ${count(inventory.volumes.length, 'volume')} holding ${count(backups, 'backup')} in its environment`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
