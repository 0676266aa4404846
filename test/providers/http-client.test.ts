import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { boundedFetch } from '../../src/providers/github/client.js';
import { httpRequest, ProviderCallError, type HttpRequest } from '../../src/providers/http.js';
import { RailwayClient } from '../../src/providers/railway/client.js';
import { assertQueryOnly } from '../../src/providers/read-only.js';
import { loadRules } from '../../src/rules/load.js';
import { testContext } from '../helpers/provider.js';
import { cli, makeWorkspace } from '../helpers/workspace.js';

const USER_AGENT = `blastradius/${(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version}`;
const SECRET = 'test-secret-value-1234';

interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A bare recording server (node:http): what reached it, whatever the fake kit becomes. */
async function recorder(
  answer: (seen: Seen) => { status: number; body: object } = () => ({ status: 401, body: {} }),
): Promise<{ url: string; seen: Seen[]; stop: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        path: new URL(req.url ?? '/', 'http://x').pathname,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(request);
      const { status, body } = answer(request);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stop = () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, stop };
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});
async function started(answer?: Parameters<typeof recorder>[0]) {
  const server = await recorder(answer);
  stops.push(server.stop);
  return server;
}

const send = (request: Partial<HttpRequest> & { url: string }) => httpRequest({ secrets: [SECRET], ...request }, testContext({ retries: 0 }));

describe('the read-only guard refuses before anything is sent', () => {
  it('refuses a REST call that is not GET or HEAD, and sends a GET', async () => {
    const server = await started();
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const call = send({ url: `${server.url}/v1/volumes/vol_1`, method: method as HttpRequest['method'], body: '{"name":"x"}' });
      await expect(call).rejects.toThrow(ProviderCallError);
      await expect(send({ url: `${server.url}/v1/volumes/vol_1`, method: method as HttpRequest['method'] })).rejects.toThrow(`refused to send ${method}`);
    }
    expect(server.seen).toEqual([]);
    await send({ url: `${server.url}/v1/volumes`, headers: { authorization: `Bearer ${SECRET}` } });
    await send({ url: `${server.url}/v1/volumes`, method: 'HEAD' });
    expect(server.seen.map((s) => s.method)).toEqual(['GET', 'HEAD']);
  });

  it('refuses a GraphQL mutation or subscription, however it is hidden, and sends a query', async () => {
    const server = await started(() => ({ status: 200, body: { data: { me: { id: 'u1' } } } }));
    const refused = [
      'mutation VolumeDelete($id: String!) { volumeDelete(volumeId: $id) }',
      'subscription Logs { deploymentLogs(deploymentId: "d") { message } }',
      'query Me { me { id } } mutation Drop { volumeDelete(volumeId: "v") }',
      '# a comment first\n  mutation { projectDelete(id: "p") }',
      'query Me mutation Drop { volumeDelete(volumeId: "v") }',
      '{ me { id } ',
      'type Query { me: User }',
      '',
    ];
    for (const query of refused) {
      await expect(send({ url: `${server.url}/graphql/v2`, method: 'POST', body: JSON.stringify({ query }) }), query).rejects.toThrow(/read-only query/);
    }
    for (const body of ['{"variables":{}}', '[{"query":"query A { a }"}]', 'not json']) {
      await expect(send({ url: `${server.url}/graphql`, method: 'POST', body })).rejects.toThrow(/refused to send POST/);
    }
    expect(server.seen).toEqual([]);
    const allowed = [
      'query Me { me { id } }',
      '# mutation { volumeDelete }\nquery Me { me { id } }',
      'query Search { search(text: "mutation { volumeDelete }") { id } }',
      'query Block { f(text: """ a block with "quotes" and \\""" mutation """) }',
      'query Plans { subscription { plan } mutation: me { id } }',
      'query Me { me { ...Who } } fragment Who on User { id name }',
      '{ me { id } }',
    ];
    for (const query of allowed) await send({ url: `${server.url}/graphql`, method: 'POST', body: JSON.stringify({ query }) });
    expect(server.seen.map((s) => JSON.parse(s.body).query)).toEqual(allowed);
    expect(() => assertQueryOnly('query Me { me { id } }')).not.toThrow();
  });

  it('refuses a GraphQL body posted to an endpoint that is not GraphQL (a REST endpoint reads it as its own fields)', async () => {
    const server = await started();
    const body = JSON.stringify({ query: 'query Q { a }' });
    await expect(send({ url: `${server.url}/v1/projects`, method: 'POST', body })).rejects.toThrow(/refused to send POST/);
    await send({ url: `${server.url}/api`, method: 'POST', body, graphql: true });
    expect(server.seen.map((s) => `${s.method} ${s.path}`)).toEqual(['POST /api']);
  });

  it("refuses through the providers' own clients: Railway's GraphQL client and GitHub's Octokit fetch", async () => {
    const server = await started();
    const railway = new RailwayClient(`${server.url}/graphql/v2`, SECRET, testContext());
    await expect(railway.query('mutation VolumeDelete { volumeDelete(volumeId: "v") }', {}, 'bearer')).rejects.toThrow(/read-only/);
    const github = boundedFetch(server.url, testContext());
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
      await expect(github(`${server.url}/user/repos`, { method, body: '{}' })).rejects.toThrow(`refused to send ${method}`);
    expect(server.seen).toEqual([]);
  });
});

