// What a Redis user may run, asked without running it: ACL DRYRUN (Redis 7+,
// https://redis.io/docs/latest/commands/acl-dryrun/), else its own rules from ACL GETUSER
// (https://redis.io/docs/latest/commands/acl-getuser/) read against the ACL categories each
// command page documents (https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/#command-categories).
import type { ActionClass } from '../../core/types.js';

/** One command whose permission decides reach; `args` are what ACL DRYRUN is given (KEY is replaced by a probe key). */
export interface Probe {
  command: string;
  subcommand?: string;
  args: string[];
  /** Its ACL categories, from its page on redis.io (for reading ACL GETUSER rules). */
  categories: string[];
  action: ActionClass;
  operation: string;
  why: string;
  /** The permission also depends on the user's key patterns. */
  keyed?: boolean;
}

export const PROBES: readonly Probe[] = [
  {
    command: 'flushall',
    args: [],
    categories: ['keyspace', 'write', 'slow', 'dangerous'],
    action: 'destroy',
    operation: 'FLUSHALL',
    why: 'deletes every key of every database (https://redis.io/docs/latest/commands/flushall/)',
  },
  {
    command: 'flushdb',
    args: [],
    categories: ['keyspace', 'write', 'slow', 'dangerous'],
    action: 'destroy',
    operation: 'FLUSHDB',
    why: 'deletes every key of the selected database (https://redis.io/docs/latest/commands/flushdb/)',
  },
  { command: 'del', args: ['KEY'], categories: ['keyspace', 'write', 'slow'], action: 'destroy', operation: 'DEL', why: 'deletes keys', keyed: true },
  {
    command: 'replicaof',
    args: ['NO', 'ONE'],
    categories: ['admin', 'slow', 'dangerous'],
    action: 'destroy',
    operation: 'REPLICAOF',
    why: "pointed at another server, replaces the whole dataset with that server's (https://redis.io/docs/latest/commands/replicaof/)",
  },
  {
    command: 'config',
    subcommand: 'set',
    args: ['maxmemory', '0'],
    categories: ['admin', 'slow', 'dangerous'],
    action: 'admin',
    operation: 'CONFIG SET',
    why: 'can turn persistence off or move the data directory (https://redis.io/docs/latest/commands/config-set/)',
  },
  {
    command: 'acl',
    subcommand: 'setuser',
    args: ['blastradius-probe'],
    categories: ['admin', 'slow', 'dangerous'],
    action: 'admin',
    operation: 'ACL SETUSER',
    why: 'can create users and give itself any command',
  },
  {
    command: 'module',
    subcommand: 'load',
    args: ['/nonexistent'],
    categories: ['admin', 'slow', 'dangerous'],
    action: 'admin',
    operation: 'MODULE LOAD',
    why: 'loads native code into the server',
  },
  { command: 'set', args: ['KEY', 'v'], categories: ['write', 'string', 'slow'], action: 'write', operation: 'SET', why: 'writes keys', keyed: true },
  { command: 'get', args: ['KEY'], categories: ['read', 'string', 'fast'], action: 'read', operation: 'GET', why: 'reads keys', keyed: true },
];

/** CONFIG GET, to read persistence: asked only if allowed (ACL categories @admin @slow @dangerous). */
export const CONFIG_GET: Probe = {
  command: 'config',
  subcommand: 'get',
  args: ['save'],
  categories: ['admin', 'slow', 'dangerous'],
  action: 'read',
  operation: 'CONFIG GET',
  why: 'reads the server configuration',
};

export const probeName = (probe: Probe) => (probe.subcommand ? `${probe.command}|${probe.subcommand}` : probe.command);

/**
 * Whether a user's command rules (ACL GETUSER's `commands` field, e.g. "+@all -flushall -config|set")
 * allow a command: rules apply left to right, the last matching one wins; nothing matches = denied.
 */
export function rulesAllow(rules: string, probe: Probe): boolean {
  let allowed = false;
  for (const rule of rules.split(/\s+/).filter(Boolean)) {
    const lower = rule.toLowerCase();
    if (lower === 'allcommands') allowed = true;
    else if (lower === 'nocommands') allowed = false;
    else if (lower[0] === '+' || lower[0] === '-') {
      const grant = lower[0] === '+';
      const what = lower.slice(1);
      const matches = what.startsWith('@')
        ? what === '@all' || probe.categories.includes(what.slice(1))
        : what === probe.command || (probe.subcommand !== undefined && what === `${probe.command}|${probe.subcommand}`);
      if (matches) allowed = grant;
    }
  }
  return allowed;
}

/** A key that matches a glob-style key pattern (`~cache:*` → `cache:x`), for ACL DRYRUN. */
export function keyFor(pattern: string): string {
  return (
    pattern
      .replace(/^%[RW]*~|^~/, '')
      .replace(/\[[^\]]*\]/g, 'x')
      .replace(/[*?]/g, 'x')
      .replace(/\\(.)/g, '$1') || 'x'
  );
}
