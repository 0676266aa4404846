import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, makeWorkspace } from './helpers/workspace.js';
import { FakeAws, manifest as awsManifest, mutatingCalls } from './providers/aws/fake-aws.js';

/**
 * Issue "verdict truth", the case that matters most in real leaks: a live AWS application key that
 * cannot read its own IAM policies, in an account that holds production (acme-prod-db, an RDS
 * instance whose automated backups die with it) and backups. Proven: it can list them. Possible:
 * anything. `ci` must fail by default and say why.
 */
describe('a live key that cannot read its own policies fails ci on its possible bound', () => {
  const key = 'AKIARZPUZDIKCZICU4Z4'; // scenario no-iam-user: STS and inventory answer, every IAM read is denied
  let aws: FakeAws;
  let dir: string;
  let cleanup: () => void;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    aws = await new FakeAws().start();
    ({ dir, cleanup } = makeWorkspace({ '.env': `AWS_ACCESS_KEY_ID=${key}\nAWS_SECRET_ACCESS_KEY=${awsManifest.keys[key].secret}\n` }));
    env = { HOME: dir, AWS_ENDPOINT_URL: aws.url, AWS_REGION: 'us-east-1' };
  });
  afterAll(async () => {
    await aws?.stop();
    cleanup?.();
  });

  it('exit 1 by default; the text report says possibly critical, what could not be read and how to settle it', { timeout: 60_000 }, async () => {
    const result = await cli(['ci', '.', '--no-cache', '--no-color', '--timeout', '5s'], dir, env);
    expect(result.exitCode, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/gate FAILED.*1 live token\(s\) possibly at or above it \(fail\)/);
    const head = result.stdout.split('\n').find((l) => l.startsWith('○'))!;
    expect(head).toMatch(/^○ LOW {5}\(possibly CRITICAL\) aws/);
    expect(result.stdout).toMatch(/possibly CRITICAL: production: destroy · backup: destroy · SHARED — unknown: everything this key can do/);
    expect(result.stdout).toMatch(/IAM policies of arn:aws:iam::123456789012:user\/ci\/ci-deployer could not be read|--aws-audit-profile/);
    expect(mutatingCalls(aws.server.requests)).toEqual([]);
  });

  it('--possible warn lets it pass, still reporting the possible bound', { timeout: 60_000 }, async () => {
    const result = await cli(['ci', '.', '--no-cache', '--format', 'json', '--timeout', '5s', '--possible', 'warn'], dir, env);
    expect(result.exitCode, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.tokens[0].blastRadius).toMatchObject({ severity: 'low', possible: { severity: 'critical', shared: true } });
    expect(report.workspace.possible.severity).toBe('critical');
  });

  it('--possible takes only warn or fail', async () => {
    const result = await cli(['ci', '.', '--possible', 'maybe'], dir, env);
    expect(result).toMatchObject({ exitCode: 2, stderr: 'blastradius: --possible: expected warn or fail, got "maybe" (run `blastradius --help` for usage)\n' });
  });
});