describe('user agent', () => {
  it(`the shared transport and GitHub's fetch send ${USER_AGENT}, whatever the caller set`, async () => {
    const server = await started(() => ({ status: 200, body: {} }));
    await send({ url: `${server.url}/a`, headers: { 'User-Agent': 'something-else', accept: 'application/json' } });
    await boundedFetch(server.url, testContext())(`${server.url}/b`, { headers: { 'user-agent': 'octokit-rest.js/22' } });
    expect(server.seen.map((s) => s.headers['user-agent'])).toEqual([USER_AGENT, USER_AGENT]);
  });

  // One server per provider answering 401 to everything; the tokens are the rules' own examples.
  const HTTP_PROVIDERS = ['anthropic', 'cloudflare', 'digitalocean', 'github', 'gitlab', 'npm', 'openai', 'railway', 'sendgrid', 'slack', 'stripe', 'twilio'];

  it('every request of a scan, to every REST and GraphQL provider, carries it', { timeout: 60_000 }, async () => {
    const servers = new Map<string, Awaited<ReturnType<typeof started>>>();
    const env: NodeJS.ProcessEnv = {};
    for (const provider of HTTP_PROVIDERS) {
      const server = await started();
      servers.set(provider, server);
      if (provider === 'github') env.GITHUB_API_URL = server.url;
      else if (provider === 'railway') env.BLASTRADIUS_RAILWAY_API_URL = `${server.url}/graphql/v2`;
      else env[`BLASTRADIUS_${provider.toUpperCase()}_API_URL`] = server.url;
    }
    env.BLASTRADIUS_SENDGRID_EU_API_URL = env.BLASTRADIUS_SENDGRID_API_URL;
    const files = Object.fromEntries(
      loadRules()
        .filter((rule) => HTTP_PROVIDERS.includes(rule.provider) && rule.examples.match.length > 0)
        .map((rule) => [`${rule.id}/.env`, `${rule.examples.match[0]}\n`]),
    );
    const ws = makeWorkspace(files);
    stops.push(async () => ws.cleanup());
    const result = await cli(['scan', '.', '--format', 'json', '--no-cache', '--timeout', '2s'], ws.dir, env);
    expect(result.exitCode, result.stderr).toBe(0);
    for (const [provider, server] of servers) {
      expect(server.seen.length, `${provider} was sent nothing`).toBeGreaterThan(0);
      expect(
        server.seen.filter((s) => s.headers['user-agent'] !== USER_AGENT).map((s) => `${provider}: ${s.method} ${s.path} ${s.headers['user-agent']}`),
      ).toEqual([]);
    }
  });
});
