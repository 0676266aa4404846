import type { CliSpec, LoginSpec } from './types.js';

type Fail = (field: string, problem: string) => never;

const LOGIN_KEYS = new Set(['scheme', 'port', 'names', 'files', 'env', 'defaultUser', 'userOptional', 'cli']);
const ENV_ROLES = new Set(['host', 'port', 'user', 'password', 'rootPassword', 'database']);
const CLI_KEYS = new Set(['commands', 'host', 'port', 'user', 'password', 'database', 'attached', 'databaseArgument']);

/** A rule's `login` (one mapping or a list of them): how its credentials are spelled as parts of a config. */
export function parseLogins(raw: unknown, fail: Fail): LoginSpec[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) return fail('login', 'must be a mapping or a non-empty list of mappings');
  return list.map((item, i) => parseLogin(item, (field, problem) => fail(`login[${i}].${field}`, problem)));
}

function parseLogin(raw: unknown, fail: Fail): LoginSpec {
  if (!isObject(raw)) return fail('', 'must be a mapping with "scheme" and "names"');
  for (const key of Object.keys(raw)) if (!LOGIN_KEYS.has(key)) fail(key, 'is not a known login field');
  if (typeof raw.scheme !== 'string' || !/^[a-z][a-z0-9+.-]*$/.test(raw.scheme)) fail('scheme', 'must be a lowercase URL scheme');
  const port = raw.port;
  if (port !== undefined && (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65535)) fail('port', 'must be a port number');
  const names = stringList(raw.names, 'names', fail, true);
  if (names.some((n) => n !== n.toLowerCase())) fail('names', 'must be lowercase');
  const files = raw.files === undefined ? undefined : stringList(raw.files, 'files', fail, true);
  let env: LoginSpec['env'];
  if (raw.env !== undefined) {
    if (!isObject(raw.env)) fail('env', 'must map roles to lists of variable names');
    env = {};
    for (const [role, value] of Object.entries(raw.env as Record<string, unknown>)) {
      if (!ENV_ROLES.has(role)) fail(`env.${role}`, `is not a role (one of ${[...ENV_ROLES].join(', ')})`);
      env[role as keyof NonNullable<LoginSpec['env']>] = stringList(value, `env.${role}`, fail, true);
    }
  }
  if (raw.defaultUser !== undefined && typeof raw.defaultUser !== 'string') fail('defaultUser', 'must be a string');
  if (env?.rootPassword && raw.defaultUser === undefined) fail('defaultUser', 'is required with env.rootPassword');
  if (raw.userOptional !== undefined && typeof raw.userOptional !== 'boolean') fail('userOptional', 'must be true or false');
  return {
    scheme: raw.scheme as string,
    ...(port !== undefined ? { port: port as number } : {}),
    names,
    ...(files ? { files } : {}),
    ...(env ? { env } : {}),
    ...(raw.defaultUser !== undefined ? { defaultUser: raw.defaultUser as string } : {}),
    ...(raw.userOptional ? { userOptional: true } : {}),
    ...(raw.cli !== undefined ? { cli: parseCli(raw.cli, fail) } : {}),
  };
}

function parseCli(raw: unknown, fail: Fail): CliSpec {
  if (!isObject(raw)) return fail('cli', 'must be a mapping with "commands"');
  for (const key of Object.keys(raw)) if (!CLI_KEYS.has(key)) fail(`cli.${key}`, 'is not a known cli field');
  const out: CliSpec = { commands: stringList(raw.commands, 'cli.commands', fail, true) };
  for (const key of ['host', 'port', 'user', 'password', 'database', 'attached'] as const) {
    if (raw[key] === undefined) continue;
    const flags = stringList(raw[key], `cli.${key}`, fail, true);
    if (!flags.every((f) => /^--?[A-Za-z]/.test(f))) fail(`cli.${key}`, 'must be flags (-x or --name)');
    out[key] = flags;
  }
  if (raw.databaseArgument !== undefined && typeof raw.databaseArgument !== 'boolean') fail('cli.databaseArgument', 'must be true or false');
  if (raw.databaseArgument === true) out.databaseArgument = true;
  return out;
}

function stringList(raw: unknown, field: string, fail: Fail, nonEmpty: boolean): string[] {
  if (!Array.isArray(raw) || !raw.every((v) => typeof v === 'string' && v.length > 0) || (nonEmpty && raw.length === 0)) {
    return fail(field, 'must be a non-empty list of strings');
  }
  return raw as string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
