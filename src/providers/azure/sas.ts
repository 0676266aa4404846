import type { ActionClass } from '../../core/types.js';

/** A shared access signature, decoded from its query parameters. */
export interface SasToken {
  kind: 'account' | 'service' | 'user-delegation';
  permissions: string;
  /** Account SAS: blob/file/queue/table from `ss`; service SAS: the `sr` resource. */
  scope: string[];
  resourceTypes: string[];
  start?: Date;
  expiry?: Date;
  ip?: string;
  protocol?: string;
  storedPolicy?: string;
  delegation?: { objectId?: string; tenantId?: string; keyExpiry?: Date };
}

const SERVICES: Record<string, string> = { b: 'blob', f: 'file', q: 'queue', t: 'table' };
const RESOURCE_TYPES: Record<string, string> = { s: 'service', c: 'container', o: 'object' };
const SIGNED_RESOURCES: Record<string, string> = { b: 'blob', c: 'container', d: 'directory', f: 'file', s: 'share', bs: 'blob snapshot', bv: 'blob version' };

export function parseSas(text: string): SasToken {
  const params = new URLSearchParams(text.replace(/^[^?]*\?/, ''));
  const get = (name: string) => params.get(name) ?? undefined;
  const isAccount = params.has('ss') || params.has('srt');
  const kind = isAccount ? 'account' : params.has('skoid') ? 'user-delegation' : 'service';
  const sr = get('sr');
  return {
    kind,
    permissions: get('sp') ?? '',
    scope: isAccount ? [...(get('ss') ?? '')].map((c) => SERVICES[c] ?? c) : sr ? [SIGNED_RESOURCES[sr] ?? sr] : [],
    resourceTypes: [...(get('srt') ?? '')].map((c) => RESOURCE_TYPES[c] ?? c),
    start: date(get('st')),
    expiry: date(get('se')),
    ip: get('sip'),
    protocol: get('spr'),
    storedPolicy: get('si'),
    delegation: params.has('skoid') ? { objectId: get('skoid'), tenantId: get('sktid'), keyExpiry: date(get('ske')) } : undefined,
  };
}

function date(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

/** One permission letter: what it lets the holder do and the action class that makes it. */
export interface SasPermission {
  letter: string;
  action: ActionClass;
  operation: string;
}

// Account SAS letters: https://learn.microsoft.com/rest/api/storageservices/create-account-sas#specify-the-account-sas-parameters
const ACCOUNT_PERMISSIONS: Record<string, Omit<SasPermission, 'letter'>> = {
  r: { action: 'read', operation: 'Read' },
  l: { action: 'read', operation: 'List' },
  f: { action: 'read', operation: 'Filter by tags' },
  w: { action: 'write', operation: 'Write (overwrites existing content)' },
  a: { action: 'write', operation: 'Add' },
  c: { action: 'write', operation: 'Create' },
  u: { action: 'write', operation: 'Update' },
  t: { action: 'write', operation: 'Tag' },
  d: { action: 'destroy', operation: 'Delete' },
  x: { action: 'destroy', operation: 'Delete version' },
  y: { action: 'destroy', operation: 'Permanent delete (purges soft-deleted blobs)' },
  p: { action: 'destroy', operation: 'Process (reads and deletes queue messages)' },
  i: { action: 'destroy', operation: 'Set/delete immutability policy (unlocked policies)' },
};

// Service SAS letters differ for p/o/e/m: https://learn.microsoft.com/rest/api/storageservices/create-service-sas#permissions-for-a-directory-container-or-blob
const SERVICE_PERMISSIONS: Record<string, Omit<SasPermission, 'letter'>> = {
  ...ACCOUNT_PERMISSIONS,
  e: { action: 'read', operation: 'Execute' },
  m: { action: 'write', operation: 'Move' },
  o: { action: 'admin', operation: 'Set owner (hierarchical namespace)' },
  p: { action: 'admin', operation: 'Set permissions / ACL (hierarchical namespace)' },
};

export function sasPermissions(sas: SasToken): { known: SasPermission[]; unknownLetters: string[] } {
  const table = sas.kind === 'account' ? ACCOUNT_PERMISSIONS : SERVICE_PERMISSIONS;
  const known: SasPermission[] = [];
  const unknownLetters: string[] = [];
  for (const letter of new Set(sas.permissions)) {
    const meaning = table[letter];
    if (meaning) known.push({ letter, ...meaning });
    else unknownLetters.push(letter);
  }
  return { known, unknownLetters };
}
