import { mapLimit } from '../../core/concurrency.js';
import type { Unknown } from '../../core/types.js';
import type { GraphQLAnswer } from '../graphql.js';
import type { RailwayAuth, RailwayClient } from './client.js';
import { railwayId, type Inventory, type RailwayProject, type RailwayVolumeInstance, type TokenKind, type VolumeBackups, type VolumeView } from './model.js';
import { EXTERNAL_WORKSPACES, PROJECT, PROJECTS, VOLUME_INSTANCE_BACKUPS } from './queries.js';
import { readProjectRoles, readWorkspaceRoles } from './roles.js';

const PAGE_SIZE = 50;
const MAX_PAGES = 4;
const MAX_PROJECTS = 100;
const MAX_BACKUP_LOOKUPS = 100;
const CONCURRENCY = 4;

interface Connection<T> {
  edges: { node: T }[];
  pageInfo?: { hasNextPage: boolean; endCursor?: string | null };
}
interface ProjectRef {
  id: string;
  name?: string;
  workspace?: string;
  workspaceId?: string;
  external?: boolean;
}
interface ProjectData {
  project: {
    id: string;
    name: string;
    environments: Connection<{ id: string; name: string; serviceInstances?: Connection<{ serviceId: string }> }>;
    services: Connection<{ id: string; name: string }>;
    volumes: Connection<{ id: string; name: string; volumeInstances: Connection<RailwayVolumeInstance> }>;
  };
}
interface BackupsData {
  volumeInstanceBackupList: { id: string; createdAt: string }[];
  volumeInstanceBackupScheduleList: { kind: string }[];
}

// An unseen project could hold volumes the token may delete: unknowns about projects reach everything.
const ANY_PROJECT = ['railway:*'];

/**
 * Lists what the token reaches: projects → environments, services, volumes → each volume
 * instance's backups, and for tokens that answer `me` the user's roles. A failed sub-call becomes
 * a note or an unknown; it never loses the result.
 */
export async function collectInventory(client: RailwayClient, token: TokenKind): Promise<Inventory> {
  const inventory: Inventory = { projects: [], volumes: [], services: [], workspaceRoles: [], notes: [], unknowns: [] };
  const auth: RailwayAuth = token.kind === 'project' ? 'project' : 'bearer';
  if (token.kind === 'account') await readWorkspaceRoles(client, token, inventory);
  const refs = await projectRefs(client, token, inventory);
  if (refs.length > MAX_PROJECTS) {
    inventory.notes.push(`listed the first ${MAX_PROJECTS} of ${refs.length} projects`);
    inventory.unknowns.push({
      what: `volumes and backups of ${refs.length - MAX_PROJECTS} more projects`,
      reason: `over the ${MAX_PROJECTS}-project cap`,
      upTo: 'destroy',
      resources: refs.slice(MAX_PROJECTS).map((r) => railwayId(r.name ?? r.id, '*')),
      settle: 'query Project(id) for each of them',
    });
  }
  const details = await mapLimit(refs.slice(0, MAX_PROJECTS), CONCURRENCY, (ref) => projectDetails(client, ref, auth, inventory));
  inventory.projects = details.filter((p): p is RailwayProject => p !== undefined);
  if (token.kind === 'account') await readProjectRoles(client, token, inventory);
  const onlyEnvironment = token.kind === 'project' ? token.environmentId : undefined;
  for (const project of inventory.projects) addViews(project, onlyEnvironment, inventory);
  const lookups = inventory.volumes.slice(0, MAX_BACKUP_LOOKUPS);
  if (inventory.volumes.length > lookups.length) {
    const unread = inventory.volumes.slice(MAX_BACKUP_LOOKUPS).map((v) => v.resourceId);
    // Only how many backups exist stays unknown; whether the token can delete the volumes is decided without it.
    inventory.unknowns.push({
      what: `backups of ${unread.length} more volumes`,
      reason: `over the ${MAX_BACKUP_LOOKUPS}-volume cap`,
      upTo: 'none',
      resources: unread,
      settle: 'query VolumeInstanceBackups for each of them',
    });
  }
  await mapLimit(lookups, CONCURRENCY, async (view) => {
    view.backups = await volumeBackups(client, view, auth, inventory);
  });
  return inventory;
}

