// Reads only: ACL WHOAMI (https://redis.io/docs/latest/commands/acl-whoami/), ACL GETUSER for itself,
// ACL DRYRUN (never the command itself), CONFIG GET save / appendonly
// (https://redis.io/docs/latest/operate/oss_and_stack/management/persistence/).
import { CONFIG_GET, keyFor, PROBES, rulesAllow, type Probe } from './commands.js';
import type { RedisSession } from './session.js';

/** How a probe's permission was learned. */
/** `patterns`: the key patterns a keyed command acts through (when known). */
export type Answer = { allowed: boolean; keys?: 'some' | 'all'; patterns?: string[]; how: 'ACL DRYRUN' | 'ACL GETUSER rules' | 'no ACL (Redis before 6)' };

export interface RedisFacts {
  user: string;
  /** Redis before 6: no ACL, the password unlocks every command. */
  legacy: boolean;
  /** The user's key patterns (ACL GETUSER), when readable. */
  keyPatterns?: string[];
  /** Each probe's answer, or why it could not be learned. */
  answers: Map<Probe, Answer | { unknown: string }>;
  /** RDB save points and AOF, or why they could not be read. */
  persistence: { rdb: boolean; aof: boolean; save: string } | { unknown: string };
}

const text = (reply: unknown) => (Buffer.isBuffer(reply) ? reply.toString('utf8') : String(reply));

/** ACL GETUSER's flat [field, value, …] reply as a map; the `passwords` field (hashes) is dropped here. */
function fields(reply: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!Array.isArray(reply)) return out;
  for (let i = 0; i + 1 < reply.length; i += 2) {
    const name = text(reply[i]);
    if (name !== 'passwords') out.set(name, reply[i + 1]);
  }
  return out;
}

/** Key patterns: a string "~a* ~b*" (Redis 7) or a list (6.2). `allkeys` / `~*` mean every key. */
function keyPatternsOf(user: Map<string, unknown>): string[] | undefined {
  const keys = user.get('keys');
  if (keys === undefined) return undefined;
  const list = Array.isArray(keys) ? keys.map(text) : text(keys).split(/\s+/);
  return list.filter(Boolean).map((k) => (k === 'allkeys' ? '~*' : k));
}

const allKeys = (patterns: string[] | undefined) => patterns?.some((p) => /^(%[RW]*~|~)\*$/i.test(p)) ?? false;

async function dryRun(session: RedisSession, user: string, probe: Probe, key: string): Promise<Answer | { unknown: string } | 'refused'> {
  const args = [probe.command, ...(probe.subcommand ? [probe.subcommand] : []), ...probe.args.map((a) => (a === 'KEY' ? key : a))];
  const result = await session.send(['ACL', 'DRYRUN', user, ...args]);
  if ('error' in result) return /NOPERM|unknown subcommand|unknown command/i.test(result.error) ? 'refused' : { unknown: result.error };
  const reply = text(result.reply);
  if (reply === 'OK') return { allowed: true, how: 'ACL DRYRUN' };
  // "This user has no permissions to access the 'k' key": the command is allowed, on other keys.
  if (/permissions to access/i.test(reply) && probe.keyed) return { allowed: true, keys: 'some', how: 'ACL DRYRUN' };
  if (/permissions to run/i.test(reply)) return { allowed: false, how: 'ACL DRYRUN' };
  return { unknown: `ACL DRYRUN answered: ${reply}` };
}

/**
 * The key patterns through which a keyed probe may act: `~p` and `%RW~p` give both, `%R~p` reads
 * only, `%W~p` writes only (https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/#key-permissions).
 * Undefined when not known, or when selectors may add more.
 */
function patternsFor(probe: Probe, patterns: string[] | undefined, selectors: boolean): string[] | undefined {
  if (!patterns || selectors) return undefined;
  const needs = probe.action === 'read' ? 'R' : 'W';
  return patterns.filter((p) => p.startsWith('~') || p.slice(1, p.indexOf('~')).toUpperCase().includes(needs));
}

