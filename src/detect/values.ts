import { isPlaceholder, shannonEntropy } from './filters.js';

/**
 * What a configuration value is when it is not a secret: a reference to one kept elsewhere, a
 * hash of one, a default from a tutorial, or a plain word. Shared by the generic-secret rule and
 * the assembly of logins, so that both agree on what is not a finding.
 */

// Tutorial and docker-compose defaults: not worth a finding in a connection URL or a config block.
const DEFAULT_PASSWORDS = new Set([
  'password',
  'pass',
  'passwd',
  'secret',
  'postgres',
  'root',
  'admin',
  'test',
  'mysql',
  'mongo',
  'user',
  'pwd',
  'toor',
  'guest',
  'default',
  'letmein',
  'qwerty',
  '123456',
  '12345678',
  'password1',
  'password123',
  'admin123',
  'root123',
  'secret123',
  'anonymous',
]);
const DOC_PASSWORD = /^(?:some|my|your|the|example|dummy|fake|test|db|app|new|old|sample|default|strong|super)[_-]?(?:pass|password|passwd|pwd|secret)\d*$/i;

export function isDefaultPassword(password: string): boolean {
  return DEFAULT_PASSWORDS.has(password.toLowerCase()) || DOC_PASSWORD.test(password);
}

// A value that names where the secret comes from, not the secret: shell, compose, Python
// interpolation, ERB/Jinja/Go templates, framework helpers (Laravel env(), Ruby ENV[], Node, Django),
// Spring placeholders, Vault/SOPS references, Azure Key Vault and AWS Secrets Manager references,
// and the slots of format strings.
const REFERENCE_PATTERNS: RegExp[] = [
  /\$\{[^}]*\}/,
  /^\$[A-Za-z_][A-Za-z0-9_]*$/,
  /\$\([^)]*\)/,
  /%\([A-Za-z_][A-Za-z0-9_]*\)[sd]/,
  /<%.*%>/,
  /\{\{.*\}\}/,
  /\{%.*%\}/,
  /#\{[^}]*\}/,
  /\b(?:getenv|env|environ|os\.environ|ENV|process\.env|System\.getenv|Deno\.env|import\.meta\.env|config|secrets|vault|lookup|credentials|settings)\s*(?:\.|\[|\()/,
  /^(?:ENC|enc|vault|sops|ref|secretref|op|keyvault|arn:aws:secretsmanager)[:[(]/,
  /^@Microsoft\.KeyVault\(/,
  /^\[[A-Z_]+\]$/,
  // A format string's slot, filled in by the code around it: printf/Go/Python `%s`, `%v`, `%q`; `{}`, `{0}`, `{password}` (Python, Rust, .NET).
  /^%[-+ #0]*\d*(?:\.\d+)?[sdvqxXfiu]$/,
  /^\{(?:\d{0,2}|[A-Za-z_][A-Za-z0-9_]{0,40})(?::[^{}]{0,20})?\}$/,
];

export function isReference(value: string): boolean {
  return REFERENCE_PATTERNS.some((pattern) => pattern.test(value));
}

// Password hashes in their usual encodings (crypt(3) schemes, bcrypt, argon2, PBKDF2 strings,
// LDAP {SCHEME}, PostgreSQL SCRAM/md5 verifiers): they prove nothing without a cracking run.
const HASH_PATTERNS: RegExp[] = [
  /^\$(?:1|2[abxy]?|5|6|y|gy|7|argon2(?:id|i|d)|pbkdf2(?:-sha\d+)?|scrypt|sha1|md5)\$/,
  /^(?:pbkdf2_sha\d+|bcrypt(?:_sha256)?|argon2|sha1|md5|scrypt)\$/,
  /^\{(?:SSHA|SHA|SMD5|MD5|CRYPT|PBKDF2[^}]*|ARGON2)\}/i,
  /^SCRAM-SHA-256\$/,
  /^md5[0-9a-f]{32}$/,
  /^\*[0-9A-F]{40}$/, // MySQL native password hash
];

export function isHash(value: string): boolean {
  return HASH_PATTERNS.some((pattern) => pattern.test(value));
}

/** Hex of a digest's length: under a password key it is a stored hash, not the password. */
export function isHexDigest(value: string): boolean {
  return /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})$/i.test(value);
}

const WORDS = new Set([
  'true',
  'false',
  'null',
  'none',
  'nil',
  'undefined',
  'required',
  'optional',
  'string',
  'secret',
  'password',
  'token',
  'empty',
  'unset',
  'todo',
  'tbd',
  'hidden',
  'masked',
  'sensitive',
  'prompt',
  'ask',
  'yes',
  'no',
  'on',
  'off',
]);

/**
 * A word a person would type in a config instead of a secret, or code instead of a value: too
 * short, one repeated class of characters, a dictionary-like word, an identifier path
 * (`settings.DB_PASSWORD`), a file path or a URL without credentials.
 */
export function isLowEntropyWord(value: string): boolean {
  if (value.length < 6) return true;
  if (WORDS.has(value.toLowerCase())) return true;
  if (shannonEntropy(value) < 2.5) return true;
  // Lowercase words joined by separators: `my_secret_value`, `db-password`, `change.this`.
  if (/^[a-z]+(?:[_.\s-][a-z]+)*$/.test(value) && value.length < 24) return true;
  // UPPER_SNAKE names are variable names, not values.
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return true;
  // Letters only, short: a word; or a word with a few digits after it (`hunter2`, `summer2024`, `test1234`).
  if (/^[A-Za-z]+$/.test(value) && value.length < 12) return true;
  if (/^[A-Za-z][a-z]+[0-9!.]{1,4}$/.test(value) && value.length < 13) return true;
  // Identifiers in CamelCase or camelCase (`GetPasswordDataCommand`, `questionToken`, `?InterpolationInJSX`): names, not values.
  const bare = value.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  if (/^[A-Za-z]+$/.test(bare) && /^[a-z]*(?:[A-Z][a-z]+)+[A-Z]{0,4}$|^[a-z]+(?:[A-Z][a-z]+)*$/.test(bare)) return true;
  // Lowercase words joined by separators (`x-aws-ec2-metadata-token`, `ipam_external_resource`): names.
  if (/^[a-z][a-z0-9]*(?:[-_.][a-z][a-z0-9]*){2,}$/.test(value)) return true;
  // Versions (`3.1175.0`, `^1.2.3`) and dates.
  if (/^[~^v=<>]*\d+(?:\.\d+){1,3}(?:-[\w.]+)?$/.test(value) || /^\d{4}-\d{2}-\d{2}/.test(value)) return true;
  // Dotted identifiers and calls: code, not a value.
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?:\(\))?$/.test(value)) return true;
  if (/^(?:\/|\.\/|~\/|[A-Za-z]:\\)/.test(value)) return true;
  // Relative paths and file names (`errors/not-found.json`, `server.key`), calls and interpolations: code.
  if (/^[\w.-]+(?:\/[\w.-]+)+$/.test(value) || /\.(?:json|ya?ml|js|ts|txt|pem|key|crt|cer|env|conf|xml|html|md|sh)$/i.test(value)) return true;
  if (/[A-Za-z_$][\w$]*\(/.test(value) || value.includes('${')) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i.test(value)) return true;
  return false;
}

