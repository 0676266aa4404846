import { join } from 'node:path';
import { packageRoot } from '../core/paths.js';
import { railwayFake } from '../providers/railway/fake.js';
import { awsFakeHandler } from './aws-fake.js';
import { githubReplay } from './github-fake.js';
import { startHttpFake } from './http-fake.js';
import { startPostgresFake } from './postgres-fake.js';
import { loadPostgresFixture } from './postgres-fixture.js';

export const DEMO_WORKSPACE = (): string => join(packageRoot(), 'fixtures', 'demo');

export interface DemoFakes {
  /** Environment overrides that point every demo provider at its fake on 127.0.0.1. */
  env: Record<string, string>;
  /** Requests each fake received (the demo asserts nothing mutating was sent). */
  requests: () => { provider: string; method: string; path: string; body: string; headers?: Record<string, string | string[] | undefined> }[];
  close: () => Promise<void>;
}

/**
 * Starts the bundled offline provider fakes on loopback: Railway GraphQL, GitHub REST, AWS (every
 * service the provider calls) and a PostgreSQL wire-protocol server, each answering from recorded fixtures. Nothing leaves the machine.
 */
export async function startDemoFakes(): Promise<DemoFakes> {
  const railwayHandler = railwayFake();
  const railway = await startHttpFake((r) => railwayHandler({ method: r.method, headers: r.headers, body: r.body }));
  const github = await startHttpFake(githubReplay('oauth-narrow'));
  const postgres = await startPostgresFake(loadPostgresFixture());
  const awsHandler = awsFakeHandler();
  const aws = await startHttpFake((r) => {
    const answer = awsHandler({ ...r, headers: r.headers });
    return { status: answer.status ?? 200, headers: answer.headers, body: answer.body ?? '' };
  });
  return {
    env: {
      BLASTRADIUS_RAILWAY_API_URL: `${railway.url}/graphql/v2`,
      GITHUB_API_URL: github.url,
      BLASTRADIUS_POSTGRES_CONNECT_OVERRIDE: `127.0.0.1:${postgres.port}`,
      AWS_ENDPOINT_URL: aws.url,
      AWS_REGION: 'us-east-1',
    },
    requests: () => [
      ...railway.requests.map((r) => ({ provider: 'railway', method: r.method, path: r.path, body: r.body })),
      ...github.requests.map((r) => ({ provider: 'github', method: r.method, path: r.path, body: r.body })),
      ...postgres.statements.map((sql) => ({ provider: 'postgres', method: 'SQL', path: '', body: sql })),
      ...aws.requests.map((r) => ({ provider: 'aws', method: r.method, path: r.path, body: r.body, headers: r.headers })),
    ],
    close: async () => {
      await Promise.all([railway.close(), github.close(), postgres.close(), aws.close()]);
    },
  };
}