async function projectRefs(client: RailwayClient, token: TokenKind, inventory: Inventory): Promise<ProjectRef[]> {
  if (token.kind === 'project') return [{ id: token.projectId, name: token.projectName }];
  const refs: ProjectRef[] = [];
  for (const workspace of token.workspaces) refs.push(...(await workspaceProjects(client, workspace, inventory)));
  if (token.kind === 'account') {
    const external = await client.query<{ externalWorkspaces: { id: string; name: string; projects: { id: string; name: string }[] }[] | null }>(
      EXTERNAL_WORKSPACES,
      {},
      'bearer',
    );
    const what = 'projects the user was invited to outside their workspaces';
    if (external.ok && external.data.externalWorkspaces) {
      for (const ws of external.data.externalWorkspaces)
        refs.push(...ws.projects.map((p) => ({ ...p, workspace: ws.name, workspaceId: ws.id, external: true })));
      partialAnswer(inventory, what, external.errors, 'destroy', ANY_PROJECT, 'query ExternalWorkspaces');
    } else {
      inventory.unknowns.push({
        what,
        reason: external.ok ? 'Railway answered without externalWorkspaces' : external.reason,
        upTo: 'destroy',
        resources: ANY_PROJECT,
        settle: 'query ExternalWorkspaces',
      });
    }
  }
  const seen = new Set<string>();
  return refs.filter((r) => !seen.has(r.id) && seen.add(r.id));
}

async function workspaceProjects(client: RailwayClient, workspace: { id: string; name: string }, inventory: Inventory): Promise<ProjectRef[]> {
  const refs: ProjectRef[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await client.query<{ projects: Connection<{ id: string; name: string }> | null }>(
      PROJECTS,
      { workspaceId: workspace.id, first: PAGE_SIZE, after },
      'bearer',
    );
    const what = `projects of workspace "${workspace.name}"`;
    const settle = `query Projects(workspaceId: "${workspace.id}")`;
    if (!answer.ok || !answer.data.projects) {
      lostSubCall(inventory, what, answer, ANY_PROJECT, settle);
      return refs;
    }
    partialAnswer(inventory, what, answer.errors, 'destroy', ANY_PROJECT, settle);
    refs.push(...answer.data.projects.edges.map((e) => ({ ...e.node, workspace: workspace.name, workspaceId: workspace.id })));
    const info = answer.data.projects.pageInfo;
    if (!info?.hasNextPage || !info.endCursor) return refs;
    after = info.endCursor;
  }
  inventory.notes.push(`workspace "${workspace.name}": stopped listing projects after ${MAX_PAGES * PAGE_SIZE}`);
  inventory.unknowns.push({
    what: `further projects of workspace "${workspace.name}"`,
    reason: 'pagination cap reached',
    upTo: 'destroy',
    resources: ANY_PROJECT,
    settle: `query Projects(workspaceId: "${workspace.id}", after: "${after ?? ''}")`,
  });
  return refs;
}

async function projectDetails(client: RailwayClient, ref: ProjectRef, auth: RailwayAuth, inventory: Inventory): Promise<RailwayProject | undefined> {
  const answer = await client.query<{ project: ProjectData['project'] | null }>(PROJECT, { id: ref.id }, auth);
  const scope = [railwayId(ref.name ?? ref.id, '*')];
  const settle = `query Project(id: "${ref.id}")`;
  if (!answer.ok || !answer.data.project) {
    lostSubCall(inventory, `environments, services and volumes of project "${ref.name ?? ref.id}"`, answer, scope, settle);
    return undefined;
  }
  const p = answer.data.project;
  partialAnswer(inventory, `environments, services and volumes of project "${p.name}"`, answer.errors, 'destroy', scope, settle);
  for (const [what, connection] of [
    ['environments', p.environments],
    ['services', p.services],
    ['volumes', p.volumes],
  ] as const) {
    if (connection?.pageInfo?.hasNextPage)
      inventory.unknowns.push({
        what: `further ${what} of project "${p.name}"`,
        reason: 'only the first page was read',
        upTo: 'destroy',
        resources: scope,
        settle: `${settle}, next page of ${what}`,
      });
  }
  return {
    id: p.id,
    name: p.name,
    workspace: ref.workspace,
    workspaceId: ref.workspaceId,
    external: ref.external,
    environments: (p.environments?.edges ?? []).map(({ node }) => ({
      id: node.id,
      name: node.name,
      serviceIds: node.serviceInstances?.edges.map((e) => e.node.serviceId) ?? [],
    })),
    services: (p.services?.edges ?? []).map(({ node }) => ({ id: node.id, name: node.name })),
    volumes: (p.volumes?.edges ?? []).map(({ node }) => ({ id: node.id, name: node.name, instances: node.volumeInstances?.edges.map((e) => e.node) ?? [] })),
  };
}

