// Scopes of classic tokens and OAuth apps: https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps

/** Parent scopes include their children; X-OAuth-Scopes lists only what was selected. */
const IMPLIED: Record<string, readonly string[]> = {
  repo: ['public_repo', 'repo:status', 'repo_deployment', 'repo:invite', 'security_events'],
  'admin:org': ['write:org', 'read:org', 'manage_runners:org'],
  'write:org': ['read:org'],
  'admin:repo_hook': ['write:repo_hook', 'read:repo_hook'],
  'write:repo_hook': ['read:repo_hook'],
  'admin:public_key': ['write:public_key', 'read:public_key'],
  'write:public_key': ['read:public_key'],
  'admin:gpg_key': ['write:gpg_key', 'read:gpg_key'],
  'write:gpg_key': ['read:gpg_key'],
  'write:packages': ['read:packages'],
  user: ['read:user', 'user:email', 'user:follow'],
  project: ['read:project'],
  'admin:enterprise': ['manage_runners:enterprise', 'manage_billing:enterprise', 'read:enterprise'],
};

/** Every documented scope; anything else GitHub sends is named in a note, not silently dropped. */
const KNOWN = new Set([
  'gist',
  'notifications',
  'user',
  'read:user',
  'user:email',
  'user:follow',
  'read:org',
  'write:org',
  'admin:public_key',
  'write:public_key',
  'read:public_key',
  'admin:gpg_key',
  'write:gpg_key',
  'read:gpg_key',
  'admin:ssh_signing_key',
  'write:ssh_signing_key',
  'read:ssh_signing_key',
  'codespace',
  'copilot',
  'project',
  'read:project',
  'read:packages',
  'read:audit_log',
  'read:discussion',
  'write:discussion',
  'repo:status',
  'repo_deployment',
  'repo:invite',
  'security_events',
  'admin:repo_hook',
  'write:repo_hook',
  'read:repo_hook',
  'admin:org_hook',
  'manage_runners:org',
  'manage_runners:enterprise',
  'manage_billing:enterprise',
  'read:enterprise',
  'admin:enterprise',
  'audit_log',
  'workflow',
  'public_repo',
  'repo',
  'delete_repo',
  'admin:org',
  'write:packages',
  'delete:packages',
  'site_admin',
]);

/** The scopes a classic token holds, parents expanded. `listed` is exactly what GitHub sent. */
export interface Scopes {
  listed: string[];
  has(scope: string): boolean;
}

export function parseScopes(header: string): Scopes {
  const listed = header
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const all = new Set<string>();
  const add = (scope: string) => {
    if (all.has(scope)) return;
    all.add(scope);
    for (const child of IMPLIED[scope] ?? []) add(child);
  };
  listed.forEach(add);
  return { listed, has: (scope) => all.has(scope) };
}

/** Scopes GitHub sent that blastradius does not know: named in a note rather than silently dropped. */
export function unfamiliarScopes(scopes: Scopes): string[] {
  return scopes.listed.filter((s) => !KNOWN.has(s));
}
