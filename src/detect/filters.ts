/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

// Documented example values are never real credentials. AWS's documented keys all end in
// EXAMPLE or EXAMPLEKEY: the /EXAMPLE/ pattern below drops them, so none is spelled out here.
const KNOWN_EXAMPLES = [
  // The UUIDs of RFC 4122 tutorials and API documentation.
  '550e8400-e29b-41d4-a716-446655440000',
  '123e4567-e89b-12d3-a456-426614174000',
  '123e4567-e89b-12d3-a456-426655440000',
];

const PLACEHOLDER_PATTERNS: RegExp[] = [
  /x{4,}/i, // xxxx
  /\*{4,}/, // ****
  /\.{3}|…/, // sk_live_...
  /\$\{[^}]*\}/, // ${VAR}
  /\{\{[^}]*\}\}/, // {{ secrets.X }}
  /<[^>]{2,}>/, // <your-token>
  /process\.env\./,
  /%[A-Z_]{3,}%/, // %VAR%
  /\b(?:changeme|change_me|placeholder|your[_-]?(?:api[_-]?)?(?:key|token|secret|password)|example|dummy|redacted|insert[_-]?here|replace[_-]?me|foobar)\b/i,
  /^(.)\1+$/, // one repeated character
  /(?:0123456789|abcdefghij|1234567890)/i,
  /EXAMPLE/, // AWS documentation keys (…EXAMPLEKEY, AKIA…EXAMPLE) and their kin
];

/** True when the secret (or the password of a URL) looks like a placeholder or a documented example. */
export function isPlaceholder(secret: string): boolean {
  if (KNOWN_EXAMPLES.some((example) => secret.includes(example))) return true;
  return PLACEHOLDER_PATTERNS.some((pattern) => pattern.test(secret));
}
