import type { ActionClass, Grant } from '../../core/types.js';

// Scopes that let the key make itself (or someone) anything: mint keys, add teammates, take over the login.
const ADMIN_SCOPES = new Set([
  'api_keys.create',
  'api_keys.update',
  'teammates.create',
  'teammates.update',
  'subusers.create',
  'user.email.update',
  'user.password.update',
  'user.username.update',
  'user.multifactor_authentication.update',
  'user.multifactor_authentication.delete',
  'sso.settings.create',
  'sso.settings.update',
  'sso.teammates.create',
  'sso.teammates.update',
  'access_settings.whitelist.create',
  'access_settings.whitelist.update',
  'access_settings.whitelist.delete',
]);

// Markers SendGrid lists among the scopes that are account flags, not permissions.
const FLAG = /^(2fa_|sender_verification_)/;

/** The action class a SendGrid scope grants; undefined for flags that grant nothing. */
export function scopeAction(scope: string): ActionClass | undefined {
  if (FLAG.test(scope)) return undefined;
  if (ADMIN_SCOPES.has(scope)) return 'admin';
  const verb = scope.split('.').pop();
  if (verb === 'read') return 'read';
  if (verb === 'delete') return 'destroy';
  return 'write';
}

const OPERATIONS: Partial<Record<ActionClass, (scope: string) => string>> = {
  destroy: (scope) => `DELETE (${scope})`,
};

/**
 * Coarse grants: one per (area, action), area = the scope's first segment (`marketing`, `templates`,
 * `suppression`…) under the account; admin scopes are grants on the whole account.
 */
export function scopeGrants(account: string, scopes: string[], principal: string): Grant[] {
  const groups = new Map<string, { action: ActionClass; resource: string; scopes: string[] }>();
  for (const scope of [...new Set(scopes)].sort()) {
    const action = scopeAction(scope);
    if (!action) continue;
    const resource = action === 'admin' ? `sendgrid:${account}` : `sendgrid:${account}/${scope.split('.')[0]}`;
    const key = `${action} ${resource}`;
    const group = groups.get(key) ?? { action, resource, scopes: [] };
    group.scopes.push(scope);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ action, resource, scopes: granted }) => ({
    action,
    resource,
    evidence: `API key scope${granted.length > 1 ? 's' : ''} ${listed(granted)}`,
    operation: OPERATIONS[action]?.(granted[0]) ?? granted[0],
    principal,
  }));
}

function listed(scopes: string[]): string {
  const shown = scopes.slice(0, 6).join(', ');
  return scopes.length > 6 ? `${shown} (+${scopes.length - 6} more)` : shown;
}
