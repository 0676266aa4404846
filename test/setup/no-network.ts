import dns from 'node:dns';
import net from 'node:net';

/**
 * Tests never touch the internet: any connection to a non-loopback address, and any DNS lookup
 * of a name other than localhost, fails loudly in every test file.
 */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
  const first = args[0] as { host?: string; path?: string } | number | string;
  const host =
    typeof first === 'object' && first !== null
      ? first.path
        ? 'localhost'
        : (first.host ?? 'localhost')
      : typeof args[1] === 'string'
        ? args[1]
        : 'localhost';
  if (typeof first === 'string' && !/^\d+$/.test(first)) return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args); // unix socket path
  if (!LOOPBACK.test(host)) throw new Error(`test tried to reach the network: ${host}`);
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

const originalLookup = dns.lookup;
(dns as { lookup: unknown }).lookup = function patchedLookup(hostname: string, ...rest: unknown[]) {
  if (!LOOPBACK.test(hostname)) {
    const callback = rest[rest.length - 1] as (error: Error) => void;
    const error = Object.assign(new Error(`test tried to resolve ${hostname}`), { code: 'ENOTFOUND' });
    process.nextTick(() => callback(error));
    return;
  }
  return (originalLookup as (...a: unknown[]) => void).call(dns, hostname, ...rest);
};

// The AWS SDK's Node 20 support notice is noise in test output (the bin shim silences it for the CLI).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
