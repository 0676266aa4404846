import type { Resource, Unknown } from '../../core/types.js';
import { noAnswer } from '../outcome.js';
import { bearerHeaders, restApi, type RestApi } from '../rest.js';
import type { ProviderContext } from '../types.js';

export type Kind = 'droplet' | 'volume' | 'database' | 'snapshot';

interface Droplet {
  id: number;
  name: string;
  status?: string;
  features?: string[];
  backup_ids?: number[];
  snapshot_ids?: number[];
  region?: { slug?: string };
  next_backup_window?: { start?: string; end?: string } | null;
}
interface Volume {
  id: string;
  name: string;
  size_gigabytes?: number;
  droplet_ids?: number[];
  region?: { slug?: string };
}
// Database clusters come back with connection strings and passwords: only these fields are read.
interface Database {
  id: string;
  name: string;
  engine?: string;
  status?: string;
  region?: string;
}
interface Snapshot {
  id: string;
  name: string;
  resource_type?: string;
  resource_id?: string;
  regions?: string[];
}

// Each listing, the scope that reads it, and how its items become resources. A Droplet's backups
// (backup_ids) die with it (https://docs.digitalocean.com/products/images/backups/support/): listed
// as resources under it. Every database cluster keeps automated backups that die with it: `holdsBackups`.
const LISTINGS: { kind: Kind; path: string; key: string; scope: string; toResources: (item: never) => Resource[] }[] = [
  { kind: 'droplet', path: '/v2/droplets?per_page=200', key: 'droplets', scope: 'droplet:read', toResources: dropletResources },
  {
    kind: 'volume',
    path: '/v2/volumes?per_page=200',
    key: 'volumes',
    scope: 'block_storage:read',
    toResources: (v: Volume) => [
      resource('volume', v.id, v.name, false, { region: v.region?.slug, sizeGigabytes: v.size_gigabytes, attachedTo: v.droplet_ids }),
    ],
  },
  {
    kind: 'database',
    path: '/v2/databases',
    key: 'databases',
    scope: 'database:read',
    toResources: (d: Database) => [resource('database', d.id, d.name, true, { engine: d.engine, region: d.region, status: d.status })],
  },
  {
    kind: 'snapshot',
    path: '/v2/snapshots?per_page=200',
    key: 'snapshots',
    scope: 'snapshot:read',
    toResources: (s: Snapshot) => [resource('snapshot', s.id, s.name, false, { of: s.resource_type, sourceId: s.resource_id, regions: s.regions })],
  },
];

function dropletResources(d: Droplet): Resource[] {
  const id = String(d.id);
  const backups = d.backup_ids ?? [];
  const droplet = resource('droplet', id, d.name, backups.length > 0 || (d.features ?? []).includes('backups'), {
    region: d.region?.slug,
    status: d.status,
    backups: backups.length,
    snapshots: d.snapshot_ids?.length ?? 0,
    nextBackupWindow: d.next_backup_window?.start,
  });
  return [
    droplet,
    ...backups.map((b) => ({
      id: `digitalocean:droplet/${id}/backup/${b}`,
      type: 'droplet-backup',
      name: `${d.name} backup ${b}`,
      provider: 'digitalocean',
      attributes: { droplet: id },
    })),
  ];
}

export interface Inventory {
  resources: Resource[];
  readable: Kind[];
  /** Kinds DigitalOcean answered 403 for: the token has custom scopes without their read scope. */
  forbidden: { kind: Kind; scope: string }[];
  unknowns: Unknown[];
}

/** The DigitalOcean API v2 of one token. */
export function digitaloceanApi(baseUrl: string, secret: string, ctx: ProviderContext): RestApi {
  return restApi({ baseUrl, headers: bearerHeaders(secret), secrets: [secret], label: 'DigitalOcean' }, ctx);
}

export async function listInventory(baseUrl: string, secret: string, ctx: ProviderContext): Promise<Inventory> {
  const api = digitaloceanApi(baseUrl, secret, ctx);
  const inventory: Inventory = { resources: [], readable: [], forbidden: [], unknowns: [] };
  for (const listing of LISTINGS) {
    try {
      const answer = await api.get<Record<string, unknown> & { links?: { pages?: { next?: string } } }>(listing.path, { label: `DigitalOcean ${listing.key}` });
      if (!answer.ok && noAnswer(answer)) {
        inventory.unknowns.push(unreadListing(listing, answer.reason));
        continue;
      }
      if (answer.status === 403) {
        inventory.forbidden.push({ kind: listing.kind, scope: listing.scope });
        continue;
      }
      if (!answer.ok) {
        inventory.unknowns.push(unreadListing(listing, `DigitalOcean answered HTTP ${answer.status} to ${listing.path.replace(/\?.*$/, '')}`));
        continue;
      }
      const body = answer.data;
      const items = Array.isArray(body[listing.key]) ? (body[listing.key] as never[]) : [];
      inventory.readable.push(listing.kind);
      inventory.resources.push(...items.flatMap((item) => listing.toResources(item)));
      if (body.links?.pages?.next) {
        inventory.unknowns.push({
          what: `${listing.key} past the first page`,
          reason: 'only the first page was read',
          upTo: 'destroy',
          resources: [`digitalocean:${listing.kind}/*`],
          settle: `GET ${listing.path}${listing.path.includes('?') ? '&' : '?'}page=2`,
        });
      }
    } catch {
      inventory.unknowns.push(unreadListing(listing, 'the listing failed'));
    }
  }
  return inventory;
}

// A listing that did not answer may hide resources the token can delete; the scopes unknown bounds how far.
function unreadListing(listing: (typeof LISTINGS)[number], reason: string): Unknown {
  return {
    what: `which ${listing.key} this token can reach`,
    reason,
    upTo: 'destroy',
    resources: [`digitalocean:${listing.kind}/*`],
    settle: `GET ${listing.path.replace(/\?.*$/, '')}`,
  };
}

function resource(kind: Kind, id: string, name: string, holdsBackups: boolean, attributes: Record<string, unknown>): Resource {
  return { id: `digitalocean:${kind}/${id}`, type: kind, name, provider: 'digitalocean', holdsBackups: holdsBackups || undefined, attributes };
}
