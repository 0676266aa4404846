const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ACCOUNT_MASK = 0x7fffffffff80n;

/**
 * The 12-digit account id encoded in an access key id, without asking AWS: the 16 characters
 * after the 4-letter prefix are base32; bits 1..40 of the first 6 bytes hold the account.
 * Published decoding (Aidan Steele, Tal Be'ery; ASIAY34FZKBOKMUTVV7A → 609629065308).
 * Old-generation key ids (first character after the prefix in A–P, e.g. AKIAI…) do not
 * carry the account: undefined for them, and for anything that is not a key id.
 */
export function accountIdFromKeyId(keyId: string): string | undefined {
  const match = /^(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA|AGPA|ANPA|ANVA|APKA|ASCA|AIPA)([A-Z2-7]{16})$/.exec(keyId);
  if (!match) return undefined;
  const body = match[1];
  if (BASE32.indexOf(body[0]) < 16) return undefined;
  let bits = 0n;
  for (const char of body.slice(0, 10)) bits = (bits << 5n) | BigInt(BASE32.indexOf(char));
  // 10 characters = 50 bits; the first 6 bytes are the top 48 of them.
  const firstSixBytes = bits >> 2n;
  const account = (firstSixBytes & ACCOUNT_MASK) >> 7n;
  return account.toString().padStart(12, '0');
}

/** Splits the scanner's `KEYID:SECRET` form; undefined when it is not that shape. */
export function splitCredential(secret: string): { accessKeyId: string; secretAccessKey: string } | undefined {
  const colon = secret.indexOf(':');
  if (colon <= 0 || colon === secret.length - 1) return undefined;
  return { accessKeyId: secret.slice(0, colon), secretAccessKey: secret.slice(colon + 1) };
}
