import { isPlaceholder } from '../filters.js';
import { isDefaultPassword, isLowEntropyWord, isReference, isUsablePassword } from '../values.js';
import { blockPath, type Block, type Field, type Fields, type Role } from './fields.js';
import type { LoginKind, LoginKinds } from './kinds.js';
import { roleOf } from './roles.js';
import { parseConnection, splitHostPort, type ConnectionParts } from './url.js';
import { environmentOfBlocks, environmentOfFile, environmentOfVariables, NON_PRODUCTION } from './environment.js';

/** Where one part of a login was read: its value and the text it came from. */
export interface Part {
  value: string;
  line: number;
  offset: number;
  length: number;
}

/** A login assembled from the parts found in one block (and the blocks around it). */
export interface Login {
  kind: LoginKind;
  password: Part;
  host?: Part[];
  port?: Part;
  user?: Part;
  /** A user no config line names: the image's documented superuser (`MYSQL_ROOT_PASSWORD` → root). */
  impliedUser?: string;
  database?: Part;
  /** The framework environment the login sits under (`production:` in database.yml). */
  environment?: string;
}

export interface Assembly {
  logins: Login[];
  /** Spans (offset, length) of passwords that belong to a login, kept or dropped: no generic finding may repeat them. */
  claims: [number, number][];
}

interface Annotated extends Field {
  role: Role;
  prefix: string;
  weak?: boolean;
  root?: boolean;
  kind?: LoginKind;
  connection?: ConnectionParts;
}

const LOCAL_HOSTS = /^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|::1|\[::1\]|host\.docker\.internal)$/i;
const COMPOSE_FILES = /(?:^|\/)(?:docker-)?compose[^/]*\.ya?ml$/i;

// More logins than any config holds; past it (a generated or hostile file) the rest are not assembled,
// and a file with more password keys than that is data (an export, a dump), not a config.
const MAX_LOGINS = 200;
const MAX_PASSWORD_KEYS = 2000;

/** Groups the fields of one file into logins; stops at `deadline` (performance.now()), keeping what it has. */
export function assembleLogins(found: Fields, path: string, kinds: LoginKinds, deadline = Infinity): Assembly {
  const annotated = annotate(found.fields, kinds);
  if (annotated.filter((f) => f.role === 'password').length > MAX_PASSWORD_KEYS) return { logins: [], claims: [] };
  const anchors = new Map(found.blocks.filter((b) => b.anchor).map((b) => [b.anchor!, b.id]));
  const context = new Context(annotated, found.blocks, anchors);
  const fileEnvironment = environmentOfFile(path) ?? environmentOfVariables(found.fields);
  const logins: Login[] = [];
  const claims: [number, number][] = [];
  for (const field of annotated) {
    if (logins.length >= MAX_LOGINS || performance.now() > deadline) break;
    const password = passwordOf(field);
    if (!password) continue;
    const login = buildLogin(field, password, context, path, kinds, found.blocks);
    // A password with neither a host nor a user beside it is no login (the generic rule may still report it).
    if (!login || (!login.host && !login.user && login.impliedUser === undefined)) continue;
    claims.push([password.offset, password.length]);
    login.environment = environmentOfBlocks(found.blocks, field.block) ?? fileEnvironment;
    if (isLocalDefault(login)) continue;
    logins.push(login);
  }
  return { logins, claims };
}

