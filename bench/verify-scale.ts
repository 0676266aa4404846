/**
 * Verification at scale: 200 distinct live tokens of 6 providers, each provider a local fake on its
 * own port (its documented wire format, from fixtures/providers/<id>/) answering in 50-200 ms, with
 * a 429 + Retry-After now and then. Measures `blastradius scan` (with verification) twice: cold,
 * and again with the verification cache. Checks, from what the fakes saw: requests per host in
 * flight, and no provider asked more often than its manifest's documented rate limit.
 * Goals: cold run ≤ 15 s, cached run ≤ 1 s.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../src/core/paths.js';
import { manifestOf } from '../src/providers/registry.js';
import { DEFAULT_LIMITS } from '../src/verify/limits.js';
import { prng } from './corpus.js';
import { measure } from './measure.js';

const ownBin = fileURLToPath(new URL('../src/bin/blastradius.js', import.meta.url));
const random = prng(16);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const text = (n: number, alphabet = ALNUM) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');

interface FakeProvider {
  id: string;
  envVar: string;
  /** A new made-up token of the provider's documented format, as a line of a config file. */
  token: () => string;
  routes: Record<string, string>;
}

const PROVIDERS: FakeProvider[] = [
  {
    id: 'openai',
    envVar: 'OPENAI_API_KEY',
    token: () => `sk-proj-${text(40)}T3BlbkFJ${text(40)}`,
    routes: { '/v1/models': 'models.json', '/v1/files': 'files.json' },
  },
  {
    id: 'anthropic',
    envVar: 'ANTHROPIC_API_KEY',
    token: () => `sk-ant-api03-${text(93)}AA`,
    routes: { '/v1/models': 'models.json', '/v1/files': 'files.json' },
  },
  {
    id: 'sendgrid',
    envVar: 'SENDGRID_API_KEY',
    token: () => `SG.${text(22)}.${text(43)}`,
    routes: { '/v3/scopes': 'scopes-full-access.json', '/v3/user/username': 'user-username.json' },
  },
  {
    id: 'slack',
    envVar: 'SLACK_BOT_TOKEN',
    token: () => `xoxb-${text(12, '0123456789')}-${text(13, '0123456789')}-${text(24)}`,
    routes: { '/api/auth.test': 'auth-test-bot-narrow.json' },
  },
  {
    id: 'stripe',
    envVar: 'STRIPE_API_KEY',
    token: () => `rk_live_${text(99)}`,
    routes: { '/v1/account': 'account.json', '/v1/customers': 'customers.json', '/v1/charges': 'charges.json', '/v1/balance': 'balance.json' },
  },
  {
    id: 'digitalocean',
    envVar: 'DIGITALOCEAN_TOKEN',
    token: () => `dop_v1_${text(64, '0123456789abcdef')}`,
    routes: {
      '/v2/account': 'account.json',
      '/v2/droplets': 'droplets.json',
      '/v2/volumes': 'volumes.json',
      '/v2/databases': 'databases.json',
      '/v2/snapshots': 'snapshots.json',
    },
  },
];

