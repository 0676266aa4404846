import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/core/errors.js';
import { Detector } from '../src/detect/detector.js';
import { parseRuleDocument } from '../src/rules/load.js';
import { rulesFor } from '../src/rules/builtin.js';
import { TokenSet } from '../src/scan/dedupe.js';
import type { Provider } from '../src/providers/types.js';
import { live } from '../src/providers/result.js';
import { secretsOf, verifyTokens } from '../src/verify/verify.js';
import { FakeServer } from '../src/providers/fake-server.js';
import { testContext } from './helpers/provider.js';
import { cli, makeWorkspace } from './helpers/workspace.js';
import { twilioFake } from '../src/providers/twilio/fake.js';

// Made-up values in real formats (the rule examples' shapes).
const ACCOUNT_SID = 'ACc9b3339584786e24d0e9125372557292';
const AUTH_TOKEN = '4e7b9a1c2d3f5e6a8b9c0d1e2f3a4b5c';
const KEY_SID = 'SK266e6918bb25c3852470ec06a006eb8b';
const KEY_SECRET = 'Vq8LmN2pXr7TzK4wYb9cHd3fJg6sRt1e';
const AZURE_ACCOUNT = 'acmeprodbackups';
const AZURE_KEY = 'j2GasZKykISWnkDOwr8LdabLRAggF8k8fnzdJMH9yKE9O329KRH/gTDnftpI3piuyinrBrs2lLSe2PaiYnpySw==';
const GCP_EMAIL = 'deployer@acme-prod-4821.iam.gserviceaccount.com';
const GCP_KEY_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu';
const GCP_KEY_FILE = `{\n  "type": "service_account",\n  "project_id": "acme-prod-4821",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n${GCP_KEY_BODY}\\n-----END PRIVATE KEY-----\\n",\n  "client_email": "${GCP_EMAIL}"\n}\n`;

const twilioKeyFile = `# twilio\nTWILIO_ACCOUNT_SID=${ACCOUNT_SID}\nTWILIO_API_KEY=${KEY_SID}\nTWILIO_API_SECRET=${KEY_SECRET}\n`;

function tokensIn(text: string, path = 'x.env') {
  const rules = rulesFor();
  const set = new TokenSet(rules);
  for (const candidate of new Detector(rules).detectText(text, path)) set.add(candidate, { file: path, line: candidate.line, column: candidate.column });
  return set.tokens();
}

describe('rule parts that identify (secret: false)', () => {
  it('the loader accepts secret: false and identifier: true, and names the field of a bad value', () => {
    const rule = (extra: object, part: object = {}) => ({
      provider: 'demo',
      rules: [
        {
          id: 'demo.key',
          description: 'd',
          keywords: ['demo'],
          pattern: '(demo_[a-z]{8})',
          parts: [{ name: 'secret', pattern: 's=([a-z]{8})', ...part }],
          examples: { match: ['demo_abcdefgh s=abcdefgh'], noMatch: ['x'] },
          ...extra,
        },
      ],
    });
    expect(parseRuleDocument(rule({}, { secret: false }), 'demo.yaml')[0].parts?.[0].secret).toBe(false);
    expect(parseRuleDocument(rule({ identifier: true }), 'demo.yaml')[0].identifier).toBe(true);
    expect(() => parseRuleDocument(rule({}, { secret: 'no' }), 'demo.yaml')).toThrow(
      new ConfigError('demo.yaml: rule demo.key: field "parts[0].secret" must be true or false'),
    );
    expect(() => parseRuleDocument(rule({}, { secert: false }), 'demo.yaml')).toThrow(/field "parts\[0\]\.secert" is not a known part field/);
    // Nothing secret left: a credential made of public values alone is refused.
    expect(() => parseRuleDocument(rule({ identifier: true }, { secret: false }), 'demo.yaml')).toThrow(
      /field "identifier" needs a required part that is secret/,
    );
  });

  it('the built-in rules mark account ids, emails, names and Regions, and nothing that authenticates', () => {
    const clear = rulesFor().flatMap((r) => (r.parts ?? []).filter((p) => p.secret === false).map((p) => `${r.id}:${p.name}`));
    expect(clear.sort()).toEqual([
      // The Atlas public key is the Digest username; a service account's client id names it.
      'atlas.api-key:publicKey',
      'atlas.service-account:clientId',
      'aws.access-key:regionSetting',
      'azure.storage-account-key:accountName',
      'cloudflare.api-token:accountId',
      'cloudflare.global-api-key:email',
      'gcp.service-account-key:clientEmail',
      'gcp.service-account-key:projectId',
      'planetscale.service-token:tokenId',
      'twilio.api-key:accountSid',
    ]);
    expect(
      rulesFor()
        .filter((r) => r.identifier)
        .map((r) => r.id),
    ).toEqual(['twilio.api-key', 'twilio.auth-token']);
  });

  it('secretsOf keeps identifiers out of the scrub list and every secret part in it', () => {
    const [key] = tokensIn(twilioKeyFile);
    expect(key.ruleId).toBe('twilio.api-key');
    expect(secretsOf(key)).toEqual([`${KEY_SID}:${KEY_SECRET}`, KEY_SECRET]);
    const [account] = tokensIn(`TWILIO_ACCOUNT_SID=${ACCOUNT_SID}\nTWILIO_AUTH_TOKEN=${AUTH_TOKEN}\n`);
    expect(account.ruleId).toBe('twilio.auth-token');
    expect(secretsOf(account)).toEqual([`${ACCOUNT_SID}:${AUTH_TOKEN}`, AUTH_TOKEN]);
    const [gcp] = tokensIn(GCP_KEY_FILE, 'key.json');
    expect(secretsOf(gcp)).toHaveLength(1);
    expect(secretsOf(gcp)[0]).toContain(GCP_KEY_BODY);
  });

  it('a provider echoing every part: identifiers come back in clear, secret parts as [REDACTED]', async () => {
    const [token] = tokensIn(twilioKeyFile);
    const echo: Provider = {
      id: 'twilio',
      docsUrl: 'https://example.invalid',
      rules: ['twilio.api-key'],
      async verify() {
        return live({ identity: { principal: KEY_SID, account: ACCOUNT_SID }, notes: [`account ${ACCOUNT_SID} key ${KEY_SID} secret ${KEY_SECRET}`] });
      },
    };
    const results = await verifyTokens([token], { offline: false, context: testContext(), concurrency: 1, providerFor: async () => echo });
    const result = results.get(token.id)!;
    expect(result.identity?.account).toBe(ACCOUNT_SID);
    expect(result.notes[0]).toBe(`account ${ACCOUNT_SID} key ${KEY_SID} secret [REDACTED]`);
    expect(JSON.stringify(result)).not.toContain(KEY_SECRET);
  });
});

