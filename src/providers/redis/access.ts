import type { ActionClass, Grant, Identity, Resource, Unknown } from '../../core/types.js';
import { describeTls } from '../db-tls.js';
import { CONFIG_GET, PROBES, probeName } from './commands.js';
import type { RedisFacts } from './explore.js';
import { serverId, type RedisTarget } from './url.js';

export interface Access {
  identity: Identity;
  grants: Grant[];
  resources: Resource[];
  unknowns: Unknown[];
  notes: string[];
}

const ACTION_RANK: Record<ActionClass, number> = { admin: 0, destroy: 1, write: 2, read: 3 };
const PERSISTENCE_DOC = 'https://redis.io/docs/latest/operate/oss_and_stack/management/persistence/';

/** Turns the probes' answers and the persistence settings into identity, grants, the server resource, unknowns and notes. */
export function describeAccess(target: RedisTarget, facts: RedisFacts, plaintext: boolean): Access {
  const id = serverId(target);
  const principal = `${facts.user} on ${target.server}`;
  const grants: Grant[] = [];
  const unknowns: Unknown[] = [];
  const notes: string[] = [];
  for (const probe of PROBES) {
    const answer = facts.answers.get(probe);
    if (!answer) continue;
    if ('unknown' in answer) {
      unknowns.push({
        what: `whether ${facts.user} may run ${probeName(probe).toUpperCase()}`,
        reason: answer.unknown,
        upTo: probe.action,
        resources: [id],
        settle: `ACL DRYRUN ${facts.user} ${probeName(probe).replace('|', ' ').toUpperCase()} (as a user allowed to run ACL DRYRUN)`,
      });
      continue;
    }
    if (!answer.allowed) continue;
    const scope = !probe.keyed
      ? ''
      : answer.keys === 'all'
        ? ' (every key)'
        : answer.patterns?.length
          ? ` (on keys matching ${answer.patterns.join(' ')})`
          : ' (some keys)';
    grants.push({
      action: probe.action,
      resource: id,
      operation: probe.operation,
      evidence: `${probeName(probe).toUpperCase()} allowed${scope}, per ${answer.how}: ${probe.why}`,
      principal,
    });
  }
  const configAnswer = facts.answers.get(CONFIG_GET);
  if (configAnswer && !('unknown' in configAnswer) && configAnswer.allowed) notes.push('may read the server configuration (CONFIG GET)');
  const resource: Resource = { id, type: 'redis-server', name: target.server, provider: 'redis', attributes: { database: target.database } };
  if ('unknown' in facts.persistence) {
    // Redis's default configuration snapshots to dump.rdb: unknown is not "no backups".
    unknowns.push({
      what: `whether ${target.server} keeps RDB snapshots or an AOF on its own disk (backups that share its fate)`,
      reason: facts.persistence.unknown,
      upTo: 'destroy',
      resources: [id],
      settle: 'CONFIG GET save and CONFIG GET appendonly (as a user allowed to run CONFIG GET)',
    });
  } else {
    const { rdb, aof, save } = facts.persistence;
    resource.holdsBackups = rdb || aof;
    resource.attributes = { ...resource.attributes, rdbSave: save || null, appendonly: aof };
    notes.push(
      rdb || aof
        ? `persistence on the same server (${[rdb ? `RDB snapshots, save "${save}"` : '', aof ? 'AOF' : ''].filter(Boolean).join(' and ')}): the on-disk copy is rewritten from memory, so a flush reaches it too (${PERSISTENCE_DOC})`
        : 'no persistence (save "" and appendonly no): the data lives in memory only; nothing on this server survives a flush',
    );
  }
  if (facts.legacy) {
    notes.push('Redis before 6 has no ACL users: the password unlocks every command');
    unknowns.push({
      what: 'commands renamed or disabled in redis.conf (rename-command)',
      reason: 'not visible to clients',
      upTo: 'none',
      resources: [id],
      settle: "the server's redis.conf",
    });
  }
  notes.push(`connection: ${describeTls(target.tls, plaintext)}`);
  if (target.ignored.length) notes.push(`URL parameters not followed: ${target.ignored.join(', ')}`);
  const identity: Identity = {
    principal,
    type: 'redis-user',
    account: target.server,
    displayName: facts.user,
    database: target.database,
    ...(facts.keyPatterns ? { keyPatterns: facts.keyPatterns } : {}),
    ...(target.endpoint ? { endpoint: `${target.endpoint.host}:${target.endpoint.port}` } : {}),
  };
  return { identity, grants: grants.sort((a, b) => ACTION_RANK[a.action] - ACTION_RANK[b.action]), resources: [resource], unknowns, notes };
}