interface Wire {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A fixture as the fake sends it: recorded wire files carry status and headers, bare bodies are a 200 JSON answer. */
function wire(provider: string, name: string): Wire {
  const dir = join(packageRoot(), 'fixtures', 'providers', provider);
  const parsed = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
  const extra = existsSync(join(dir, 'headers.json')) ? (JSON.parse(readFileSync(join(dir, 'headers.json'), 'utf8')) as Record<string, string>) : {};
  if (typeof parsed.status === 'number' && 'body' in parsed) {
    const body = typeof parsed.body === 'string' ? parsed.body : JSON.stringify(parsed.body);
    return { status: parsed.status, headers: { ...(parsed.headers as Record<string, string>) }, body };
  }
  return { status: 200, headers: { 'content-type': 'application/json', ...extra }, body: JSON.stringify(parsed) };
}

interface FakeStats {
  starts: number[];
  inFlight: number;
  peakInFlight: number;
  tooMany: number;
}

function startFake(provider: FakeProvider, stats: FakeStats): Promise<Server> {
  const answers = Object.fromEntries(Object.entries(provider.routes).map(([path, name]) => [path, wire(provider.id, name)]));
  const server = createServer((req, res) => {
    stats.starts.push(performance.now());
    stats.peakInFlight = Math.max(stats.peakInFlight, ++stats.inFlight);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const delay = 50 + Math.floor(random() * 150);
    req.resume();
    setTimeout(() => {
      stats.inFlight--;
      if (random() < 0.04) {
        stats.tooMany++;
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"error":"rate limited"}');
        return;
      }
      const answer = answers[path];
      if (!answer) res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      else res.writeHead(answer.status, answer.headers).end(answer.body);
    }, delay);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The largest number of request starts inside any window of `perMs`. */
function busiestWindow(starts: number[], perMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= perMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

export async function runVerifyBench(options: { tokens?: number; bin?: string; label?: string } = {}): Promise<void> {
  const bin = options.bin ?? ownBin;
  const count = options.tokens ?? 200;
  const dir = mkdtempSync(join(tmpdir(), 'blastradius-bench-verify-'));
  const cache = `${dir}.cache`;
  const stats = new Map(PROVIDERS.map((p) => [p.id, { starts: [], inFlight: 0, peakInFlight: 0, tooMany: 0 } as FakeStats]));
  const servers = await Promise.all(PROVIDERS.map((p) => startFake(p, stats.get(p.id)!)));
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: cache, HOME: dir };
  PROVIDERS.forEach((p, i) => (env[`BLASTRADIUS_${p.id.toUpperCase()}_API_URL`] = `http://127.0.0.1:${(servers[i].address() as AddressInfo).port}`));
  try {
    mkdirSync(join(dir, 'services'), { recursive: true });
    for (let i = 0; i < count; i++) {
      const provider = PROVIDERS[i % PROVIDERS.length];
      writeFileSync(join(dir, 'services', `service-${i}.env`), `${provider.envVar}=${provider.token()}\n`);
    }
    console.log(
      `\nverification bench${options.label ? ` (${options.label})` : ''} — ${count} distinct tokens over ${PROVIDERS.length} providers (${PROVIDERS.map((p) => p.id).join(', ')}), local fakes answering in 50-200 ms, 4% 429 with Retry-After: 1`,
    );
    const args = [bin, 'scan', dir, '--no-baseline', '--format', 'json', '--workers', '0'];
    const cold = await measure(process.execPath, args, { env });
    if (cold.exitCode !== 0) throw new Error(`verify bench: scan failed (${cold.exitCode}): ${cold.stderr}`);
    const report = JSON.parse(cold.stdout) as { tokens: { verification?: { status: string } }[] };
    const statuses = new Map<string, number>();
    for (const token of report.tokens) statuses.set(token.verification?.status ?? 'none', (statuses.get(token.verification?.status ?? 'none') ?? 0) + 1);
    const requests = [...stats.values()].reduce((n, s) => n + s.starts.length, 0);
    const warm = await measure(process.execPath, args, { env });
    const requestsAfter = [...stats.values()].reduce((n, s) => n + s.starts.length, 0);
    console.log(
      `cold:   ${(cold.wallMs / 1000).toFixed(2)} s wall, ${(cold.cpuMs / 1000).toFixed(2)} CPU-s, ${report.tokens.length} tokens (${[...statuses].map(([s, n]) => `${n} ${s}`).join(', ')}), ${requests} requests`,
    );
    console.log(`cached: ${(warm.wallMs / 1000).toFixed(2)} s wall, ${(warm.cpuMs / 1000).toFixed(2)} CPU-s, ${requestsAfter - requests} requests`);
    let rateOk = true;
    for (const provider of PROVIDERS) {
      const s = stats.get(provider.id)!;
      const rate = manifestOf(provider.id)?.limits?.rate;
      const busiest = rate ? busiestWindow(s.starts, rate.perMs) : undefined;
      if (rate && busiest! > rate.requests) rateOk = false;
      const limit = rate ? `documented ${rate.requests}/${rate.perMs / 1000} s, busiest window ${busiest}` : 'no documented limit in its manifest';
      console.log(
        `  ${provider.id.padEnd(13)} ${String(s.starts.length).padStart(4)} requests, ${s.tooMany} answered 429, at most ${s.peakInFlight} in flight (bound ${DEFAULT_LIMITS.perHost} per host); ${limit}`,
      );
    }
    const met = cold.wallMs <= 15_000 && warm.wallMs <= 1000 && rateOk;
    console.log(`verification goal: cold ≤ 15 s, cached ≤ 1 s, no provider over its documented rate — ${met ? 'met' : 'NOT met'}`);
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    rmSync(dir, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const before = process.argv.indexOf('--before');
  if (before !== -1)
    await runVerifyBench({ bin: join(process.argv[before + 1], 'dist', 'src', 'bin', 'blastradius.js'), label: `before: ${process.argv[before + 1]}` });
  await runVerifyBench();
}
