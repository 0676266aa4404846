import { afterEach, describe, expect, it } from 'vitest';
import { Detector } from '../../src/detect/detector.js';
import { railwayFake } from '../../src/providers/railway/fake.js';
import { loadRules } from '../../src/rules/load.js';
import { FakeServer } from '../../src/providers/fake-server.js';
import { cli, makeWorkspace } from '../helpers/workspace.js';

const railwayRules = loadRules().filter((r) => r.provider === 'railway');
const detect = (text: string, path: string) => new Detector(railwayRules).detectText(text, path).map((c) => [c.ruleId, c.secret]);

const TOKEN = '3f1c9e2a-5b7d-4e8f-9a1b-2c3d4e5f6a7b';
const USER_ID = '5f3b8c2e-7a41-4d2b-9e6f-1c8a0b7d3e52';
const PROJECT_ID = 'c3e5a7b9-4d6f-4b8c-a0e2-1f3b5d7c9e1a';
const ENVIRONMENT_ID = 'f1a3c5e7-8b0d-4f2a-9c4e-5b7d9f1a3c5e';
const SERVICE_ID = '0a2c4e6f-9b1d-4a3c-8e5f-6c8e0a2b4d6f';

// The Railway CLI's ~/.railway/config.json as railwayapp/cli src/config.rs writes it (serde, camelCase).
const CLI_CONFIG = JSON.stringify(
  {
    projects: {
      '/home/jane/railway-shop': {
        projectPath: '/home/jane/railway-shop',
        name: 'acme-shop',
        project: PROJECT_ID,
        environment: ENVIRONMENT_ID,
        environmentName: 'production',
        service: SERVICE_ID,
      },
    },
    user: { id: USER_ID, token: TOKEN },
    linkedFunctions: [['/home/jane/railway-shop/fn.ts', '6a8c0e2f-5b7d-4a9c-a1f3-2c4e6a8b0d2f']],
  },
  null,
  2,
);

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('railway detection: ids are not tokens', () => {
  it('~/.railway/config.json: only user.token, not the user, project, environment, service or function ids', () => {
    expect(detect(CLI_CONFIG, '.railway/config.json')).toEqual([['railway.cli-token', TOKEN]]);
    expect(detect(CLI_CONFIG.replace(/\s*"token": "[^"]+"/, ''), '.railway/config.json')).toEqual([]);
  });

  it('a .env with RAILWAY_TOKEN between the project, environment and service ids: only the token', () => {
    const env = [
      `RAILWAY_PROJECT_ID=${PROJECT_ID}`,
      `RAILWAY_TOKEN=${TOKEN}`,
      `RAILWAY_ENVIRONMENT_ID=${ENVIRONMENT_ID}`,
      `RAILWAY_SERVICE_ID=${SERVICE_ID}`,
    ].join('\n');
    expect(detect(env, '.env')).toEqual([['railway.api-token', TOKEN]]);
    expect(detect(`{ "railwayProjectId": "${PROJECT_ID}", "railwayToken": "${TOKEN}", "railwayServiceId": "${SERVICE_ID}" }`, 'deploy.json')).toEqual([
      ['railway.api-token', TOKEN],
    ]);
  });

  it('scanning the CLI config sends Railway the token only: no refused probes for the ids', { timeout: 30_000 }, async () => {
    server = await new FakeServer(railwayFake().handler).start();
    const ws = makeWorkspace({ '.railway/config.json': CLI_CONFIG });
    try {
      const result = await cli(['scan', '.', '--format', 'json', '--no-cache'], ws.dir, { BLASTRADIUS_RAILWAY_API_URL: `${server.url}/graphql/v2` });
      const report = JSON.parse(result.stdout) as { tokens: { ruleId: string; verification: { status: string } }[] };
      expect(report.tokens.map((t) => [t.ruleId, t.verification.status])).toEqual([['railway.cli-token', 'live']]);
      const sentWith = new Set(server.requests.map((r) => String(r.headers.authorization ?? r.headers['project-access-token'])));
      expect([...sentWith]).toEqual([`Bearer ${TOKEN}`]);
    } finally {
      ws.cleanup();
    }
  });
});
