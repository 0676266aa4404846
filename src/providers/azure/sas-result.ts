import type { ActionClass, Grant, Identity, Unknown, VerificationResult } from '../../core/types.js';
import { decodedOffline, invalid } from '../result.js';
import { parseSas, sasPermissions, type SasToken } from './sas.js';

// The token text carries no host: the storage account it opens is unknown offline.
const RESOURCE = 'azure:storage/*';
const ORDER: ActionClass[] = ['read', 'write', 'destroy', 'admin'];

/** Decodes a SAS: its permissions, scope and expiry are in the token itself. */
export function decodeSas(text: string, now = new Date()): VerificationResult {
  const sas = parseSas(text);
  if (sas.expiry && sas.expiry <= now) return invalid(`expired at ${sas.expiry.toISOString()}`);
  const keyExpiry = sas.delegation?.keyExpiry;
  if (keyExpiry && keyExpiry <= now) return invalid(`expired at ${keyExpiry.toISOString()} (its user delegation key expired)`);

  const principal = sas.delegation?.objectId ?? 'shared-access-signature';
  const { known, unknownLetters } = sasPermissions(sas);
  const scope = describeScope(sas);
  const grants: Grant[] = [];
  for (const action of ORDER) {
    const letters = known.filter((p) => p.action === action);
    if (letters.length === 0) continue;
    grants.push({
      action,
      resource: RESOURCE,
      evidence: `${sas.kind} SAS sp=${sas.permissions}${scope}: ${letters.map((p) => `${p.letter} = ${p.operation}`).join('; ')}`,
      operation: letters.map((p) => p.operation).join(', '),
      principal,
    });
  }

  const unknowns: Unknown[] = [
    { what: 'which storage account this SAS opens', reason: 'the token text has no host; the account is in the URL it was used with' },
  ];
  if (sas.storedPolicy) {
    unknowns.push({
      what: `permissions and expiry held in stored access policy "${sas.storedPolicy}"`,
      reason: 'a stored access policy lives on the container or share and cannot be read offline',
    });
  }
  if (known.some((p) => p.letter === 'w')) {
    unknowns.push({ what: 'whether overwrites (w) are recoverable', reason: 'blob versioning and soft delete are account settings, not visible in the token' });
  }
  const notes = sasNotes(sas, now);
  if (unknownLetters.length > 0) notes.push(`unrecognised permission letters: ${unknownLetters.join('')}`);

  const identity: Identity = {
    principal,
    type: `${sas.kind}-sas`,
    ...(sas.delegation?.tenantId ? { tenant: sas.delegation.tenantId } : {}),
    ...(sas.expiry ? { expires: sas.expiry.toISOString() } : {}),
  };
  return decodedOffline({ identity, grants, unknowns, notes });
}

function describeScope(sas: SasToken): string {
  const parts: string[] = [];
  if (sas.kind === 'account') {
    if (sas.scope.length) parts.push(`services ${sas.scope.join('+')}`);
    if (sas.resourceTypes.length) parts.push(`resource types ${sas.resourceTypes.join('+')}`);
  } else if (sas.scope.length) {
    parts.push(`signed resource ${sas.scope[0]}`);
  }
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function sasNotes(sas: SasToken, now: Date): string[] {
  const notes: string[] = [];
  if (sas.expiry) notes.push(`expires ${sas.expiry.toISOString()}`);
  else if (!sas.storedPolicy) notes.push('no expiry (se) in the token');
  if (sas.start && sas.start > now) notes.push(`not valid before ${sas.start.toISOString()}`);
  if (sas.ip) notes.push(`usable only from IP ${sas.ip} (sip)`);
  if (sas.protocol) notes.push(`protocol ${sas.protocol} (spr)`);
  if (sas.kind === 'user-delegation')
    notes.push(`signed with a user delegation key of Entra ID object ${sas.delegation?.objectId}; revoking that key revokes the SAS`);
  else if (!sas.storedPolicy) notes.push('ad hoc SAS: revocable only by rotating the storage account key that signed it');
  return notes;
}
