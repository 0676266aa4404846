/**
 * Whether a private key is encrypted, read from its own armour, so that the report says which.
 *   PEM (RFC 7468): PKCS#8 `ENCRYPTED PRIVATE KEY`, or a legacy OpenSSL `Proc-Type: 4,ENCRYPTED` header.
 *   OpenSSH (PROTOCOL.key): `openssh-key-v1\0`, then the cipher name as an SSH string ("none" = clear).
 *     https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.key
 *   PuTTY (.ppk): the `Encryption:` header ("none" = clear).
 *     https://the.earth.li/~sgtatham/putty/0.83/htmldoc/AppendixC.html
 *   OpenPGP (RFC 4880 §5.5.3, RFC 9580 §5.5.3): the first secret-key packet's S2K usage octet (0 = clear).
 * `undefined` when the armour cannot be read: such a key matches neither the clear nor the encrypted rule.
 */
export function isEncryptedKey(armoured: string): boolean | undefined {
  const text = armoured.replace(/\\n/g, '\n').replace(/\\r/g, '');
  if (/^-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(text)) return true;
  if (/^-----BEGIN OPENSSH PRIVATE KEY-----/.test(text)) return opensshEncrypted(body(text));
  if (/^-----BEGIN PGP PRIVATE KEY BLOCK-----/.test(text)) return pgpEncrypted(pgpBody(text));
  if (/^PuTTY-User-Key-File-\d+:/.test(text)) {
    const encryption = /^Encryption:\s*(\S+)/m.exec(text)?.[1];
    return encryption === undefined ? undefined : encryption !== 'none';
  }
  if (/^-----BEGIN (?:RSA |EC |DSA )?PRIVATE KEY-----/.test(text)) return /Proc-Type:\s*4,\s*ENCRYPTED/.test(text);
  return undefined;
}

function body(text: string): Buffer {
  const inner = text.replace(/^-----BEGIN [A-Z ]+-----/, '').replace(/-----END [A-Z ]+-----[\s\S]*$/, '');
  return Buffer.from(inner.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
}

function opensshEncrypted(bytes: Buffer): boolean | undefined {
  const magic = 'openssh-key-v1\0';
  if (bytes.length < magic.length + 4 || bytes.subarray(0, magic.length).toString('latin1') !== magic) return undefined;
  const length = bytes.readUInt32BE(magic.length);
  if (length > 64 || bytes.length < magic.length + 4 + length) return undefined;
  return bytes.subarray(magic.length + 4, magic.length + 4 + length).toString('latin1') !== 'none';
}

/** The base64 of an ASCII-armoured block: after the armour headers' blank line, before the `=` checksum. */
function pgpBody(text: string): Buffer {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const start = lines.findIndex((l, i) => i > 0 && l === '');
  const data = lines.slice(start + 1).filter((l) => !l.startsWith('=') && !l.startsWith('-----'));
  return Buffer.from(data.join(''), 'base64');
}

// Number of public-key MPIs before the secret part, by algorithm (RFC 9580 §9.1).
const PUBLIC_MPIS: Record<number, number> = { 1: 2, 2: 2, 3: 2, 16: 3, 17: 4, 20: 3 };
// Fixed-length native public keys (RFC 9580): X25519, X448, Ed25519, Ed448.
const NATIVE_KEY: Record<number, number> = { 25: 32, 26: 56, 27: 32, 28: 57 };

function pgpEncrypted(bytes: Buffer): boolean | undefined {
  const packet = firstPacket(bytes);
  if (packet?.tag !== 5) return undefined;
  const p = packet.body;
  const version = p[0];
  let at = 1 + 4; // version, creation time
  const algorithm = p[at++];
  if (version === 5 || version === 6)
    at += 4; // public key material length
  else if (version !== 4) return undefined;
  if (PUBLIC_MPIS[algorithm]) {
    for (let i = 0; i < PUBLIC_MPIS[algorithm]; i++) at = skipMpi(p, at);
  } else if (NATIVE_KEY[algorithm]) at += NATIVE_KEY[algorithm];
  else if (algorithm === 18 || algorithm === 19 || algorithm === 22) {
    at += 1 + p[at]; // curve OID
    at = skipMpi(p, at);
    if (algorithm === 18) at += 1 + p[at]; // KDF parameters
  } else return undefined;
  if (at >= p.length) return undefined;
  return p[at] !== 0;
}

function skipMpi(p: Buffer, at: number): number {
  if (at + 2 > p.length) return p.length;
  return at + 2 + Math.ceil(p.readUInt16BE(at) / 8);
}

function firstPacket(bytes: Buffer): { tag: number; body: Buffer } | undefined {
  if (bytes.length < 2 || (bytes[0] & 0x80) === 0) return undefined;
  const first = bytes[0];
  if (first & 0x40) {
    const tag = first & 0x3f;
    const l0 = bytes[1];
    if (l0 < 192) return { tag, body: bytes.subarray(2, 2 + l0) };
    if (l0 < 224) return { tag, body: bytes.subarray(3, 3 + ((l0 - 192) << 8) + bytes[2] + 192) };
    if (l0 === 255) return { tag, body: bytes.subarray(6, 6 + bytes.readUInt32BE(2)) };
    return undefined;
  }
  const tag = (first >> 2) & 0x0f;
  const type = first & 3;
  if (type === 0) return { tag, body: bytes.subarray(2, 2 + bytes[1]) };
  if (type === 1) return { tag, body: bytes.subarray(3, 3 + bytes.readUInt16BE(1)) };
  if (type === 2) return { tag, body: bytes.subarray(5, 5 + bytes.readUInt32BE(1)) };
  return { tag, body: bytes.subarray(1) };
}
