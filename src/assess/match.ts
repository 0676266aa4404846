/**
 * Two kinds of wildcard over canonical resource ids:
 *  - config globs (blastradius.yaml): `**` any characters, `*` any except `/`, `?` one character;
 *  - grant patterns (provider wildcards, IAM-like): `*` any characters, `?` one character.
 */
const configCache = new Map<string, RegExp>();
const grantCache = new Map<string, RegExp>();

function escapeText(ch: string): string {
  return /[.+^${}()|[\]\\]/.test(ch) ? `\\${ch}` : ch;
}

export function configGlob(glob: string): RegExp {
  let re = configCache.get(glob);
  if (!re) {
    let out = '';
    for (let i = 0; i < glob.length; i++) {
      const ch = glob[i];
      if (ch === '*' && glob[i + 1] === '*') {
        out += '.*';
        i++;
      } else if (ch === '*') out += '[^/]*';
      else if (ch === '?') out += '.';
      else out += escapeText(ch);
    }
    re = new RegExp(`^${out}$`);
    configCache.set(glob, re);
  }
  return re;
}

export function grantPattern(pattern: string): RegExp {
  let re = grantCache.get(pattern);
  if (!re) {
    re = new RegExp(`^${[...pattern].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : escapeText(ch))).join('')}$`);
    grantCache.set(pattern, re);
  }
  return re;
}

export function matchesConfig(id: string, globs: readonly string[]): string | undefined {
  return globs.find((g) => configGlob(g).test(id));
}

/** Does a grant on `pattern` reach `id`? `id` may itself be a config glob (resources named only in the config). */
export function grantCovers(pattern: string, id: string): boolean {
  if (pattern === id) return true;
  return grantPattern(pattern).test(id);
}

export function isWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}
