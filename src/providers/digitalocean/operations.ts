// What each destructive DigitalOcean call destroys: the production data, its backups, or both, and
// the page that says so. Scopes per endpoint: github.com/digitalocean/openapi (each operation's
// `security: bearer_auth` list). A plain data module: the manifest reads it on every scan.

export type Destroys = 'production' | 'backups' | 'both';

export interface DigitalOceanOperation {
  /** The operation id blastradius uses (the scope that allows it, or the scope and the action). */
  operation: string;
  request: string;
  /** Custom scopes the call needs (all of them). */
  scopes: readonly string[];
  /** The listing kind it acts on. */
  kind: 'droplet' | 'volume' | 'database' | 'snapshot';
  destroys: Destroys;
  what: string;
  doc: string;
  /** Takes the backups whatever the inventory says (every cluster has automated backups). */
  always?: boolean;
}

export const OPERATIONS: readonly DigitalOceanOperation[] = [
  {
    operation: 'database:delete',
    request: 'DELETE /v2/databases/{uuid}',
    scopes: ['database:delete'],
    kind: 'database',
    destroys: 'both',
    what: 'destroys the cluster, its contents and its automated backups (daily, kept seven days: the whole point-in-time recovery window)',
    doc: 'https://docs.digitalocean.com/products/databases/postgresql/how-to/destroy/',
    always: true,
  },
  {
    operation: 'droplet:delete',
    request: 'DELETE /v2/droplets/{id}',
    scopes: ['droplet:delete'],
    kind: 'droplet',
    destroys: 'both',
    what: 'destroys the Droplet and its backups (its snapshots stay)',
    doc: 'https://docs.digitalocean.com/products/images/backups/support/',
  },
  {
    operation: 'droplet:delete+associated',
    request: 'DELETE /v2/droplets/{id}/destroy_with_associated_resources/dangerous',
    scopes: ['droplet:delete', 'block_storage:delete', 'block_storage_snapshot:delete', 'image:delete', 'reserved_ip:delete'],
    kind: 'droplet',
    destroys: 'both',
    what: 'destroys the Droplet, its backups, its snapshots, its volumes and their snapshots in one request',
    doc: 'https://docs.digitalocean.com/notes/changelog/destroy-a-droplet-with-associated-resources',
  },
  {
    operation: 'block_storage:delete',
    request: 'DELETE /v2/volumes/{id}',
    scopes: ['block_storage:delete'],
    kind: 'volume',
    destroys: 'production',
    what: 'destroys the volume and its data; its snapshots stay until deleted',
    doc: 'https://docs.digitalocean.com/products/images/snapshots/details/features/',
  },
  {
    operation: 'snapshot:delete',
    request: 'DELETE /v2/snapshots/{id}',
    scopes: ['image:delete', 'snapshot:delete'],
    kind: 'snapshot',
    destroys: 'backups',
    what: 'deletes a Droplet or volume snapshot',
    doc: 'https://docs.digitalocean.com/products/snapshots/how-to/delete/',
  },
  {
    operation: 'droplet:update(disable_backups)',
    request: 'POST /v2/droplets/{id}/actions {"type": "disable_backups"}',
    scopes: ['droplet:update'],
    kind: 'droplet',
    destroys: 'backups',
    what: "stops a Droplet's backups and deletes the existing backup images",
    doc: 'https://docs.digitalocean.com/products/images/backups/how-to/disable/',
  },
];

export function operationsOn(kind: DigitalOceanOperation['kind']): DigitalOceanOperation[] {
  return OPERATIONS.filter((o) => o.kind === kind);
}

/** One line per operation for an unknown's reason: the request, what it destroys, the page. */
export function describeOperations(kinds: readonly DigitalOceanOperation['kind'][]): string {
  return kinds
    .flatMap(operationsOn)
    .map((o) => `${o.request} ${o.what} (${o.doc})`)
    .join('; ');
}
