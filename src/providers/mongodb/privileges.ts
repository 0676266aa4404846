// Privilege actions: https://www.mongodb.com/docs/manual/reference/privilege-actions/
// Resource documents: https://www.mongodb.com/docs/manual/reference/resource-document/
import type { ActionClass } from '../../core/types.js';

export interface ActionMeaning {
  action: ActionClass;
  why?: string;
}

/** Actions that reach data or users; the rest (stats, listings, profiling, …) are not reach. */
export const ACTIONS: Record<string, ActionMeaning> = {
  anyAction: { action: 'admin', why: 'every action' },
  internal: { action: 'admin', why: 'internal cluster actions' },
  createUser: { action: 'admin', why: 'creates users' },
  dropUser: { action: 'admin', why: 'drops users' },
  grantRole: { action: 'admin', why: 'grants any role of this database, to itself too' },
  revokeRole: { action: 'admin' },
  createRole: { action: 'admin', why: 'creates roles with any privilege of this database' },
  dropRole: { action: 'admin' },
  changePassword: { action: 'admin', why: "changes any user's password" },
  setAuthenticationRestriction: { action: 'admin' },
  impersonate: { action: 'admin' },
  replSetConfigure: { action: 'admin', why: 'reconfigures the replica set' },
  setParameter: { action: 'admin', why: 'changes server parameters' },
  dropDatabase: { action: 'destroy' },
  dropCollection: { action: 'destroy' },
  remove: { action: 'destroy', why: 'delete / findAndModify with remove' },
  renameCollectionSameDB: { action: 'destroy', why: 'renameCollection with dropTarget replaces a collection' },
  convertToCapped: { action: 'destroy', why: 'a capped collection keeps only its newest documents' },
  collMod: { action: 'destroy', why: 'can set a TTL index that expires documents' },
  insert: { action: 'write' },
  update: { action: 'write' },
  createCollection: { action: 'write' },
  createIndex: { action: 'write' },
  dropIndex: { action: 'write' },
  bypassDocumentValidation: { action: 'write' },
  find: { action: 'read' },
  changeStream: { action: 'read' },
};
