// Render API v1: https://api-docs.render.com (authentication: https://api-docs.render.com/reference/authentication)
import { scrub } from '../../core/secret.js';
import type { Grant, Identity, Resource, Token, VerificationResult } from '../../core/types.js';
import { apiBaseUrl } from '../http.js';
import { invalid, live, unknownError } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { renderApi } from './client.js';
import { PROTECTED_ENVIRONMENTS } from './docs.js';
import { renderGrants } from './grants.js';
import { listInventory } from './inventory.js';
import manifest from './manifest.js';
import { diskId, postgresBackupsId, postgresId, serviceId, snapshotsId, type User, type WorkspaceView } from './model.js';

export const RENDER_API_URL = 'https://api.render.com';

const render: Provider = {
  ...manifest,
  async verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
    const secret = token.secret.reveal();
    const { url, overridden } = apiBaseUrl('render', ctx, RENDER_API_URL);
    const where = overridden ? ` at ${url}` : '';
    try {
      const api = renderApi(url, secret, ctx);
      const me = await api.get<User>('/v1/users');
      if (!me.ok && me.kind === 'invalid') return invalid(`Render refused the API key${where} (HTTP 401)`);
      if (!me.ok) return unknownError(`${me.reason}${where}`);
      if (typeof me.data?.email !== 'string') return unknownError(`Render answered GET /v1/users without the user's email${where}`);
      const user = me.data;
      const inventory = await listInventory(api, user);
      const grants: Grant[] = [];
      const unknowns = [...inventory.unknowns];
      const notes = [...inventory.notes];
      for (const ws of inventory.workspaces) {
        const part = renderGrants(ws, user.email);
        grants.push(...part.grants);
        unknowns.push(...part.unknowns);
        notes.push(...ws.databases.flatMap((d) => d.notes), ...ws.services.flatMap((s) => s.notes));
        if (ws.role === 'DEVELOPER' && [...ws.databases, ...ws.services].some((r) => r.protectedEnv === true)) {
          notes.push(`workspace "${ws.owner.name}": resources in protected environments cannot be deleted by a Developer (${PROTECTED_ENVIRONMENTS})`);
        }
      }
      const identity: Identity = {
        principal: user.email,
        type: 'api-key',
        displayName: user.name,
        workspaces: inventory.workspaces.map((w) => `${w.owner.name}: ${w.role ?? 'role unknown'}`),
        ...(overridden ? { endpoint: url } : {}),
      };
      const count = (key: 'databases' | 'services') => inventory.workspaces.reduce((n, w) => n + w[key].length, 0);
      return live({
        identity,
        grants,
        resources: inventory.workspaces.flatMap(resourcesOf),
        unknowns,
        notes,
        detail: `API key of ${user.email}: ${inventory.workspaces.length} workspace(s), ${count('databases')} Postgres instance(s), ${count('services')} service(s)`,
      });
    } catch (error) {
      return unknownError(scrub(`Render verification failed: ${(error as Error)?.message ?? String(error)}`, [secret]));
    }
  },
};

export default render;

function resourcesOf(ws: WorkspaceView): Resource[] {
  const name = ws.owner.name;
  const out: Resource[] = [];
  for (const db of ws.databases) {
    const env = { workspace: name, protectedEnvironment: db.protectedEnv ?? null };
    out.push({
      id: postgresId(name, db.postgres.name),
      type: 'postgres',
      name: db.postgres.name,
      provider: 'render',
      attributes: { ...env, plan: db.postgres.plan ?? null, status: db.postgres.status ?? null },
    });
    if (db.postgres.plan === 'free') continue; // Render does not back up free instances.
    out.push({
      id: postgresBackupsId(name, db.postgres.name),
      type: 'postgres-backups',
      name: `${db.postgres.name} backups`,
      provider: 'render',
      attributes: {
        ...env,
        pointInTimeRecovery: db.recovery?.recoveryStatus ?? null,
        recoverableFrom: db.recovery?.startsAt ?? null,
        exports: db.exports ?? null,
      },
    });
  }
  for (const s of ws.services) {
    const env = { workspace: name, protectedEnvironment: s.protectedEnv ?? null };
    out.push({
      id: serviceId(name, s.service.name),
      type: 'service',
      name: s.service.name,
      provider: 'render',
      attributes: { ...env, serviceType: s.service.type ?? null },
    });
    if (!s.disk) continue;
    out.push({
      id: diskId(name, s.service.name),
      type: 'disk',
      name: s.disk.name,
      provider: 'render',
      attributes: { ...env, mountPath: s.disk.mountPath ?? null, sizeGB: s.disk.sizeGB ?? null },
    });
    out.push({
      id: snapshotsId(name, s.service.name),
      type: 'disk-snapshots',
      name: `${s.disk.name} snapshots`,
      provider: 'render',
      attributes: { ...env, snapshots: s.snapshots?.count ?? null, latestSnapshotAt: s.snapshots?.latestAt ?? null },
    });
  }
  return out;
}
