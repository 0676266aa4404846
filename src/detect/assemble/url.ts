import { safeDecode } from '../../core/uri.js';

/**
 * Connection strings in the forms configs use — URLs (`scheme://user:pass@host:port/db?…`),
 * JDBC (`jdbc:<driver>://…` with `user`/`password` in the URL, its query or `;` properties; Oracle
 * thin `user/pass@host:port:sid`) and ADO.NET key/value strings (`Server=…;User Id=…;Password=…`) —
 * read into parts, and the canonical URL an assembled login is identified by.
 */
export interface ConnectionParts {
  /** URL scheme, JDBC sub-protocol or ADO provider/driver name, lowercase. */
  scheme?: string;
  host?: string;
  port?: string;
  user?: string;
  password?: string;
  database?: string;
  form: 'url' | 'jdbc' | 'ado';
  /** The password sits in the URL's userinfo (`user:password@` before the host of a jdbc: URL): the URL rules find it as it is. */
  inUserinfo?: boolean;
}

export function parseConnection(value: string): ConnectionParts | undefined {
  const text = value.trim();
  if (/^jdbc:/i.test(text)) return parseJdbc(text.slice(5));
  if (/^[a-z][a-z0-9+.-]{1,31}:\/\//i.test(text)) {
    const parts = parseUrl(text);
    return parts && { ...parts, form: 'url' };
  }
  if (/(?:^|;)\s*(?:password|pwd)\s*=/i.test(text) && text.includes(';')) return parseAdo(text);
  return undefined;
}

const decode = (text: string | undefined): string | undefined => (text === undefined ? undefined : safeDecode(text));

