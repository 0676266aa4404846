/** Named structure/checksum validators a rule can require (`validate:` in the rule file). */
import { keyWords } from './assemble/roles.js';
import { isEncryptedKey } from './private-keys.js';
import { isGenericSecretValue } from './values.js';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62(value: number, width: number): string {
  let out = '';
  let n = value;
  do {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out.padStart(width, '0');
}

/**
 * GitHub (2021 format) and npm tokens end in 6 base62 characters: the CRC32 of the random body
 * between the 4-character prefix and the checksum. A wrong checksum means a made-up token.
 * https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
 */
function crc32TokenChecksum(secret: string): boolean {
  if (secret.length < 4 + 6 + 20) return false;
  const body = secret.slice(4, -6);
  return base62(crc32(body), 6) === secret.slice(-6);
}

/** The 2026 stateless installation token `ghs_<APPID>_<JWT>` carries a JWT, not a checksum. */
function githubInstallationToken(secret: string): boolean {
  if (/^ghs_[A-Za-z0-9]{36}$/.test(secret)) return crc32TokenChecksum(secret);
  const match = /^ghs_(\d+)_([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(secret);
  return match !== null && decodeJwtPayload(match[2]) !== undefined;
}

export function decodeJwtPayload(jwt: string): Record<string, unknown> | undefined {
  const parts = jwt.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function supabaseServiceRole(secret: string): boolean {
  const payload = decodeJwtPayload(secret);
  return payload?.role === 'service_role';
}

/** AWS access key ids are 20 characters of base32 after a known 4-letter prefix. */
function awsKeyId(secret: string): boolean {
  const keyId = secret.split(':')[0];
  return /^(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}$/.test(keyId);
}

function gcpServiceAccount(secret: string): boolean {
  return /-----BEGIN (?:RSA )?PRIVATE KEY-----/.test(secret.replace(/\\n/g, '\n'));
}

/** Azure storage account keys are 64 random bytes in base64. */
function azureStorageKey(secret: string): boolean {
  return /^[A-Za-z0-9+/]{86}==$/.test(secret) && Buffer.from(secret, 'base64').length === 64;
}

/** A SAS token needs a signature, a version and its permissions (or a stored policy id). */
function azureSas(secret: string): boolean {
  const params = new URLSearchParams(secret);
  return (params.get('sig') ?? '').length >= 30 && params.has('sv') && (params.has('sp') || params.has('si'));
}

/** Basic-auth material: base64 of "user:password" with a password of 8 or more characters. */
function basicAuthPair(secret: string): boolean {
  const decoded = Buffer.from(secret, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 && decoded.length - colon - 1 >= 8 && !/[\u0000-\u001f]/.test(decoded);
}

/** base64 of printable text (npm's `_password`). */
function base64Text(secret: string): boolean {
  const decoded = Buffer.from(secret, 'base64').toString('utf8');
  return decoded.length >= 6 && !/[\u0000-\u001f\ufffd]/.test(decoded);
}

// Words that make a key about something other than the secret itself: its hash, its rules, where it is.
const NOT_SECRET_KEY = new Set([
  'hash',
  'hashed',
  'digest',
  'salt',
  'url',
  'uri',
  'endpoint',
  'path',
  'file',
  'dir',
  'name',
  'type',
  'length',
  'len',
  'min',
  'max',
  'ttl',
  'expiry',
  'expires',
  'expiration',
  'count',
  'id',
  'prompt',
  'policy',
  'field',
  'label',
  'placeholder',
  'regex',
  'pattern',
  'header',
  'param',
  'reset',
  'confirm',
  'confirmation',
  'enabled',
  'required',
  'format',
  'version',
  'limit',
  'size',
  'timeout',
  'csrf',
  'xsrf',
  'next',
  'page',
  'cursor',
  'continuation',
  'kind',
  'mode',
  'public',
  'publishable',
  'display',
  'input',
  'error',
  'message',
  'text',
  'title',
  'description',
  'help',
  'hint',
  'ref',
  'key_ref',
  'location',
  'store',
  'provider',
  'providers',
  'source',
  'sources',
  'command',
  'exception',
  'error',
  'state',
  'index',
  'kind',
  'range',
  'line',
  'span',
  'node',
  'list',
  'present',
  'available',
  'output',
  'feature',
  'middleware',
  'signer',
  'env',
  'var',
  'variable',
  'generator',
  'strength',
  'lifetime',
  'storage',
  'encoding',
  'algorithm',
  'alg',
  'method',
  'usage',
  'scope',
  'scopes',
  'audience',
  'issuer',
  'rotation',
  'sample',
  'example',
  'test',
  'fake',
  'dummy',
  'mock',
]);
const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'secret', 'token', 'apikey', 'privatekey', 'secretkey']);

/** A generic secret's key must say secret and nothing that makes it about something else; its value must look like one. */
function genericSecret(secret: string, key?: string): boolean {
  if (!key) return false;
  const words = keyWords(key);
  const joined = words.join('');
  const says = words.some((w) => SECRET_WORDS.has(w)) || /api_?key|private_?key/.test(words.join('_')) || joined.endsWith('apikey');
  if (!says || words.some((w) => NOT_SECRET_KEY.has(w))) return false;
  return isGenericSecretValue(secret, key);
}

export const validators: Record<string, (secret: string, key?: string) => boolean> = {
  'github-checksum': crc32TokenChecksum,
  'github-installation': githubInstallationToken,
  'npm-checksum': crc32TokenChecksum,
  'supabase-service-role': supabaseServiceRole,
  'aws-key-id': awsKeyId,
  'gcp-service-account': gcpServiceAccount,
  'azure-storage-key': azureStorageKey,
  'azure-sas': azureSas,
  'basic-auth-pair': basicAuthPair,
  'base64-text': base64Text,
  'generic-secret': genericSecret,
  'private-key-clear': (secret) => isEncryptedKey(secret) === false,
  'private-key-encrypted': (secret) => isEncryptedKey(secret) === true,
};

export const validatorNames = Object.keys(validators);