function addViews(project: RailwayProject, onlyEnvironment: string | undefined, inventory: Inventory): void {
  const environmentName = new Map(project.environments.map((e) => [e.id, e.name]));
  const serviceName = new Map(project.services.map((s) => [s.id, s.name]));
  for (const environment of project.environments) {
    if (onlyEnvironment && environment.id !== onlyEnvironment) continue;
    for (const serviceId of new Set(environment.serviceIds)) {
      const name = serviceName.get(serviceId) ?? serviceId;
      inventory.services.push({ resourceId: railwayId(project.name, environment.name, name), project: project.name, environment: environment.name, name });
    }
  }
  for (const volume of project.volumes) {
    for (const instance of volume.instances) {
      if (onlyEnvironment && instance.environmentId !== onlyEnvironment) continue;
      const environment = environmentName.get(instance.environmentId) ?? instance.environmentId;
      const view: VolumeView = {
        resourceId: railwayId(project.name, environment, volume.name),
        project,
        environment,
        volumeName: volume.name,
        serviceName: instance.serviceId ? serviceName.get(instance.serviceId) : undefined,
        instance,
      };
      if (instance.isPendingDeletion || instance.state === 'DELETING' || instance.state === 'DELETED') {
        inventory.notes.push(`${view.resourceId} is already being deleted (state ${instance.state ?? 'pending deletion'})`);
      }
      inventory.volumes.push(view);
    }
  }
}

async function volumeBackups(client: RailwayClient, view: VolumeView, auth: RailwayAuth, inventory: Inventory): Promise<VolumeBackups | undefined> {
  const answer = await client.query<Partial<BackupsData>>(VOLUME_INSTANCE_BACKUPS, { volumeInstanceId: view.instance.id }, auth);
  const what = `backups of ${view.resourceId}`;
  const settle = `query VolumeInstanceBackups(volumeInstanceId: "${view.instance.id}")`;
  // How many backups exist does not change what the token can do to the volume: these unknowns narrow nothing and widen nothing.
  if (!answer.ok || !answer.data.volumeInstanceBackupList) {
    lostSubCall(inventory, what, answer, [view.resourceId], settle, 'none');
    return undefined;
  }
  partialAnswer(inventory, what, answer.errors, 'none', [view.resourceId], settle);
  const backups = answer.data.volumeInstanceBackupList;
  const last = backups
    .map((b) => b.createdAt)
    .sort()
    .at(-1);
  return { count: backups.length, lastBackupAt: last, schedules: [...new Set((answer.data.volumeInstanceBackupScheduleList ?? []).map((s) => s.kind))].sort() };
}

function lostSubCall(
  inventory: Inventory,
  what: string,
  answer: GraphQLAnswer<unknown>,
  resources: string[],
  settle: string,
  upTo: Unknown['upTo'] = 'destroy',
): void {
  const reason = answer.ok
    ? `Railway answered without it${answer.errors.length ? ` (${answer.errors.join('; ')})` : ''}`
    : answer.kind === 'invalid'
      ? `not visible to this token (${answer.reason})`
      : answer.reason;
  inventory.unknowns.push({ what, reason, upTo, resources, settle });
}

/** A GraphQL answer with data and errors: the data is kept, each error becomes part of one unknown. */
function partialAnswer(inventory: Inventory, what: string, errors: string[], upTo: Unknown['upTo'], resources: string[], settle: string): void {
  if (errors.length === 0) return;
  inventory.unknowns.push({ what: `part of the ${what}`, reason: `Railway answered with data and errors: ${errors.join('; ')}`, upTo, resources, settle });
}
