// One Neon project's branches, restore window and snapshots, read-only.
// Project (history_retention_seconds): https://neon.com/docs/reference/api/projects/get-project
// Branches (default, protected): https://neon.com/docs/reference/api/branches/list-project-branches
// Snapshots (beta): https://neon.com/docs/reference/api/snapshots/list-snapshots
// Restore window: https://neon.com/docs/introduction/restore-window
import type { Resource, Unknown } from '../../core/types.js';
import type { ProjectView } from './access.js';

interface Project {
  id: string;
  name: string;
  org_id?: string;
  history_retention_seconds?: number;
}
interface Branch {
  id: string;
  name: string;
  default?: boolean;
  protected?: boolean;
  parent_id?: string;
}
interface Snapshot {
  id: string;
  name?: string;
  source_branch_id?: string;
  created_at?: string;
  manual?: boolean;
}

export interface NeonProject {
  view: ProjectView;
  resources: Resource[];
  unknowns: Unknown[];
}

export async function readProject(
  json: <T>(path: string) => Promise<T | undefined>,
  item: { id: string; name: string; org_id?: string },
): Promise<NeonProject> {
  const p = `neon:${item.id}`;
  const base = `/projects/${encodeURIComponent(item.id)}`;
  const unknowns: Unknown[] = [];
  const project = (await json<{ project: Project }>(base))?.project;
  const branches = (await json<{ branches: Branch[] }>(`${base}/branches`))?.branches;
  const snapshots = (await json<{ snapshots: Snapshot[] }>(`${base}/snapshots`))?.snapshots;
  const resources: Resource[] = [
    // Every branch's history lives in the project: deleting the project takes the restore window with it.
    { id: p, type: 'project', name: item.name, provider: 'neon', holdsBackups: true, attributes: { organization: item.org_id } },
    {
      id: `${p}/history`,
      type: 'history',
      name: `${item.name} restore window`,
      provider: 'neon',
      attributes: { retentionSeconds: project?.history_retention_seconds },
    },
  ];
  for (const b of branches ?? []) {
    resources.push({
      id: `${p}/${b.id}`,
      type: 'branch',
      name: b.name,
      provider: 'neon',
      attributes: { default: b.default ?? false, protected: b.protected ?? false, parent: b.parent_id },
    });
  }
  for (const s of snapshots ?? []) {
    resources.push({
      id: `${p}/snapshots/${s.id}`,
      type: 'snapshot',
      name: s.name ?? s.id,
      provider: 'neon',
      attributes: { sourceBranch: s.source_branch_id, createdAt: s.created_at, manual: s.manual },
    });
  }
  if (!branches)
    unknowns.push({
      what: `the branches of ${item.id}`,
      reason: 'GET /projects/{id}/branches did not answer 200',
      upTo: 'destroy',
      resources: [`${p}/*`],
      settle: `GET ${base}/branches`,
    });
  if (!snapshots)
    unknowns.push({
      what: `the snapshots of ${item.id}`,
      reason: 'GET /projects/{id}/snapshots did not answer 200 (a beta endpoint)',
      upTo: 'destroy',
      resources: [`${p}/snapshots/*`],
      settle: `GET ${base}/snapshots`,
    });
  return { view: { id: item.id, branches: branches ?? [], snapshots: (snapshots?.length ?? 0) > 0 }, resources, unknowns };
}
