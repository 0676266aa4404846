// SHOW GRANTS output: https://dev.mysql.com/doc/refman/8.4/en/show-grants.html and
// https://mariadb.com/kb/en/show-grants/ — one GRANT statement per row. Rows are parsed into
// privileges, objects and grantees only: MariaDB prints the password hash in the same row
// (IDENTIFIED BY PASSWORD '*…'), so a raw row is never kept or shown.

/** What a GRANT row applies to. */
export type GrantObject =
  | { level: 'global' }
  | { level: 'database'; database: string }
  | { level: 'table'; database: string; table: string }
  | { level: 'routine'; routineType: string; database: string; routine: string };

export type GrantRow =
  | { kind: 'privileges'; privileges: { name: string; columns?: string[] }[]; object: GrantObject; grantee: string; grantOption: boolean }
  | { kind: 'roles'; roles: string[]; grantee: string; adminOption: boolean }
  | { kind: 'proxy'; proxied: string; grantee: string; grantOption: boolean }
  | { kind: 'revoke'; privileges: string[]; object: GrantObject }
  | { kind: 'unparsed' };

type Token = { t: 'id' | 'str' | 'word' | 'punct'; v: string };

function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '`' || ch === "'" || ch === '"') {
      let value = '';
      i++;
      while (i < text.length) {
        if (text[i] === '\\' && ch !== '`') {
          value += text[i + 1] ?? '';
          i += 2;
        } else if (text[i] === ch && text[i + 1] === ch) {
          value += ch;
          i += 2;
        } else if (text[i] === ch) {
          i++;
          break;
        } else value += text[i++];
      }
      tokens.push({ t: ch === '`' ? 'id' : 'str', v: value });
    } else if (/[A-Za-z0-9_$]/.test(ch)) {
      const word = /^[A-Za-z0-9_$]+/.exec(text.slice(i))![0];
      tokens.push({ t: 'word', v: word });
      i += word.length;
    } else {
      tokens.push({ t: 'punct', v: ch });
      i++;
    }
  }
  return tokens;
}

const isWord = (token: Token | undefined, word: string) => token?.t === 'word' && token.v.toUpperCase() === word;

/** `name` or `name`@`host` from position i; returns the account and the next position. */
function account(tokens: Token[], i: number): { name: string; next: number } {
  const first = tokens[i];
  if (!first) return { name: '', next: i };
  let name = first.v;
  let next = i + 1;
  if (tokens[next]?.v === '@' && tokens[next + 1]) {
    name += `@${tokens[next + 1].v}`;
    next += 2;
  }
  return { name, next };
}

function parseObject(tokens: Token[], start: number): { object: GrantObject; next: number } | undefined {
  let i = start;
  let routineType: string | undefined;
  if (['PROCEDURE', 'FUNCTION', 'PACKAGE'].some((w) => isWord(tokens[i], w))) {
    routineType = tokens[i++].v.toUpperCase();
    if (isWord(tokens[i], 'BODY')) routineType += ` ${tokens[i++].v.toUpperCase()}`;
  }
  const first = tokens[i];
  if (!first) return undefined;
  if (tokens[i + 1]?.v !== '.') {
    // `*` alone means the default database at GRANT time; SHOW GRANTS prints it resolved.
    return first.v === '*' ? { object: { level: 'global' }, next: i + 1 } : undefined;
  }
  const second = tokens[i + 2];
  if (!second) return undefined;
  const next = i + 3;
  if (first.v === '*' && second.v === '*') return { object: { level: 'global' }, next };
  if (routineType) return { object: { level: 'routine', routineType, database: first.v, routine: second.v }, next };
  if (second.t === 'punct' && second.v === '*') return { object: { level: 'database', database: first.v }, next };
  return { object: { level: 'table', database: first.v, table: second.v }, next };
}

/** The privilege list between GRANT/REVOKE and ON: names (multi-word) with optional column lists. */
function parsePrivileges(tokens: Token[]): { name: string; columns?: string[] }[] {
  const out: { name: string; columns?: string[] }[] = [];
  let words: string[] = [];
  let columns: string[] | undefined;
  let depth = 0;
  const flush = () => {
    if (words.length) out.push({ name: words.join(' ').toUpperCase(), ...(columns ? { columns } : {}) });
    words = [];
    columns = undefined;
  };
  for (const token of tokens) {
    if (token.v === '(' && token.t === 'punct') {
      depth++;
      columns = [];
    } else if (token.v === ')' && token.t === 'punct') depth--;
    else if (depth > 0) {
      if (token.t !== 'punct') columns?.push(token.v);
    } else if (token.v === ',' && token.t === 'punct') flush();
    else if (token.t === 'word' || token.t === 'id') words.push(token.v);
  }
  flush();
  return out;
}

/** Index of the first top-level (outside parentheses) word `word`, from `from`. */
function topLevel(tokens: Token[], word: string, from = 0): number {
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.t === 'punct' && token.v === '(') depth++;
    else if (token.t === 'punct' && token.v === ')') depth--;
    else if (depth === 0 && isWord(token, word)) return i;
  }
  return -1;
}

const hasOption = (tokens: Token[], from: number, option: string) =>
  tokens.slice(from).some((token, i, rest) => isWord(token, 'WITH') && isWord(rest[i + 1], option) && isWord(rest[i + 2], 'OPTION'));

/** One SHOW GRANTS row, parsed. */
export function parseGrantRow(row: string): GrantRow {
  const tokens = lex(row);
  const verb = tokens[0]?.v.toUpperCase();
  if (verb !== 'GRANT' && verb !== 'REVOKE') return { kind: 'unparsed' };
  const on = topLevel(tokens, 'ON', 1);
  const to = topLevel(tokens, verb === 'GRANT' ? 'TO' : 'FROM', 1);
  if (to < 0) return { kind: 'unparsed' };
  if (verb === 'REVOKE') {
    const parsed = on > 0 ? parseObject(tokens, on + 1) : undefined;
    return parsed ? { kind: 'revoke', privileges: parsePrivileges(tokens.slice(1, on)).map((p) => p.name), object: parsed.object } : { kind: 'unparsed' };
  }
  const grantee = account(tokens, to + 1);
  if (on < 0 || on > to) {
    const roles: string[] = [];
    for (let i = 1; i < to; ) {
      if (tokens[i].v === ',') {
        i++;
        continue;
      }
      const role = account(tokens, i);
      roles.push(role.name);
      i = role.next;
    }
    return { kind: 'roles', roles, grantee: grantee.name, adminOption: hasOption(tokens, grantee.next, 'ADMIN') };
  }
  const privileges = parsePrivileges(tokens.slice(1, on));
  if (privileges.length === 1 && privileges[0].name === 'PROXY') {
    return { kind: 'proxy', proxied: account(tokens, on + 1).name, grantee: grantee.name, grantOption: hasOption(tokens, grantee.next, 'GRANT') };
  }
  const parsed = parseObject(tokens, on + 1);
  if (!parsed) return { kind: 'unparsed' };
  return { kind: 'privileges', privileges, object: parsed.object, grantee: grantee.name, grantOption: hasOption(tokens, grantee.next, 'GRANT') };
}
