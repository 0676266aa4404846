// Driver: the official `mongodb` package (https://www.mongodb.com/docs/drivers/node/current/), connected
// directly to one host (no replica-set discovery: hosts a server names are not ours to contact).
// Reads: connectionStatus (https://www.mongodb.com/docs/manual/reference/command/connectionStatus/),
// listDatabases with authorizedDatabases (https://www.mongodb.com/docs/manual/reference/command/listDatabases/).
import { isIP } from 'node:net';
import { MongoClient, type MongoClientOptions } from 'mongodb';
import { errorMessage } from '../../core/errors.js';
import { certificateFailure, isCertificateFailure, tlsOptions } from '../db-tls.js';
import type { Route } from '../db-verify.js';
import { UNREACHABLE_CODES } from '../reach.js';
import type { ProviderContext } from '../types.js';
import type { MongoTarget } from './url.js';

export interface ConnectFailure {
  kind: 'invalid' | 'error' | 'unreachable';
  detail: string;
}

export interface MongoPrivilege {
  resource: { db?: string; collection?: string; cluster?: boolean; anyResource?: boolean };
  actions: string[];
}

export interface MongoFacts {
  users: { user: string; db: string }[];
  roles: { role: string; db: string }[];
  privileges: MongoPrivilege[] | null;
  databases: { name: string; sizeOnDisk?: number }[] | null;
  databasesError?: string;
}

/** The driver's error and its causes (server selection wraps the handshake's). */
function causes(error: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) out.push(e);
  const servers = (error as { reason?: { servers?: Map<string, { error?: unknown }> } }).reason?.servers;
  for (const server of servers?.values() ?? []) if (server.error) out.push(...causes(server.error));
  return out;
}

function classify(error: unknown, target: MongoTarget, route: Route, ctx: ProviderContext): ConnectFailure {
  const all = causes(error);
  const where = target.endpoint || target.srv ? `${target.server} (via ${route.address}:${route.port})` : target.server;
  const certificate = all.find(isCertificateFailure);
  if (certificate) return { kind: 'error', detail: certificateFailure(where, certificate, target.tls) };
  // 18 AuthenticationFailed: the server's one answer for a wrong password or an unknown user.
  if (all.some((e) => (e as { code?: unknown }).code === 18))
    return {
      kind: 'invalid',
      detail: `${where}: authentication failed for ${target.user} against database ${target.authSource} (${target.authSourceFrom}) (18 AuthenticationFailed)`,
    };
  const code = all.map((e) => String((e as { code?: unknown }).code ?? '')).find((c) => UNREACHABLE_CODES.has(c));
  const timedOut = all.some((e) => /timed out|timeout/i.test(errorMessage(e)));
  if (code || timedOut) {
    const why = code && code !== 'ETIMEDOUT' ? code : `no answer within ${ctx.timeoutMs} ms`;
    return route.kind === 'private'
      ? { kind: 'unreachable', detail: `host not reachable from here: ${where}: ${why}` }
      : { kind: 'error', detail: `${where}: ${why}` };
  }
  return { kind: 'error', detail: `${where}: ${errorMessage(all[all.length - 1] ?? error)}` };
}

function clientOptions(target: MongoTarget, route: Route, ctx: ProviderContext): MongoClientOptions | { error: string } {
  const base: MongoClientOptions = {
    directConnection: true,
    auth: { username: target.user, password: target.password },
    authSource: target.authSource,
    ...(target.mechanism ? { authMechanism: target.mechanism } : {}),
    appName: 'blastradius',
    serverSelectionTimeoutMS: ctx.timeoutMs,
    connectTimeoutMS: ctx.timeoutMs,
    socketTimeoutMS: ctx.timeoutMs * 2,
    maxPoolSize: 1,
    retryReads: false,
    retryWrites: false,
    heartbeatFrequencyMS: 60_000,
  };
  if (target.tls.mode === 'disabled') return { ...base, tls: false };
  const name = route.name ?? target.name;
  const options = tlsOptions(target.tls.mode, name, ctx.env);
  if ('error' in options) return options;
  return {
    ...base,
    tls: true,
    tlsAllowInvalidCertificates: options.rejectUnauthorized === false,
    ...(options.ca ? { ca: options.ca as string } : {}),
    ...(isIP(name) ? {} : { servername: name }),
    ...(options.checkServerIdentity ? { checkServerIdentity: options.checkServerIdentity } : {}),
  };
}

/** One authenticated, direct connection; reads its own identity and privileges, then the databases it may see. */
export async function readFacts(
  target: MongoTarget,
  route: Route,
  ctx: ProviderContext,
): Promise<{ ok: true; facts: MongoFacts } | { ok: false; failure: ConnectFailure }> {
  const options = clientOptions(target, route, ctx);
  if ('error' in options) return { ok: false, failure: { kind: 'error', detail: `${target.server}: ${options.error}` } };
  const host = route.address.includes(':') ? `[${route.address}]` : route.address;
  const client = new MongoClient(`mongodb://${host}:${route.port}/`, options);
  try {
    await client.connect();
  } catch (error) {
    await client.close().catch(() => undefined);
    return { ok: false, failure: classify(error, target, route, ctx) };
  }
  try {
    const admin = client.db('admin');
    const status = (await admin.command({ connectionStatus: 1, showPrivileges: true })) as {
      authInfo?: { authenticatedUsers?: MongoFacts['users']; authenticatedUserRoles?: MongoFacts['roles']; authenticatedUserPrivileges?: MongoPrivilege[] };
    };
    const info = status.authInfo ?? {};
    const facts: MongoFacts = {
      users: info.authenticatedUsers ?? [],
      roles: info.authenticatedUserRoles ?? [],
      privileges: info.authenticatedUserPrivileges ?? null,
      databases: null,
    };
    try {
      const listed = (await admin.command({ listDatabases: 1, nameOnly: true, authorizedDatabases: true })) as { databases?: { name: string }[] };
      facts.databases = (listed.databases ?? []).map((d) => ({ name: String(d.name) }));
    } catch (error) {
      facts.databasesError = errorMessage(error);
    }
    return { ok: true, facts };
  } finally {
    await client.close().catch(() => undefined);
  }
}
