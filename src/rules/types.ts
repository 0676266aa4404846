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
  /** `url`: hide the password of a connection URL, keep user, host and database. `pem`: keep the BEGIN line. */
  redact?: 'url' | 'pem';
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
