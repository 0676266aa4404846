import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * An npm registry on 127.0.0.1 that knows exactly the packages of one package-lock.json, so that
 * real installs (npm, and pre-commit driving npm) run in tests without the internet.
 *
 * Packuments (GET /<name>, https://github.com/npm/registry/blob/main/docs/REGISTRY-API.md) list
 * the versions the lockfile holds, with the dependencies the lockfile recorded for them; tarballs
 * are served from npm's own content-addressed cache (`npm ci` put them there), found by their
 * integrity hash. A tarball the cache lacks is a 404, recorded in `missing`.
 */
export interface LockfileRegistry {
  url: string;
  /** Tarballs asked for that the npm cache does not hold (the install then fails on them). */
  missing: string[];
  /** Every path requested, to show that installs went here. */
  requests: string[];
  close(): Promise<void>;
}

interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, unknown>;
  bin?: Record<string, string>;
  engines?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
}

/** Where npm keeps its cache (`npm config get cache`): the environment's setting, else ~/.npm. */
export function npmCacheDir(): string {
  const result = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' });
  const dir = result.status === 0 ? result.stdout.trim() : '';
  return dir || join(homedir(), '.npm');
}

/** cacache's content path for an SRI hash: content-v2/<algorithm>/<hex[0,2)>/<hex[2,4)>/<hex[4,)>. */
export function cachedTarball(cacheDir: string, integrity: string): string {
  const [algorithm, digest] = integrity.split(/\s+/)[0].split(/-(.*)/s);
  const hex = Buffer.from(digest, 'base64').toString('hex');
  return join(cacheDir, '_cacache', 'content-v2', algorithm, hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
}

export async function startLockfileRegistry(lockfile: string, cacheDir = npmCacheDir()): Promise<LockfileRegistry> {
  const lock = JSON.parse(readFileSync(lockfile, 'utf8')) as { packages: Record<string, LockEntry> };
  const packuments = new Map<string, { versions: Map<string, { entry: LockEntry; tarballPath: string }> }>();
  const tarballs = new Map<string, string>(); // URL path → integrity
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.link || !entry.version || !entry.integrity) continue;
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    // The registry's own tarball layout (lockfiles may omit `resolved`): /<name>/-/<unscoped>-<version>.tgz
    const tarballPath = entry.resolved ? new URL(entry.resolved).pathname : `/${name}/-/${name.split('/').pop()}-${entry.version}.tgz`;
    tarballs.set(tarballPath, entry.integrity);
    const packument = packuments.get(name) ?? { versions: new Map() };
    packument.versions.set(entry.version, { entry, tarballPath });
    packuments.set(name, packument);
  }

  const missing: string[] = [];
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(`${req.method} ${path}`);
    const integrity = tarballs.get(path);
    if (integrity) {
      const file = cachedTarball(cacheDir, integrity);
      if (!existsSync(file)) {
        missing.push(path);
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not in the npm cache"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      createReadStream(file).pipe(res);
      return;
    }
    const name = decodeURIComponent(path.slice(1));
    const packument = packuments.get(name);
    if (!packument) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(packumentJson(name, packument.versions, baseUrl())));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${baseUrl()}/`,
    missing,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function packumentJson(name: string, versions: Map<string, { entry: LockEntry; tarballPath: string }>, base: string): object {
  const sorted = [...versions.keys()].sort(compareVersions);
  return {
    name,
    'dist-tags': { latest: sorted[sorted.length - 1] },
    versions: Object.fromEntries(
      [...versions].map(([version, { entry, tarballPath }]) => [
        version,
        {
          name,
          version,
          dependencies: entry.dependencies,
          optionalDependencies: entry.optionalDependencies,
          peerDependencies: entry.peerDependencies,
          peerDependenciesMeta: entry.peerDependenciesMeta,
          bin: entry.bin,
          engines: entry.engines,
          os: entry.os,
          cpu: entry.cpu,
          libc: entry.libc,
          dist: { tarball: `${base}${tarballPath}`, integrity: entry.integrity },
        },
      ]),
    ),
  };
}

/** Release versions by number, a prerelease before its release (enough for dist-tags.latest). */
function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, pre] = v.split('-', 2);
    return { parts: core.split('.').map(Number), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if (x.parts[i] !== y.parts[i]) return (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}
