import type { RecommendInput } from '../../assess/types.js';

// Least privilege on DigitalOcean: custom scopes (https://docs.digitalocean.com/reference/api/scopes/),
// and copies that do not die with the resource (snapshots outlive a Droplet; cluster backups do not outlive the cluster).
export function recommendDigitalOcean(input: RecommendInput): string[] {
  const out: string[] = [];
  const type = String(input.verification.identity?.type ?? '');
  const reachesData = input.production !== 'none' || input.verification.resources.some((r) => r.holdsBackups);
  if (/read only or full access|OAuth token/.test(type)) {
    out.push(
      'Replace this token with a custom-scoped one (API → Tokens → Custom Scopes) holding only the read scopes it needs, never database:delete or droplet:delete; DigitalOcean cannot tell a Read Only token from a Full Access one through its API, so name the token after its scopes.',
    );
  } else if (/custom scopes/.test(type)) {
    out.push(
      "Check this token's custom scopes in the control panel (API → Tokens): drop any :delete and :update scope it does not need; a scope it cannot read it cannot delete.",
    );
  }
  if (reachesData && input.verification.resources.some((r) => r.type === 'database')) {
    out.push(
      "DigitalOcean destroys a database cluster's automated backups with the cluster: keep a scheduled pg_dump (or mysqldump) in storage under a different credential, e.g. a Spaces bucket with its own access key.",
    );
  }
  if (input.verification.resources.some((r) => r.type === 'droplet' && r.holdsBackups)) {
    out.push('Droplet backups die with the Droplet: convert the backups you need into snapshots, which outlive it.');
  }
  return out;
}
