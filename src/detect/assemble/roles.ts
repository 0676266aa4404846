import type { Role } from './fields.js';

/**
 * What part of a login a key names, from its last words (`DB_PASSWORD` → password, prefix `db`;
 * `spring.datasource.username` → user, prefix `spring datasource`; `dbPassword` → password).
 * The prefix tells logins apart in one file (`DB_*` and `REDIS_*` are two logins).
 */
export interface KeyRole {
  role: Role;
  prefix: string;
  /** `name` alone is a database only where the block or prefix is about a database. */
  weak?: boolean;
}

// Longest word sequences first; every entry is a suffix of the key's words.
const SUFFIXES: [string[], Role][] = [
  [['connection', 'string'], 'url'],
  [['connectionstring'], 'url'],
  [['jdbc', 'url'], 'url'],
  [['database', 'url'], 'url'],
  [['url'], 'url'],
  [['uri'], 'url'],
  [['dsn'], 'url'],
  [['password'], 'password'],
  [['passwd'], 'password'],
  [['pass'], 'password'],
  [['pwd'], 'password'],
  [['user', 'name'], 'user'],
  [['user', 'id'], 'user'],
  [['username'], 'user'],
  [['userid'], 'user'],
  [['user'], 'user'],
  [['usr'], 'user'],
  [['login'], 'user'],
  [['uid'], 'user'],
  [['host', 'name'], 'host'],
  [['hostname'], 'host'],
  [['hosts'], 'host'],
  [['host'], 'host'],
  [['server', 'name'], 'host'],
  [['server'], 'host'],
  [['address'], 'host'],
  [['addr'], 'host'],
  [['endpoint'], 'host'],
  [['data', 'source'], 'host'],
  [['port'], 'port'],
  [['database', 'name'], 'database'],
  [['db', 'name'], 'database'],
  [['dbname'], 'database'],
  [['database'], 'database'],
  [['initial', 'catalog'], 'database'],
  [['db'], 'database'],
  [['driver', 'class', 'name'], 'driver'],
  [['driver'], 'driver'],
  [['adapter'], 'driver'],
  [['engine'], 'driver'],
  [['dialect'], 'driver'],
  [['client'], 'driver'],
  [['connection'], 'driver'],
  [['protocol'], 'driver'],
  [['provider'], 'driver'],
  [['image'], 'driver'],
  [['scheme'], 'driver'],
  [['type'], 'driver'],
  [['vendor'], 'driver'],
];

/** Prefix words that are noise for grouping: `database` and `db` name the same login. */
const PREFIX_ALIASES: Record<string, string> = { database: 'db', datasource: 'db', data: '', source: '' };

/** Lowercase words of a key: separators, camelCase and digits split (`DB_PASSWORD`, `dbPassword`, `spring.datasource.url`). */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function roleOf(key: string): KeyRole | undefined {
  const words = keyWords(key);
  if (words.length === 0 || words.length > 8) return undefined;
  // Keys about something else that merely end like a part: a password hash, a token URL, a root CA.
  if (words.some((w) => NOT_A_PART.has(w))) return undefined;
  for (const [suffix, role] of SUFFIXES) {
    if (suffix.length > words.length) continue;
    if (!suffix.every((w, i) => words[words.length - suffix.length + i] === w)) continue;
    // `DB_NAME`, `DATABASE_URL`: the `db` word is part of the prefix too (it groups with `DB_PASSWORD`).
    const keep = suffix.length > 1 && (suffix[0] === 'db' || suffix[0] === 'database') ? 1 : 0;
    return { role, prefix: prefixOf(words.slice(0, words.length - suffix.length + keep)) };
  }
  if (words[words.length - 1] === 'name') return { role: 'database', prefix: prefixOf(words.slice(0, -1)), weak: true };
  return undefined;
}

const NOT_A_PART = new Set([
  'hash',
  'hashed',
  'digest',
  'salt',
  'encrypted',
  'enc',
  'expiry',
  'expires',
  'reset',
  'confirm',
  'confirmation',
  'policy',
  'length',
  'min',
  'max',
  'file',
  'path',
  'command',
  'cmd',
  'prompt',
  'field',
  'label',
  'placeholder',
  'validation',
  'regex',
  'pattern',
  'rotation',
  'ttl',
  'callback',
  'redirect',
  'public',
  'agent',
  'email',
  'mail',
  'smtp',
  'proxy',
]);

function prefixOf(words: string[]): string {
  return words
    .map((w) => PREFIX_ALIASES[w] ?? w)
    .filter(Boolean)
    .join(' ');
}
