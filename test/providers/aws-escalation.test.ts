// A key that can give itself (or others) new IAM permissions has authority over the account's data,
// not over IAM alone. Policies: fixtures/providers/aws/iam/GetUserPolicy.{SelfService,UserManager}.xml.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessBlastRadius } from '../../src/assess/assess.js';
import { parseProjectConfig } from '../../src/config/config.js';
import { FakeAws } from './aws/fake-aws.js';
import { tokenFor, verifyAgainst } from './aws/harness.js';

let fake: FakeAws;
beforeAll(async () => {
  fake = await new FakeAws().start();
});
afterAll(async () => {
  await fake.stop();
});

const config = parseProjectConfig({ resources: { production: ['arn:aws:s3:::acme-prod-*'], backup: ['arn:aws:backup:*:*:backup-vault:*'] } }, 'test');
const token = { id: 'e'.repeat(64), provider: 'aws', ruleId: 'aws.access-key', kind: 'access-key', redacted: 'AKIA…' };

describe('aws: IAM escalation reaches the whole account', () => {
  it('iam:PutUserPolicy on itself: proven admin over every resource of the account → critical', async () => {
    const { result } = await verifyAgainst(fake, tokenFor('self-service-user'));
    const account = result.grants.filter((g) => g.action === 'admin' && g.evidence.startsWith('can grant itself any permission: iam:PutUserPolicy on itself'));
    expect(account.map((g) => g.resource).sort()).toEqual(['arn:aws:*:*:123456789012:*', 'arn:aws:s3:::*']);
    const radius = assessBlastRadius({ token, verification: result, config });
    expect(radius).toMatchObject({ severity: 'critical', production: 'destroy', backup: 'destroy' });
  });

  it('iam:AttachUserPolicy on other users only: possible admin over the account (proven stays what it is)', async () => {
    const { result } = await verifyAgainst(fake, tokenFor('user-manager'));
    expect(result.grants.some((g) => g.resource === 'arn:aws:*:*:123456789012:*')).toBe(false);
    const unknown = result.unknowns.find((u) => u.what.startsWith('whether iam:AttachUserPolicy on arn:aws:iam::123456789012:user/contractors/*'));
    expect(unknown).toMatchObject({ upTo: 'admin', resources: ['arn:aws:*:*:123456789012:*', 'arn:aws:s3:::*'] });
    const radius = assessBlastRadius({ token, verification: result, config });
    expect(radius.severity).not.toBe('critical');
    expect(radius.possible.severity).toBe('critical');
  });
});