describe('identifiers in clear through the CLI, secrets nowhere', () => {
  let server: FakeServer;
  let ws: { dir: string; cleanup: () => void };
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    server = await new FakeServer(
      twilioFake({
        [KEY_SID]: { secret: KEY_SECRET, account: ACCOUNT_SID, type: 'standard' },
        [ACCOUNT_SID]: { secret: AUTH_TOKEN, account: ACCOUNT_SID, type: 'auth-token' },
      }).handler,
    ).start();
    ws = makeWorkspace({
      'twilio-key.env': twilioKeyFile,
      'twilio-account.env': `# twilio\nTWILIO_ACCOUNT_SID=${ACCOUNT_SID}\nTWILIO_AUTH_TOKEN=${AUTH_TOKEN}\n`,
      'azure.env': `AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=${AZURE_ACCOUNT};AccountKey=${AZURE_KEY};EndpointSuffix=core.windows.net\n`,
      'gcp-key.json': GCP_KEY_FILE,
    });
    env = { BLASTRADIUS_TWILIO_API_URL: server.url, XDG_CACHE_HOME: join(ws.dir, '.cache-dir'), BLASTRADIUS_DEBUG: '1' };
  });

  afterAll(async () => {
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    await server.stop();
    ws.cleanup();
  });

  it('principals show the GCP client email, the Azure account name and the Twilio account SID', { timeout: 60_000 }, async () => {
    const json = await cli(['scan', '.', '--format', 'json', '--no-cache', '--timeout', '2s', '-o', 'report.json'], ws.dir, env);
    expect(json.exitCode, json.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(ws.dir, 'report.json'), 'utf8'));
    const identity = (ruleId: string) => report.tokens.find((t: { ruleId: string }) => t.ruleId === ruleId)?.identity;
    expect(identity('gcp.service-account-key')).toMatchObject({ principal: GCP_EMAIL });
    expect(identity('azure.storage-account-key')).toMatchObject({ principal: `${AZURE_ACCOUNT}/account-key`, account: AZURE_ACCOUNT });
    expect(identity('twilio.api-key')).toMatchObject({ principal: KEY_SID, account: ACCOUNT_SID });
    expect(identity('twilio.auth-token')).toMatchObject({ principal: ACCOUNT_SID });
    expect(JSON.stringify(report)).not.toContain('[REDACTED]');

    const text = await cli(['scan', '.', '--verbose', '--no-cache', '--timeout', '2s'], ws.dir, env);
    const everything = [json.stdout, json.stderr, text.stdout, text.stderr, readFileSync(join(ws.dir, 'report.json'), 'utf8')].join('\n');
    expect(text.stdout).toContain(GCP_EMAIL);
    for (const secret of [AUTH_TOKEN, KEY_SECRET, AZURE_KEY, GCP_KEY_BODY.slice(0, 40), AZURE_KEY.slice(30, 50)]) expect(everything).not.toContain(secret);
  });
});