/** What the session's user may run, by ACL DRYRUN where permitted, else its own rules from ACL GETUSER. */
async function readPermissions(session: RedisSession, facts: RedisFacts, probes: readonly Probe[]): Promise<void> {
  const own = await session.send(['ACL', 'GETUSER', facts.user]);
  const user = 'reply' in own ? fields(own.reply) : undefined;
  facts.keyPatterns = user ? keyPatternsOf(user) : undefined;
  const declared = user?.get('selectors');
  const selectors = Array.isArray(declared) && declared.length > 0;
  let dryRunRefused = false;
  for (const probe of probes) {
    const usable = probe.keyed ? patternsFor(probe, facts.keyPatterns, selectors) : undefined;
    const keys = usable && allKeys(usable) ? ('all' as const) : ('some' as const);
    if (usable && usable.length === 0) {
      // Allowed or not, the command reaches no key of this user.
      facts.answers.set(probe, { allowed: false, how: 'ACL GETUSER rules' });
      continue;
    }
    const probeKey = usable?.length && keys === 'some' ? keyFor(usable[0]) : 'blastradius:probe';
    const answer = dryRunRefused ? 'refused' : await dryRun(session, facts.user, probe, probeKey);
    if (answer !== 'refused') {
      const widen = 'allowed' in answer && answer.allowed && probe.keyed && !answer.keys;
      facts.answers.set(probe, widen ? { ...answer, keys, ...(usable ? { patterns: usable } : {}) } : answer);
      continue;
    }
    dryRunRefused = true;
    const rules = user?.get('commands');
    if (rules === undefined) {
      facts.answers.set(probe, {
        unknown: `neither ACL DRYRUN nor ACL GETUSER ${facts.user} is permitted to this user (${'error' in own ? own.error : 'no rules in the reply'})`,
      });
      continue;
    }
    const allowed = rulesAllow(text(rules), probe);
    facts.answers.set(probe, { allowed, how: 'ACL GETUSER rules', ...(allowed && probe.keyed ? { keys, ...(usable ? { patterns: usable } : {}) } : {}) });
  }
}

/** CONFIG GET save / appendonly, asked only when the user may run CONFIG GET (else a refusal lands in the ACL log). */
async function readPersistence(session: RedisSession, facts: RedisFacts): Promise<RedisFacts['persistence']> {
  const permitted = facts.answers.get(CONFIG_GET);
  if (!permitted || 'unknown' in permitted)
    return { unknown: `whether this user may run CONFIG GET is unknown (${permitted && 'unknown' in permitted ? permitted.unknown : 'not asked'})` };
  if (!permitted.allowed) return { unknown: 'this user may not run CONFIG GET' };
  const save = await session.send(['CONFIG', 'GET', 'save']);
  const aof = await session.send(['CONFIG', 'GET', 'appendonly']);
  if ('error' in save || 'error' in aof) return { unknown: `CONFIG GET refused: ${'error' in save ? save.error : (aof as { error: string }).error}` };
  const value = (reply: unknown) => (Array.isArray(reply) ? text(reply[1] ?? '') : '');
  const saveRule = value(save.reply).trim();
  return { rdb: saveRule.length > 0, aof: value(aof.reply).trim() === 'yes', save: saveRule };
}

/** Who the session is, what it may run, and whether the server keeps its data on its own disk. */
export async function readFacts(session: RedisSession, urlUser: string | undefined): Promise<RedisFacts> {
  const whoami = await session.send(['ACL', 'WHOAMI']);
  const legacy = 'error' in whoami && /unknown command/i.test(whoami.error);
  const facts: RedisFacts = {
    user: 'reply' in whoami ? text(whoami.reply) : (urlUser ?? 'default'),
    legacy,
    answers: new Map(),
    persistence: { unknown: 'not read' },
  };
  if (legacy) {
    // No ACL before Redis 6: AUTH with the password gives every command (unless renamed in redis.conf).
    for (const probe of [...PROBES, CONFIG_GET])
      facts.answers.set(probe, { allowed: true, how: 'no ACL (Redis before 6)', ...(probe.keyed ? { keys: 'all' as const } : {}) });
  } else {
    await readPermissions(session, facts, [...PROBES, CONFIG_GET]);
  }
  facts.persistence = await readPersistence(session, facts);
  return facts;
}