/** Strips one level of matching quotes and trailing separators from a raw config value. */
export function unquote(raw: string): string {
  let value = raw.trim();
  if (value.length >= 2 && /^(["'`]).*\1$/s.test(value)) value = value.slice(1, -1);
  return value;
}

const NOT_VALUES = new Set(['null', 'none', 'nil', 'undefined', 'true', 'false', 'empty', '~', '""', "''"]);

/** A value that can stand as a password: present, not a placeholder, reference, hash or default. */
export function isUsablePassword(value: string): boolean {
  if (value.length === 0 || value.length > 512 || NOT_VALUES.has(value.toLowerCase())) return false;
  if (/[\r\n]/.test(value)) return false;
  if (isPlaceholder(value) || isReference(value) || isHash(value)) return false;
  return !isDefaultPassword(value) && !isWeakWord(value);
}

/** A tutorial-grade password (a word and a few digits) in an assembled login: not worth a finding. */
function isWeakWord(value: string): boolean {
  return /^[a-z]+[0-9]{0,4}$/i.test(value) && value.length < 10;
}

/** A value the generic rule may report under a secret-sounding key. */
export function isGenericSecretValue(value: string, key = ''): boolean {
  if (!isUsablePassword(value)) return false;
  if (isLowEntropyWord(value)) return false;
  // A value that says what it is (`SomeKindOfPassword123!`, `ghp_PersonalAccessToken000…`) is an example.
  if (/pass(?:word|wd)|secret|token/i.test(value)) return false;
  // An enum or constant whose value is its own name (`v1Token: "v1Token"`, `X_TOKEN = "x-token"`).
  const letters = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (key && letters(key).endsWith(letters(value))) return false;
  // Under a password key, a digest-length hex string is a stored hash.
  if (/pass|pwd/i.test(key) && isHexDigest(value)) return false;
  return true;
}
