import { afterEach, describe, expect, it } from 'vitest';
import { FakeServer } from '../src/providers/fake-server.js';
import { makeRepo, type TestRepo } from './helpers/git.js';
import { githubFake } from '../src/providers/github/fake.js';
import { exampleSecret } from './helpers/provider.js';

const repos: TestRepo[] = [];
const servers: FakeServer[] = [];
afterEach(async () => {
  repos.splice(0).forEach((r) => r.cleanup());
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

describe('hook run --verify', () => {
  it('adds the blast radius from the provider (read-only), and the second run answers from the verification cache', async () => {
    const server = await new FakeServer(githubFake('classic-broad').handler).start();
    servers.push(server);
    const r = makeRepo();
    repos.push(r);
    const secret = exampleSecret('github.classic-pat');
    r.write('deploy.env', `GITHUB_TOKEN=${secret}\n`);
    r.git(['add', 'deploy.env']);
    const env = { GITHUB_API_URL: server.url };
    const first = await r.cli(['hook', 'run', '--verify'], env);
    expect(first.exitCode).toBe(1);
    expect(first.stderr).toContain('deploy.env:1:14');
    expect(first.stderr).toMatch(/\[live\] production: \S+ · backup: \S+/);
    expect(first.stderr).not.toContain(secret);
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.filter((q) => q.method !== 'GET' && q.method !== 'HEAD')).toEqual([]);
    const seen = server.requests.length;
    const second = await r.cli(['hook', 'run', '--verify'], env);
    expect(second.exitCode).toBe(1);
    expect(second.stderr).toContain('[live]');
    expect(server.requests.length).toBe(seen);
  });

  it('--verify and --offline together are a usage error (the commit is blocked, exit 2)', async () => {
    const r = makeRepo();
    repos.push(r);
    const result = await r.cli(['hook', 'run', '--verify', '--offline']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--verify and --offline cannot be combined');
  });
});
