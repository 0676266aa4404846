// AUTH: https://redis.io/docs/latest/commands/auth/ (WRONGPASS, and "ERR invalid password" before 6.0)
// Driver: node-redis (@redis/client), https://redis.io/docs/latest/develop/clients/nodejs/
import { createClient } from '@redis/client';
import { errorMessage } from '../../core/errors.js';
import { certificateFailure, isCertificateFailure, tlsOptions } from '../db-tls.js';
import type { Route } from '../db-verify.js';
import { UNREACHABLE_CODES } from '../reach.js';
import type { ProviderContext } from '../types.js';
import type { RedisTarget } from './url.js';

export interface ConnectFailure {
  kind: 'invalid' | 'error' | 'unreachable';
  detail: string;
}

/** One authenticated connection; `send` returns the server's error as a value so a refusal costs only that command. */
export interface RedisSession {
  send(args: string[]): Promise<{ reply: unknown } | { error: string }>;
}

function classify(error: unknown, target: RedisTarget, route: Route, ctx: ProviderContext): ConnectFailure {
  const code = String((error as { code?: unknown }).code ?? '');
  const message = errorMessage(error);
  const where = target.endpoint ? `${target.server} (via ${route.address}:${route.port})` : target.server;
  if (isCertificateFailure(error)) return { kind: 'error', detail: certificateFailure(where, error, target.tls) };
  const who = target.user ? `user ${target.user}` : 'the default user (password only)';
  if (/^WRONGPASS/.test(message) || /^ERR invalid password/i.test(message))
    return { kind: 'invalid', detail: `${where}: the server refused the password for ${who} (${message.split(' ')[0]})` };
  if (/without any password configured|no password is set/i.test(message))
    return {
      kind: 'error',
      detail: `${where}: the server has no password set: anyone who reaches it has the default user's rights; the URL's password is not what protects it`,
    };
  if (code === 'ETIMEDOUT' || /timeout/i.test(message) || UNREACHABLE_CODES.has(code)) {
    const why = UNREACHABLE_CODES.has(code) && code !== 'ETIMEDOUT' ? code : `no answer within ${ctx.timeoutMs} ms`;
    return route.kind === 'private'
      ? { kind: 'unreachable', detail: `host not reachable from here: ${where}: ${why}` }
      : { kind: 'error', detail: `${where}: ${why}` };
  }
  return { kind: 'error', detail: `${where}: ${code ? `${code}: ` : ''}${message}` };
}

/** Connects and authenticates (AUTH user password, or AUTH password), selects the URL's database, runs `work`, disconnects. */
export async function withSession<T>(
  target: RedisTarget,
  route: Route,
  ctx: ProviderContext,
  work: (session: RedisSession) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; failure: ConnectFailure }> {
  let socket: Record<string, unknown> = {
    host: route.address,
    port: route.port,
    connectTimeout: ctx.timeoutMs,
    socketTimeout: ctx.timeoutMs * 3,
    reconnectStrategy: false,
  };
  if (target.tls.mode !== 'disabled') {
    const options = tlsOptions(target.tls.mode, target.name, ctx.env);
    if ('error' in options) return { ok: false, failure: { kind: 'error', detail: `${target.server}: ${options.error}` } };
    socket = { ...socket, ...options, tls: true };
  }
  const client = createClient({
    socket: socket as never,
    ...(target.user ? { username: target.user } : {}),
    password: target.password,
    ...(target.database ? { database: target.database } : {}),
    // Nothing but AUTH (and SELECT) before our own reads: no CLIENT SETINFO, no maintenance handshake.
    disableClientInfo: true,
    maintNotifications: 'disabled',
    disableOfflineQueue: true,
  } as Parameters<typeof createClient>[0]);
  client.on('error', () => undefined);
  // A client the server already closed (a refused AUTH) throws on destroy.
  const close = () => {
    try {
      client.destroy();
    } catch {
      // already closed
    }
  };
  try {
    await client.connect();
  } catch (error) {
    close();
    return { ok: false, failure: classify(error, target, route, ctx) };
  }
  const session: RedisSession = {
    send: async (args) => {
      try {
        return { reply: await client.sendCommand(args) };
      } catch (error) {
        return { error: errorMessage(error) };
      }
    },
  };
  try {
    return { ok: true, value: await work(session) };
  } finally {
    close();
  }
}