function annotate(fields: readonly Field[], kinds: LoginKinds): Annotated[] {
  const out: Annotated[] = [];
  for (const field of fields) {
    const byVariable = field.role ? undefined : kinds.byVariable(field.key);
    const byKey = field.role ? undefined : roleOf(field.key);
    // Listed variables keep the prefix their words give (POSTGRES_USER and POSTGRES_PASSWORD group); PGHOST has none.
    // A JDBC or ADO.NET string is a login under any key (`ConnectionStrings: { Erp: "Server=…;Password=…" }`).
    const carries = /^jdbc:|(?:^|;)\s*(?:password|pwd)\s*=/i.test(field.value);
    const role = field.role
      ? { role: field.role, prefix: '' }
      : byVariable
        ? { role: byVariable.role, prefix: byKey?.prefix ?? `@${byVariable.kind.scheme}` }
        : (byKey ?? (carries ? { role: 'url' as const, prefix: '' } : undefined));
    if (!role) continue;
    const kind = (field.scheme ? kinds.byScheme(field.scheme) : undefined) ?? byVariable?.kind;
    // A connection string is a login source of its own whatever key it sits under.
    const connection = role.role === 'url' || role.role === 'password' || role.role === 'host' ? parseConnection(field.value) : undefined;
    out.push({
      ...field,
      ...role,
      ...(byVariable?.root ? { root: true } : {}),
      ...(kind ? { kind } : {}),
      ...(connection ? { connection, role: connection.password || role.role === 'url' ? 'url' : role.role } : {}),
    });
  }
  return out;
}

