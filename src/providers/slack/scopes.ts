import type { Grant } from '../../core/types.js';

/**
 * Slack OAuth scopes → coarse grants on the workspace (`slack:<team or enterprise id>`).
 * Scope names are `<resource>:<verb>` (https://docs.slack.dev/reference/scopes); the verb
 * decides the class, with the few scopes that also allow deleting content called out.
 */
export function slackGrants(scopes: readonly string[], resource: string, principal: string): { grants: Grant[]; notes: string[] } {
  const grants: Grant[] = [];
  const notes: string[] = [];
  const grant = (action: Grant['action'], scope: string, operation?: string, why = '') =>
    grants.push({ action, resource, evidence: `scope ${scope}${why}`, operation, principal });

  for (const scope of scopes) {
    if (scope === 'admin' || scope.startsWith('admin.')) {
      grant('admin', scope, scope === 'admin' ? 'admin.*' : scope.replace(/:.*$/, '.*'), ': workspace or organization administration');
    } else if (DELETES[scope]) {
      grant('write', scope, DELETES[scope].write);
      grant('destroy', scope, DELETES[scope].destroy, `: ${DELETES[scope].why}`);
    } else if (/:history$/.test(scope)) {
      grant('read', scope, 'conversations.history', ': reads message history');
    } else if (/:read(\.|$)/.test(scope) || LEGACY_READ.has(scope)) {
      grant('read', scope);
    } else if (/:(write|manage)(\.|$)/.test(scope) || LEGACY_WRITE.has(scope)) {
      grant('write', scope);
    } else {
      notes.push(`scope ${scope} is not assessed for data reach`);
    }
  }
  return { grants, notes };
}

// Scopes whose write half also deletes content that cannot be restored.
const DELETES: Record<string, { write: string; destroy: string; why: string }> = {
  'chat:write': { write: 'chat.postMessage', destroy: 'chat.delete', why: "can delete the messages this token's user or bot posted" },
  'files:write': { write: 'files.upload', destroy: 'files.delete', why: 'can delete files' },
  'bookmarks:write': { write: 'bookmarks.add', destroy: 'bookmarks.remove', why: 'can remove channel bookmarks' },
  'canvases:write': { write: 'canvases.edit', destroy: 'canvases.delete', why: 'can delete canvases' },
};

// Scopes of legacy (classic) apps that predate the `<resource>:<verb>` names.
const LEGACY_READ = new Set(['read', 'search:read']);
const LEGACY_WRITE = new Set(['post', 'client']);
