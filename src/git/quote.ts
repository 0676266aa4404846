const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/**
 * A path as git prints it in patch headers: C-quoted ("b/new\nline.txt", octal bytes for
 * non-ASCII when core.quotePath is on) or bare, with a trailing tab when it contains a space.
 */
export function unquotePatchPath(raw: string): string {
  if (!raw.startsWith('"')) return raw.endsWith('\t') ? raw.slice(0, -1) : raw;
  const bytes: number[] = [];
  for (let i = 1; i < raw.length; i++) {
    const c = raw[i];
    if (c === '"') break;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = raw[++i];
    const octal = /^[0-7]{3}/.exec(raw.slice(i, i + 3));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 2;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Strips git's `a/` / `b/` prefix from an unquoted patch path. */
export function stripPrefix(path: string, prefix: 'a/' | 'b/'): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}
