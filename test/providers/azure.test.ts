import { describe, expect, it } from 'vitest';
import type { VerificationResult } from '../../src/core/types.js';
import azure from '../../src/providers/azure/index.js';
import { useOfflineDecoder } from '../helpers/provider-harness.js';

const SIG = 'sig=Xk3vLp9QmR2tWz8yNb5cFh7JdGs4KaE6uPo1iTq0%2BzM%3D';
const ACCOUNT_SAS_WITH_DELETE = `sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2099-01-01T00:00:00Z&st=2026-01-01T00:00:00Z&spr=https&${SIG}`;
const READ_ONLY_SERVICE_SAS = `sv=2022-11-02&sr=c&sp=rl&se=2099-06-30T12:00:00Z&sip=203.0.113.7&spr=https&${SIG}`;
const EXPIRED_SAS = `sv=2021-08-06&ss=bf&srt=sco&sp=rwdlacupx&se=2020-03-01T00:00:00Z&${SIG}`;
const USER_DELEGATION_SAS = `sv=2022-11-02&sr=b&sp=racwd&se=2099-01-01T00:00:00Z&skoid=4f1c2b3a-9d8e-4c7b-a6f5-0e1d2c3b4a59&sktid=72f988bf-86f1-41af-91ab-2d7cd011db47&skt=2026-01-01T00:00:00Z&ske=2099-01-01T00:00:00Z&sks=b&skv=2022-11-02&${SIG}`;
const EXPIRED_DELEGATION_KEY_SAS = USER_DELEGATION_SAS.replace('ske=2099-01-01T00:00:00Z', 'ske=2021-01-01T00:00:00Z');
const STORED_POLICY_SAS = `sv=2022-11-02&sr=c&si=backup-readers&${SIG}`;
const ACCOUNT_KEY = 'j2GasZKykISWnkDOwr8LdabLRAggF8k8fnzdJMH9yKE9O329KRH/gTDnftpI3piuyinrBrs2lLSe2PaiYnpySw==';

// The signature of every SAS here: never in a result or a log.
const decode = useOfflineDecoder(['Xk3vLp9QmR2tWz8yNb5cFh7JdGs4KaE6uPo1iTq0']);

const grantsOf = (result: VerificationResult) => result.grants.map((g) => `${g.action} ${g.resource}`);

describe('azure offline decoder', () => {
  it('is declared offline', () => {
    expect(azure.offline).toBe(true);
    expect(azure.rules).toEqual(['azure.sas-token', 'azure.storage-account-key']);
  });

  it('account SAS with d: read, write and destroy on any storage account, unverified', async () => {
    const result = await decode('azure.sas-token', ACCOUNT_SAS_WITH_DELETE);
    expect(result.status).toBe('unverified');
    expect(result.detail).toBe('decoded offline from the token; not confirmed with the provider');
    expect(grantsOf(result)).toEqual(['read azure:storage/*', 'write azure:storage/*', 'destroy azure:storage/*']);
    const destroy = result.grants.find((g) => g.action === 'destroy')!;
    expect(destroy.evidence).toBe('account SAS sp=rwdlac (services blob, resource types container+object): d = Delete');
    expect(result.identity).toMatchObject({ principal: 'shared-access-signature', type: 'account-sas', expires: '2099-01-01T00:00:00.000Z' });
    expect(result.unknowns.map((u) => u.what)).toContain('whether overwrites (w) are recoverable');
    expect(result.notes).toContain('ad hoc SAS: revocable only by rotating the storage account key that signed it');
  });

  it('read-only service SAS: read only, IP restriction noted', async () => {
    const result = await decode('azure.sas-token', READ_ONLY_SERVICE_SAS);
    expect(result.status).toBe('unverified');
    expect(grantsOf(result)).toEqual(['read azure:storage/*']);
    expect(result.grants[0].evidence).toMatch(/signed resource container/);
    expect(result.notes).toContain('usable only from IP 203.0.113.7 (sip)');
  });

  it('expired SAS is invalid with its expiry', async () => {
    const result = await decode('azure.sas-token', EXPIRED_SAS);
    expect(result.status).toBe('invalid');
    expect(result.detail).toBe('expired at 2020-03-01T00:00:00.000Z');
    expect(result.grants).toEqual([]);
  });

  it('user delegation SAS: principal is the Entra object; an expired delegation key makes it invalid', async () => {
    const result = await decode('azure.sas-token', USER_DELEGATION_SAS);
    expect(result.identity).toMatchObject({
      principal: '4f1c2b3a-9d8e-4c7b-a6f5-0e1d2c3b4a59',
      type: 'user-delegation-sas',
      tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });
    expect(grantsOf(result)).toEqual(['read azure:storage/*', 'write azure:storage/*', 'destroy azure:storage/*']);
    const expired = await decode('azure.sas-token', EXPIRED_DELEGATION_KEY_SAS);
    expect(expired.status).toBe('invalid');
    expect(expired.detail).toMatch(/user delegation key expired/);
  });

  it('SAS bound to a stored access policy: its permissions are unknown, never guessed', async () => {
    const result = await decode('azure.sas-token', STORED_POLICY_SAS);
    expect(result.status).toBe('unverified');
    expect(result.grants).toEqual([]);
    expect(result.unknowns.map((u) => u.what)).toContain('permissions and expiry held in stored access policy "backup-readers"');
  });

  it('storage account key with its account name: admin and destroy of that account, backups inside it', async () => {
    const result = await decode('azure.storage-account-key', ACCOUNT_KEY, { accountName: 'acmeprodbackups' });
    expect(result.status).toBe('unverified');
    expect(grantsOf(result)).toEqual(['admin azure:storage/acmeprodbackups', 'destroy azure:storage/acmeprodbackups']);
    expect(result.identity).toMatchObject({ principal: 'acmeprodbackups/account-key', account: 'acmeprodbackups' });
    expect(result.resources).toEqual([expect.objectContaining({ id: 'azure:storage/acmeprodbackups', holdsBackups: true })]);
    expect(result.grants[1].evidence).toMatch(/soft-delete retention/);
  });

  it('storage account key without a name: admin of azure:storage/*', async () => {
    const result = await decode('azure.storage-account-key', ACCOUNT_KEY);
    expect(grantsOf(result)).toEqual(['admin azure:storage/*', 'destroy azure:storage/*']);
    expect(result.unknowns.map((u) => u.what)).toContain('which storage account this key belongs to');
  });
});
