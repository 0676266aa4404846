// Supabase Management API (personal access tokens): https://supabase.com/docs/reference/api/introduction
// Supabase API keys (anon, service_role JWT, sb_secret_): https://supabase.com/docs/guides/api/api-keys
import type { Grant, Identity, Resource, Token, Unknown, VerificationResult } from '../../core/types.js';
import { jwtClaims } from './jwt.js';
import { decodedOffline, invalid } from '../result.js';
import type { Provider, ProviderContext } from '../types.js';
import { verifyAccessToken } from './management.js';
import manifest from './manifest.js';

const BACKUP_NOTE =
  "Supabase's scheduled backups and point-in-time recovery are run by the platform and managed through the dashboard or Management API: the Data API keys cannot delete them (only deleting the project does, with a personal access token)";

// Personal access tokens ask the Management API. Offline decoders for the project keys: the JWT says
// its project and role; sb_secret_ keys say nothing without the project URL.
async function verify(token: Token, ctx: ProviderContext): Promise<VerificationResult> {
  if (token.ruleId === 'supabase.access-token') return verifyAccessToken(token, ctx);
  return token.ruleId === 'supabase.secret-key' ? decodeSecretKey() : decodeServiceRoleJwt(token.secret.reveal());
}

function decodeServiceRoleJwt(jwt: string, now = Date.now()): VerificationResult {
  const claims = jwtClaims(jwt);
  if (!claims) {
    return decodedOffline({
      identity: { principal: 'unknown', type: 'jwt' },
      unknowns: [{ what: 'everything this token can do', reason: 'the JWT payload does not decode' }],
    });
  }
  const exp = typeof claims.exp === 'number' ? claims.exp : undefined;
  if (exp !== undefined && exp * 1000 <= now) return invalid(`expired at ${new Date(exp * 1000).toISOString()}`);
  const role = typeof claims.role === 'string' ? claims.role : 'unknown';
  const ref = typeof claims.ref === 'string' ? claims.ref : undefined;
  const resource = ref ? `supabase:${ref}` : undefined;
  const identity: Identity = {
    principal: role,
    type: 'jwt',
    ...(ref ? { account: ref } : {}),
    ...(typeof claims.iss === 'string' ? { issuer: claims.iss } : {}),
    ...(exp !== undefined ? { expires: new Date(exp * 1000).toISOString() } : {}),
  };
  const grants: Grant[] = [];
  const unknowns: Unknown[] = [
    { what: 'whether the project still accepts this JWT', reason: 'its signature needs the project JWT secret; rotating that secret revokes the key' },
  ];
  const resources: Resource[] = [];
  if (!resource) unknowns.push({ what: 'which project this JWT opens', reason: 'no ref claim in the payload' });
  if (role === 'service_role' && resource) {
    const evidence = 'JWT role service_role: bypasses row-level security on every table and storage bucket (Data API)';
    grants.push({ action: 'admin', resource, evidence, operation: 'bypass row-level security', principal: role });
    grants.push({ action: 'destroy', resource, evidence, operation: 'DELETE rows (PostgREST), delete Storage objects and buckets', principal: role });
    resources.push({ id: resource, type: 'project', name: ref!, provider: 'supabase', holdsBackups: false });
  } else if (role !== 'service_role') {
    unknowns.push({ what: `what role ${role} may do`, reason: 'row-level security policies decide it, and they are not in the token' });
  }
  return decodedOffline({ identity, grants, resources, unknowns, notes: role === 'service_role' ? [BACKUP_NOTE] : [] });
}

function decodeSecretKey(): VerificationResult {
  return decodedOffline({
    identity: { principal: 'service_role', type: 'secret-key' },
    unknowns: [{ what: 'which Supabase project this key opens', reason: 'sb_secret_ keys carry no project reference; checking one needs the project URL' }],
    notes: ['a secret key acts as service_role in its project: it bypasses row-level security on every table', BACKUP_NOTE],
  });
}

const provider: Provider = {
  ...manifest,
  verify,
};

export default provider;
