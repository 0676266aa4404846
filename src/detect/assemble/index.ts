import type { RuleSpec } from '../../rules/types.js';
import { readFields, syntaxOf, type Fields } from './fields.js';
import { isFormatFile, readFormat } from './formats.js';
import { LoginKinds } from './kinds.js';
import { assembleLogins, type Login, type Part } from './logins.js';
import { canonicalUrl } from './url.js';

/** An assembled login, ready to become a candidate: its canonical URL and where each part was read. */
export interface AssembledLogin {
  ruleId: string;
  url: string;
  password: Part;
  /** Every other part with a place in the file (host, port, user, database lines). */
  parts: Part[];
  environment?: string;
  /** Why no provider may be asked: the login lacks what a connection needs. */
  unverifiable?: string;
}

export interface FileAssembly {
  logins: AssembledLogin[];
  /** Text spans no generic finding may repeat (passwords of logins, kept or dropped; decoded values). */
  claims: [number, number][];
  /** Kubernetes Secret `data:` decoded into `KEY=value` lines at their own line numbers, for every rule to see; `spans` are the encoded values. */
  decoded?: { text: string; columns: Map<number, number>; spans: [number, number][] };
}

const MAX_CONFIG_BYTES = 512 * 1024;
const DOCUMENTS = /\.(?:md|markdown|mdx|rst|adoc|asciidoc|txt|html?|d\.ts)$/i;
const STATE_FILES = /\.tfstate(?:\.backup)?$/;
const CONFIG_CODE =
  /(?:^|\/)(?:config|conf|settings?|environments?)\/[^/]+$|(?:^|\/)[^/]*(?:config|conf|settings?|database|datasources?|connections?|secrets?|credentials?|knexfile|prisma|sequelize|ormconfig|typeorm|mikro-orm|drizzle|appsettings|mcp)[^/]*$|\.(?:hcl|tf|prisma)$/i;
const MENTIONS = ['pass', 'PASS', 'Pass', 'pwd', 'PWD', 'Pwd', 'jdbc:', 'Secret'];
const PASSWORD_KEY = /(?:pass(?:word|wd)?|pwd)["'\]]?[ \t]{0,4}[:=]|^kind:[ \t]{0,4}["']?Secret|<pass|jdbc:/im;
const LITERAL_PASSWORD = /(?:pass(?:word|wd)?|pwd)["']?\s{0,4}(?:=>|:|=|,)\s{0,4}["'`<]|<pass|jdbc:|(?:password|pwd)=[^;\s]{1,256};/i;

export class Assembler {
  readonly kinds: LoginKinds;

  constructor(rules: readonly RuleSpec[]) {
    this.kinds = new LoginKinds(rules);
  }

  get active(): boolean {
    return !this.kinds.empty;
  }

  /** Files read for logins whatever their content. */
  wantsFile(path: string): boolean {
    return this.active && (this.kinds.wantsFile(path) || isFormatFile(path));
  }

  /**
   * Whether a file is read for logins, decided by its name first (no keyword of the prefilter, which
   * would have to be common words): a known credential file or Terraform state always; a
   * configuration file (dotenv, INI, YAML, properties, shell) or source code named as configuration
   * (settings.py, knexfile.js, config/database.php, appsettings.json, mcp.json, Terraform) when it is
   * small and a password key in it has a value (`bytes` is searched byte for byte: the keys are
   * ASCII). Documentation, whose examples are nobody's login, never.
   */
  readsFile(path: string, bytes: Uint8Array): boolean {
    if (!this.active) return false;
    if (this.wantsFile(path) || STATE_FILES.test(path)) return true;
    if (bytes.length > MAX_CONFIG_BYTES) return false;
    const syntax = syntaxOf(path);
    if ((syntax === 'code' && !CONFIG_CODE.test(path)) || DOCUMENTS.test(path)) return false;
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // The buffer's own search first (most files have no password key at all), a pattern second.
    if (!MENTIONS.some((word) => buffer.includes(word))) return false;
    return (syntax === 'code' ? LITERAL_PASSWORD : PASSWORD_KEY).test(buffer.toString('latin1'));
  }

  /** Reads the file's logins; past `deadline` (performance.now()) it stops and returns what it has. */
  assemble(text: string, path: string, deadline = Infinity): FileAssembly {
    const fields = readFields(text, path);
    readFormat(text, path, this.kinds, fields);
    const decoded = decodeSecretData(text, fields);
    const { logins, claims } = assembleLogins(fields, path, this.kinds, deadline);
    return { logins: logins.map(toAssembled), claims, ...(decoded ? { decoded } : {}) };
  }
}

function toAssembled(login: Login): AssembledLogin {
  const host = login.host?.map((h) => h.value).join(',');
  const user = login.user?.value ?? login.impliedUser;
  const url = canonicalUrl(
    login.kind.scheme,
    { host, port: login.port?.value, user, password: login.password.value, database: login.database?.value },
    login.kind.port,
  );
  const parts = [...(login.host ?? []), login.port, login.user, login.database].filter((p): p is Part => p !== undefined);
  const unverifiable = !host ? 'no host found' : user === undefined && !login.kind.userOptional ? 'no user found' : undefined;
  return {
    ruleId: login.kind.ruleId,
    url,
    password: login.password,
    parts,
    ...(login.environment ? { environment: login.environment } : {}),
    ...(unverifiable ? { unverifiable } : {}),
  };
}

/**
 * A Kubernetes Secret keeps its values base64-encoded under `data:`
 * (https://kubernetes.io/docs/concepts/configuration/secret/#restriction-names-data): each decoded
 * value replaces the encoded one among the fields, and the decoded `KEY=value` lines are handed back
 * for the rules to run over (a URL or a token inside the encoding).
 */
function decodeSecretData(text: string, fields: Fields): FileAssembly['decoded'] {
  if (!/^kind:\s*["']?Secret["']?\s*$/m.test(text)) return undefined;
  const lines: string[] = [];
  const spans: [number, number][] = [];
  const columns = new Map<number, number>();
  for (const field of fields.fields) {
    const block = fields.blocks[field.block];
    if (block.name !== 'data' || block.parent !== 0) continue;
    if (!/^[A-Za-z0-9+/]{4,}={0,2}$/.test(field.value) || field.value.length % 4 !== 0) continue;
    const value = Buffer.from(field.value, 'base64').toString('utf8');
    if (value === '' || /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(value) || value.includes('\n')) continue;
    spans.push([field.offset, field.value.length]);
    field.value = value;
    while (lines.length < field.line) lines.push('');
    lines[field.line] = `${field.key}=${value}`;
    columns.set(field.line, field.offset - text.lastIndexOf('\n', field.offset - 1) - 1);
  }
  return lines.length ? { text: lines.join('\n'), columns, spans } : undefined;
}