function parseUrl(text: string): Omit<ConnectionParts, 'form'> | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)![1].toLowerCase();
  const rest = text.slice(scheme.length + 3);
  const queryAt = rest.search(/[?#]/);
  const beforeQuery = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rest.slice(queryAt + 1).replace(/#.*$/, '');
  // The password may hold `/` or `@`: the authority ends at the first `/` after the last `@`.
  const at = beforeQuery.lastIndexOf('@');
  const slash = beforeQuery.indexOf('/', Math.max(at, 0));
  const authority = slash === -1 ? beforeQuery : beforeQuery.slice(0, slash);
  const path = slash === -1 ? '' : beforeQuery.slice(slash + 1);
  const userinfo = at === -1 ? undefined : authority.slice(0, at);
  const hostport = at === -1 ? authority : authority.slice(at + 1);
  const colon = userinfo?.indexOf(':') ?? -1;
  // JDBC drivers read `+` as itself, not as a space (URLSearchParams would).
  const params = new URLSearchParams(query.replace(/\+/g, '%2B'));
  const { host, port } = splitHostPort(hostport);
  return {
    scheme,
    host,
    port,
    user: decode(userinfo === undefined ? undefined : colon === -1 ? userinfo : userinfo.slice(0, colon)) || param(params, ['user', 'username']),
    password: decode(colon === -1 ? undefined : userinfo!.slice(colon + 1)) || param(params, ['password', 'pass']),
    database: decode(path.split('/')[0]) || undefined,
  };
}

function param(params: URLSearchParams, names: string[]): string | undefined {
  for (const [key, value] of params) if (names.includes(key.toLowerCase()) && value) return value;
  return undefined;
}

function parseJdbc(text: string): ConnectionParts | undefined {
  const sub = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  if (!sub) return undefined;
  const scheme = sub[1].toLowerCase();
  const rest = text.slice(sub[0].length);
  // Oracle thin: user/password@host:port:sid or @//host:port/service.
  const oracle = /^thin:(?:([^/@\s]{1,128})\/([^@\s]{1,256}))?@(?:\/\/)?([^:/\s]{1,253})(?::(\d{1,5}))?[:/]([\w.$-]{1,128})/i.exec(rest);
  if (scheme === 'oracle' && oracle)
    return { form: 'jdbc', scheme, user: oracle[1], password: oracle[2], host: oracle[3], port: oracle[4], database: oracle[5] };
  if (!rest.startsWith('//')) return undefined;
  // SQL Server and others: `//host:port;databaseName=x;user=y;password=z`.
  const [address, ...properties] = rest.split(';');
  const parts = parseUrl(`${scheme}:${address}`);
  if (!parts) return undefined;
  const props = new Map(
    properties
      .map((p) => p.split('='))
      .filter((kv) => kv.length >= 2)
      .map(([k, ...v]) => [k.trim().toLowerCase(), v.join('=').trim()] as const),
  );
  return {
    ...parts,
    form: 'jdbc',
    ...(/^\/\/[^/?#;]*:[^/?#;]*@/.test(rest) ? { inUserinfo: true } : {}),
    user: parts.user ?? props.get('user') ?? props.get('username'),
    password: parts.password ?? props.get('password'),
    database: parts.database ?? props.get('databasename') ?? props.get('database'),
  };
}

const ADO_KEYS: Record<string, 'scheme' | 'host' | 'port' | 'user' | 'password' | 'database'> = {
  server: 'host',
  'data source': 'host',
  address: 'host',
  addr: 'host',
  'network address': 'host',
  host: 'host',
  port: 'port',
  database: 'database',
  'initial catalog': 'database',
  'user id': 'user',
  userid: 'user',
  uid: 'user',
  user: 'user',
  username: 'user',
  'user name': 'user',
  password: 'password',
  pwd: 'password',
  provider: 'scheme',
  driver: 'scheme',
};

function parseAdo(text: string): ConnectionParts | undefined {
  const out: ConnectionParts = { form: 'ado' };
  for (const pair of text.split(';')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const key = ADO_KEYS[pair.slice(0, eq).trim().toLowerCase().replace(/\s+/g, ' ')];
    const value = pair
      .slice(eq + 1)
      .trim()
      .replace(/^\{(.*)\}$/, '$1');
    if (key && value && out[key] === undefined) out[key] = value;
  }
  if (out.host) {
    // `tcp:host,1433` (SQL Server) and `host:port`.
    const bare = out.host.replace(/^(?:tcp|np|lpc):/i, '');
    const comma = /^([^,]+),(\d{1,5})$/.exec(bare);
    const split = comma ? { host: comma[1], port: comma[2] } : splitHostPort(bare);
    out.host = split.host;
    out.port ??= split.port;
  }
  return out.password ? out : undefined;
}

/** `host:port`, `[v6]:port`, a comma list of them (MongoDB), or a socket path after the host. */
export function splitHostPort(text: string): { host?: string; port?: string } {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  if (trimmed.includes(',')) return { host: trimmed };
  const v6 = /^(\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i.exec(trimmed);
  if (v6) return { host: v6[1], port: v6[2] };
  // WordPress allows `localhost:/var/run/mysqld/mysqld.sock`: a socket, no port.
  const match = /^([^:/\s]+)(?::(\d{1,5}|\/.*))?$/.exec(trimmed);
  if (!match) return {};
  return { host: match[1], port: match[2] && /^\d+$/.test(match[2]) ? match[2] : undefined };
}

// encodeURIComponent leaves ' ( ) ! * ~ alone; quotes end a URL in the rules' patterns.
const encode = (text: string) => encodeURIComponent(text).replace(/['()!*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The canonical string of an assembled login, which its token id is the hash of (keyed when the
 * password is guessable, see core/token-id.ts):
 *   `scheme://user:password@host:port/database`
 * scheme in lowercase as the rule's `login.scheme` spells it; user and password percent-encoded;
 * host lowercased (IPv6 in brackets, a MongoDB host list joined by commas, each with its port);
 * port always written, the kind's documented default when the config names none (never for
 * `+srv` schemes, which take no port); `/database` only when the config names one. No query.
 * A login with no host keeps an empty host (`mysql://u:…@/db`) and is never verified.
 */
export function canonicalUrl(
  scheme: string,
  parts: { host?: string; port?: string; user?: string; password: string; database?: string },
  defaultPort?: number,
): string {
  const srv = scheme.endsWith('+srv');
  const hosts = (parts.host ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean)
    .map((h) => {
      const split = splitHostPort(h);
      const host = (split.host ?? '').toLowerCase();
      const port = srv ? undefined : (split.port ?? parts.port ?? defaultPort?.toString());
      return port ? `${host}:${port}` : host;
    });
  const user = parts.user ? encode(parts.user) : '';
  const database = parts.database ? `/${encode(parts.database)}` : '';
  return `${scheme}://${user}:${encode(parts.password)}@${hosts.join(',')}${database}`;
}
