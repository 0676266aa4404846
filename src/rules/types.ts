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

/** An example is a text, or a text with the path it sits in (for rules with file context). */
export type Example = string | { text: string; path: string };
