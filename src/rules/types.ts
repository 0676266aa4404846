/** A detection rule as written in `rules/<provider>.yaml`. */
export interface RuleSpec {
  id: string;
  provider: string;
  kind: string;
  description: string;
  /** Prefilter words: all-lowercase ones match in any case, ones with an uppercase letter match exactly. */
  keywords: string[];
  pattern: string;
  /** `i` for case-insensitive patterns; `g` is always added. */
  flags?: string;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  entropy?: number;
  /** Name of a checksum or structure validator in src/detect/validators.ts. */
  validate?: string;
  /** Only in files matching these globs (values written without quotes mean something only in configuration files). */
  files?: string[];
  /** A last-resort rule matches only on lines holding this text (a URL credential needs an `@`): other lines of its keywords are skipped. */
  lineContains?: string;
  /** A nearby key the secret must sit next to (bare UUIDs), or a file it must be in. */
  context?: { pattern: string; lines: number; files: string[] };
  /** Further parts of one credential, found near the main match (AWS key id + secret). */
  parts?: PartSpec[];
  /** Non-secret context near the match that the provider reads (e.g. which host a token belongs to). */
  hints?: HintSpec[];
  /**
   * The main match names the account rather than proving access (Twilio's account SID beside its
   * auth token): the secret is in the required parts, and the match is never scrubbed from results.
   */
  identifier?: boolean;
  /** Leading characters that are a public prefix (shown in the redacted form). */
  redactPrefix?: number;
  /**
   * `url`: hide the password of a connection URL, keep user, host and database. `pem`: keep the BEGIN
   * line. `key`: show the key the value sits under (hint `key`), never the value (generic secrets).
   */
  redact?: 'url' | 'pem' | 'key';
  /**
   * A last-resort rule (1 = after every specific rule, 2 = after level-1 fallbacks too): its match is
   * dropped when a rule of a lower level, or an assembled login, covers the same text or value.
   */
  fallback?: number;
  /** How logins of this rule's URL scheme are assembled from parts spread over a config (src/detect/assemble/). */
  login?: LoginSpec[];
  /** Rules this one wins over when both find the same secret (a GCP key file over a bare PEM key). */
  supersedes: string[];
  examples: { match: Example[]; noMatch: Example[] };
  /** File the rule was loaded from, for error messages. */
  source: string;
}

export interface PartSpec {
  name: string;
  pattern: string;
  flags?: string;
  lines: number;
  required: boolean;
  /**
   * `false` for a part that identifies rather than authenticates (an account id, a client email,
   * a Region setting): providers read it like any part, and results may show it in clear.
   * Absent (rule caches written before the field existed) means secret.
   */
  secret?: boolean;
  /** Files (globs) where this part may be anywhere in the file, not only within `lines` (`.s3cfg` sorts its keys). */
  anywhereIn?: string[];
}

/**
 * One kind of login (a database, an SFTP server) as config files spell it. Everything here is the
 * provider's public documentation turned into data, so that the assembly code names no provider.
 */
export interface LoginSpec {
  /** URL scheme of the assembled credential: `scheme://user:password@host:port/database`. */
  scheme: string;
  /** Port filled in when the config names none (the server's documented default). */
  port?: number;
  /** Lowercase words that mean this kind: driver, adapter, engine, dialect, client, image, protocol, key prefix. */
  names: string[];
  /** Files (globs) whose logins are of this kind when nothing in them says otherwise (wp-config.php, .pgpass). */
  files?: string[];
  /** Exact variable names (official images, client libraries) by role; `rootPassword` implies `defaultUser`. */
  env?: Partial<Record<'host' | 'port' | 'user' | 'password' | 'rootPassword' | 'database', string[]>>;
  /** The user a `rootPassword` variable belongs to (documented by the image). */
  defaultUser?: string;
  /** Logins of this kind may have no user (Redis `requirepass`). */
  userOptional?: boolean;
  /** Command-line clients, for shell history: command names and the flags of each part. */
  cli?: CliSpec;
}

export interface CliSpec {
  commands: string[];
  host?: string[];
  port?: string[];
  user?: string[];
  password?: string[];
  database?: string[];
  /** Flags whose value must be attached (`mysql -pSECRET`; a bare `-p` prompts). */
  attached?: string[];
  /** The first argument that is not an option names the database (`mysql … shop`, `psql … shop`). */
  databaseArgument?: boolean;
}

/**
 * Context found around a match that is not part of the secret: a host named in the same file, a
 * URL on the same line. The nearest match wins (`before`: the nearest one above the secret).
 */
export interface HintSpec {
  name: string;
  /** One capture group: the value. */
  pattern: string;
  flags?: string;
  /** Lines around the secret to look in (0: its own line). */
  lines: number;
  /** Only matches that end before the secret (the key a YAML value sits under). */
  before?: boolean;
  /** Only in files matching these globs. */
  files?: string[];
}

/**
 * An example is a text, or a text with the path it sits in (for rules with file context), and the
 * hints (name → value) a match in it must carry.
 */
export type Example = string | { text: string; path: string; hints?: Record<string, string> };