function passwordOf(field: Annotated): Part | undefined {
  if (field.role === 'password' && isUsablePassword(field.value) && !namesItself(field)) return partOf(field);
  // JDBC and ADO strings carry their password inside; plain URLs are the URL rules' to find.
  const inner = field.connection;
  if (field.role === 'url' && inner?.password && inner.form !== 'url' && !inner.inUserinfo && isUsablePassword(inner.password)) {
    // Where the password sits in the text; when decoding moved it (XML entities, %-escapes), the whole value.
    const at = field.value.indexOf(inner.password);
    const exact = at !== -1 && !/&(?:amp|lt|gt|quot|apos|#\d+);|%[0-9A-Fa-f]{2}/.test(field.value);
    return {
      value: inner.password,
      line: field.line,
      offset: field.offset + (exact ? at : 0),
      length: exact ? inner.password.length : field.value.length + 16,
    };
  }
  return undefined;
}

/** A constant whose value is its own name (`MYSQL_NATIVE_PASSWORD: "MYSQL_NATIVE_PASSWORD"`): an enum, not a password. */
function namesItself(field: Field): boolean {
  const letters = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  return letters(field.key).endsWith(letters(field.value)) || /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(field.value);
}

function partOf(field: Field): Part {
  return { value: field.value, line: field.line, offset: field.offset, length: field.value.length };
}

/** Lookups of a part near a password: its block and prefix first, then enclosing and merged blocks. */
class Context {
  // Fields by block, and by role within it: a lookup reads one block's fields of one role, not the file's.
  readonly #byBlock = new Map<string, Annotated[]>();

  constructor(
    private readonly fields: readonly Annotated[],
    private readonly blocks: readonly Block[],
    private readonly anchors: ReadonlyMap<string, number>,
  ) {
    for (const f of fields) {
      const key = `${f.block}:${f.role}`;
      const list = this.#byBlock.get(key);
      if (list) list.push(f);
      else this.#byBlock.set(key, [f]);
    }
  }

  /** The same context without the fields carrying one connection string (a URL of another kind). */
  without(connection: ConnectionParts | undefined): Context {
    return new Context(
      this.fields.filter((f) => f.connection !== connection || connection === undefined),
      this.blocks,
      this.anchors,
    );
  }

  /** Blocks to search, nearest first: the block, its merges (`<<: *default`), then each ancestor and its merges. */
  scope(block: number): number[] {
    const order: number[] = [];
    const visit = (id: number, depth: number) => {
      if (order.includes(id) || depth > 8) return;
      order.push(id);
      for (const alias of this.blocks[id].merges) {
        const target = this.anchors.get(alias);
        if (target !== undefined) visit(target, depth + 1);
      }
    };
    for (let at: number | undefined = block; at !== undefined; at = this.blocks[at].parent) visit(at, 0);
    return order;
  }

  /** `ownBlockOnly`: only the password's own block, with the same prefix (a user that belongs to this very password). */
  find(role: Role, near: Annotated, accept: (f: Annotated) => boolean = () => true, ownBlockOnly = false): Annotated | undefined {
    const scope = ownBlockOnly ? [near.block] : this.scope(near.block);
    const single = this.blocks[near.block].single === true;
    const maxLevel = ownBlockOnly ? 1 : 3;
    // How well a key's prefix matches the password's: the same (`DB_HOST` for `DB_PASSWORD`), the same
    // once `db` is set aside (`db_name` beside `password`), a leading part of it (`MYSQL_DATABASE`
    // for `MYSQL_ROOT_PASSWORD`), or none at all in an enclosing block.
    const level = (f: Annotated, depth: number): number => {
      if (single || f.prefix === near.prefix) return 0;
      if (withoutDb(f.prefix) === withoutDb(near.prefix)) return 1;
      if (f.prefix !== '' && near.prefix.startsWith(`${f.prefix} `)) return 2;
      return depth > 0 && f.prefix === '' ? 3 : -1;
    };
    for (const [depth, block] of scope.entries()) {
      const candidates = (this.#byBlock.get(`${block}:${role}`) ?? []).filter(
        (f) => f !== near && level(f, depth) >= 0 && level(f, depth) <= maxLevel && accept(f),
      );
      if (candidates.length === 0) continue;
      // The closest prefix, a strong key over a weak one (`DB_DATABASE` over `NAME`), then the nearest line.
      const rank = (f: Annotated) => level(f, depth) * 1e10 + (f.weak ? 1e9 : 0) + Math.abs(f.line - near.line);
      return candidates.reduce((best, f) => (rank(f) < rank(best) ? f : best));
    }
    return undefined;
  }

  findAll(role: Role, near: Annotated): Annotated[] {
    const first = this.find(role, near);
    if (!first) return [];
    return (this.#byBlock.get(`${first.block}:${role}`) ?? []).filter((f) => f.prefix === first.prefix || this.blocks[f.block].single);
  }
}

function buildLogin(field: Annotated, password: Part, context: Context, path: string, kinds: LoginKinds, blocks: readonly Block[]): Login | undefined {
  const own = field.connection && field.role === 'url' ? field.connection : undefined;
  // A URL beside the password lends its parts only when it is one without a password of its own
  // (Spring's `url: jdbc:…` beside `password:`), of the same kind as the login.
  const partial = context.find('url', field, (f) => f.connection !== undefined && !f.connection.password)?.connection;
  const url = own ?? partial;
  const kind = kindOf(field, url, context, path, kinds, blocks);
  if (!kind) return undefined;
  const urlKind = url?.scheme ? kinds.byScheme(url.scheme) : undefined;
  if (!own && urlKind && urlKind !== kind) return buildLogin({ ...field, connection: undefined }, password, context.without(partial), path, kinds, blocks);
  const login: Login = { kind, password };
  const fromUrl = (value: string | undefined): Part | undefined => (value ? { value, line: field.line, offset: field.offset, length: 0 } : undefined);
  const hostFields = context.findAll('host', field).filter((f) => usableHost(f.value));
  const hostValues = hostFields.flatMap((f) => (f.connection?.host ? [{ ...partOf(f), value: f.connection.host }] : [partOf(f)]));
  if (own?.host) login.host = [fromUrl(own.host)!];
  else if (hostValues.length) login.host = hostValues;
  else if (url?.host) login.host = [fromUrl(url.host)!];
  else {
    const service = composeService(path, blocks, field.block);
    if (service) login.host = [{ value: service, line: field.line, offset: field.offset, length: 0 }];
  }
  const port = own?.port ?? context.find('port', field)?.value ?? url?.port;
  const portField = context.find('port', field);
  if (port && /^\d{1,5}$/.test(port)) login.port = portField && portField.value === port ? partOf(portField) : fromUrl(port);
  // The user of this very password (same block and prefix) first; a superuser's password
  // (`MYSQL_ROOT_PASSWORD`) belongs to the image's superuser even when another user is set beside it.
  const ownUser = context.find('user', field, (f) => usableValue(f.value), true);
  const userField = ownUser ?? context.find('user', field, (f) => usableValue(f.value));
  if (own?.user) login.user = fromUrl(own.user);
  else if (ownUser) login.user = partOf(ownUser);
  else if (field.root && kind.defaultUser !== undefined) login.impliedUser = kind.defaultUser;
  else if (userField) login.user = partOf(userField);
  else if (url?.user) login.user = fromUrl(url.user);
  const databaseField =
    context.find('database', field, (f) => !f.weak && usableValue(f.value)) ??
    context.find('database', field, (f) => f.weak === true && usableValue(f.value) && isAboutDatabase(f, blocks));
  if (own?.database) login.database = fromUrl(own.database);
  else if (databaseField) login.database = partOf(databaseField);
  else if (url?.database) login.database = fromUrl(url.database);
  return login;
}

function withoutDb(prefix: string): string {
  return prefix
    .split(' ')
    .filter((w) => w !== 'db')
    .join(' ');
}

function usableValue(value: string): boolean {
  return value !== '' && !isPlaceholder(value) && !isReference(value);
}

/** Hosts are names: `db.example.com` is a host (the placeholder word list would reject it), `<db-host>` and `${DB_HOST}` are not. */
function usableHost(value: string): boolean {
  return value !== '' && !isReference(value) && !/^<.*>$|x{3,}|\byour[_-]|\s/i.test(value);
}

/** `NAME` is a database only inside a block about one (Django's DATABASES) or with a db prefix. */
function isAboutDatabase(field: Annotated, blocks: readonly Block[]): boolean {
  if (field.prefix.split(' ').includes('db')) return true;
  return blockPath(blocks, field.block).some((name) => /^(?:databases?|db|datasources?)$/i.test(name));
}

function kindOf(
  field: Annotated,
  url: ConnectionParts | undefined,
  context: Context,
  path: string,
  kinds: LoginKinds,
  blocks: readonly Block[],
): LoginKind | undefined {
  if (field.kind) return field.kind;
  const driver = context.find('driver', field, (f) => kinds.byName(f.value) !== undefined);
  if (driver) return kinds.byName(driver.value);
  if (url?.scheme) {
    const byScheme = kinds.byScheme(url.scheme);
    if (byScheme) return byScheme;
  }
  for (const word of field.prefix.split(' ')) {
    const byPrefix = word && !word.startsWith('@') ? kinds.byName(word) : undefined;
    if (byPrefix) return byPrefix;
  }
  for (const name of blockPath(blocks, field.block)) {
    const byBlock = kinds.byName(name);
    if (byBlock) return byBlock;
  }
  const byFile = kinds.byFile(path);
  if (byFile) return byFile;
  const port = context.find('port', field)?.value ?? url?.port;
  return port && /^\d+$/.test(port) ? kinds.byPort(Number(port)) : undefined;
}

/** docker-compose: a variable in `services.<name>.environment` reaches that service at its name. */
function composeService(path: string, blocks: readonly Block[], block: number): string | undefined {
  if (!COMPOSE_FILES.test(path)) return undefined;
  const names = blockPath(blocks, block).reverse();
  const at = names.indexOf('services');
  return at !== -1 && names[at + 2] === 'environment' ? names[at + 1] : undefined;
}

/** A development or test login on this machine with a tutorial password: not a finding. */
function isLocalDefault(login: Login): boolean {
  if (!login.environment || !NON_PRODUCTION.has(login.environment)) return false;
  const local = !login.host || login.host.every((h) => LOCAL_HOSTS.test(splitHostPort(h.value).host ?? h.value));
  return local && (isDefaultPassword(login.password.value) || isLowEntropyWord(login.password.value));
}
