import { describe, expect, it } from 'vitest';
import gcp from '../../src/providers/gcp/index.js';
import { useOfflineDecoder } from '../helpers/provider-harness.js';

const PRIVATE_KEY =
  '-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\\n-----END PRIVATE KEY-----';

const decodeKey = useOfflineDecoder(['MIIEvQIBADANBgkqhkiG9w0BAQEFAASC']);
const decode = (extras: Record<string, string>) => decodeKey('gcp.service-account-key', PRIVATE_KEY, extras);

describe('gcp offline decoder', () => {
  it('is declared offline', () => {
    expect(gcp.offline).toBe(true);
  });

  it('key file: identity from client_email and project_id, roles unknown (never guessed)', async () => {
    const result = await decode({ clientEmail: 'deployer@acme-prod-4821.iam.gserviceaccount.com', projectId: 'acme-prod-4821' });
    expect(result.status).toBe('unverified');
    expect(result.detail).toBe('decoded offline from the token; not confirmed with the provider');
    expect(result.identity).toEqual({ principal: 'deployer@acme-prod-4821.iam.gserviceaccount.com', type: 'service-account', account: 'acme-prod-4821' });
    expect(result.grants).toEqual([]);
    expect(result.unknowns).toEqual([
      { what: 'IAM roles of this service account', reason: 'IAM roles of this service account need the Cloud Resource Manager API' },
    ]);
  });

  it('project taken from the service-account email when project_id is missing', async () => {
    const result = await decode({ clientEmail: 'backup-job@acme-data-0042.iam.gserviceaccount.com' });
    expect(result.identity?.account).toBe('acme-data-0042');
  });

  it('no client_email: the service account itself is unknown', async () => {
    const result = await decode({});
    expect(result.identity?.principal).toBe('unknown service account');
    expect(result.unknowns.map((u) => u.what)).toContain('which service account this key belongs to');
  });
});
