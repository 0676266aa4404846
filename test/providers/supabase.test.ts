import { describe, expect, it } from 'vitest';
import supabase from '../../src/providers/supabase/index.js';
import { useOfflineDecoder } from '../helpers/provider-harness.js';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: object) => `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.Qm9vX2dWc2lnbmF0dXJlX3BhcnRfZm9yX3Rlc3Rpbmc`;

// The rule's own example: service_role for project qvzkrnmtwplhsyxbdagc, expiring in 2033.
const SERVICE_ROLE =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF2emtybm10d3BsaHN5eGJkYWdjIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoyMDE1MDAwMDAwfQ.Qm9vX2dWc2lnbmF0dXJlX3BhcnRfZm9yX3Rlc3Rpbmc';
const EXPIRED = jwt({ iss: 'supabase', ref: 'qvzkrnmtwplhsyxbdagc', role: 'service_role', iat: 1600000000, exp: 1650000000 });
const NO_REF = jwt({ iss: 'supabase', role: 'service_role', iat: 1700000000, exp: 2015000000 });
const SECRET_KEY = 'sb_secret_N7xQ2pLk9vRt4mWz8bYc3d_Fh6J';

const decode = useOfflineDecoder();

describe('supabase offline decoder', () => {
  it('decodes the project keys offline', () => {
    expect(supabase.offline).toEqual(['supabase.service-role-jwt', 'supabase.secret-key']);
  });

  it('service_role JWT: admin (bypasses RLS) and destroy on its project, unverified', async () => {
    const result = await decode('supabase.service-role-jwt', SERVICE_ROLE);
    expect(result.status).toBe('unverified');
    expect(result.detail).toBe('decoded offline from the token; not confirmed with the provider');
    expect(result.grants.map((g) => `${g.action} ${g.resource}`)).toEqual(['admin supabase:qvzkrnmtwplhsyxbdagc', 'destroy supabase:qvzkrnmtwplhsyxbdagc']);
    expect(result.grants[0].evidence).toMatch(/service_role: bypasses row-level security/);
    expect(result.identity).toMatchObject({ principal: 'service_role', account: 'qvzkrnmtwplhsyxbdagc', expires: '2033-11-07T18:13:20.000Z' });
    expect(result.resources).toEqual([expect.objectContaining({ id: 'supabase:qvzkrnmtwplhsyxbdagc', holdsBackups: false })]);
  });

  it('expired JWT is invalid with its expiry', async () => {
    const result = await decode('supabase.service-role-jwt', EXPIRED);
    expect(result.status).toBe('invalid');
    expect(result.detail).toBe('expired at 2022-04-15T05:20:00.000Z');
  });

  it('JWT without a project ref: no grant on a guessed project, the project is unknown', async () => {
    const result = await decode('supabase.service-role-jwt', NO_REF);
    expect(result.grants).toEqual([]);
    expect(result.unknowns.map((u) => u.what)).toContain('which project this JWT opens');
  });

  it('sb_secret_ key: service_role identity, project unknown offline', async () => {
    const result = await decode('supabase.secret-key', SECRET_KEY);
    expect(result.status).toBe('unverified');
    expect(result.identity).toMatchObject({ principal: 'service_role', type: 'secret-key' });
    expect(result.grants).toEqual([]);
    expect(result.unknowns[0].what).toBe('which Supabase project this key opens');
  });
});
