import type { Block, Fields, Role } from './fields.js';
import type { LoginKinds } from './kinds.js';

/**
 * Credential files whose format is not key/value: each reader turns one into fields whose part
 * (`role`) it knows, one block per login.
 *   .pgpass   `hostname:port:database:username:password`, `\:` escapes, `*` wildcards
 *             https://www.postgresql.org/docs/current/libpq-pgpass.html
 *   .netrc    `machine HOST login USER password PASS` tokens, across lines; `default`; `macdef` bodies
 *             https://www.gnu.org/software/inetutils/manual/html_node/The-_002enetrc-file.html
 *   shell history (bash, zsh extended `: time:0;cmd`, fish `- cmd: …`): client command lines
 *             whose flags the rules' `login.cli` describe, and `VAR=value` before a command.
 */
export const PGPASS_FILES = /(?:^|\/)\.pgpass$|(?:^|\/)pgpass\.conf$/;
export const NETRC_FILES = /(?:^|\/)[._]netrc$/;
export const HISTORY_FILES = /(?:^|\/)(?:\.bash_history|\.zsh_history|\.sh_history|\.history|fish_history|\.histfile)$/;

export function isFormatFile(path: string): boolean {
  return PGPASS_FILES.test(path) || NETRC_FILES.test(path) || HISTORY_FILES.test(path);
}

/** Appends the fields of a known credential format to `into` (one new block per login). */
export function readFormat(text: string, path: string, kinds: LoginKinds, into: Fields): void {
  if (PGPASS_FILES.test(path)) readPgpass(text, into);
  else if (NETRC_FILES.test(path)) readNetrc(text, into);
  else if (HISTORY_FILES.test(path)) readHistory(text, kinds, into);
}

function newBlock(into: Fields, name: string): number {
  const block: Block = { id: into.blocks.length, name, parent: 0, merges: [], single: true };
  into.blocks.push(block);
  return block.id;
}

function forEachLine(text: string, visit: (line: string, index: number, offset: number) => void): void {
  let start = 0;
  for (let index = 0; start <= text.length; index++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    visit(text.slice(start, end).replace(/\r$/, ''), index, start);
    start = end + 1;
  }
}

function readPgpass(text: string, into: Fields): void {
  const roles: Role[] = ['host', 'port', 'database', 'user', 'password'];
  forEachLine(text, (line, index, offset) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const columns: { value: string; at: number }[] = [];
    let current = '';
    let at = 0;
    for (let i = 0; i < line.length; i++) {
      if (line[i] === '\\' && i + 1 < line.length) current += line[++i];
      else if (line[i] === ':' && columns.length < 4) {
        columns.push({ value: current, at });
        current = '';
        at = i + 1;
      } else current += line[i];
    }
    columns.push({ value: current, at });
    if (columns.length !== 5) return;
    const block = newBlock(into, '');
    columns.forEach((column, i) => {
      // `*` matches anything: it names no host, port, database or user.
      if (column.value === '' || column.value === '*') return;
      into.fields.push({ key: roles[i], value: column.value, line: index, offset: offset + column.at, block, role: roles[i] });
    });
  });
}

function readNetrc(text: string, into: Fields): void {
  const tokens: { word: string; line: number; offset: number }[] = [];
  let inMacro = false;
  forEachLine(text, (line, index, offset) => {
    if (inMacro) {
      if (line.trim() === '') inMacro = false;
      return;
    }
    for (const match of line.matchAll(/"((?:\\.|[^"\\])*)"|(\S+)/g)) {
      const word = match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2];
      if (word.startsWith('#') && match[1] === undefined) break;
      tokens.push({ word, line: index, offset: offset + match.index + (match[1] !== undefined ? 1 : 0) });
    }
    if (tokens.some((t) => t.line === index && t.word === 'macdef')) inMacro = true;
  });
  let block = -1;
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i].word;
    if (word === 'machine' || word === 'default') {
      block = newBlock(into, word);
      if (word === 'machine' && tokens[i + 1]) push(into, 'host', tokens[++i], block);
    } else if (block >= 0 && (word === 'login' || word === 'password' || word === 'account') && tokens[i + 1]) {
      const next = tokens[++i];
      if (word !== 'account') push(into, word === 'login' ? 'user' : 'password', next, block);
    }
  }
}

function push(into: Fields, role: Role, token: { word: string; line: number; offset: number }, block: number): void {
  into.fields.push({ key: role, value: token.word, line: token.line, offset: token.offset, block, role });
}

function readHistory(text: string, kinds: LoginKinds, into: Fields): void {
  forEachLine(text, (raw, index, offset) => {
    // zsh extended history `: 1700000000:0;command`, fish `- cmd: command`.
    const lead = /^(?::\s*\d+:\d+;|-\s+cmd:\s+)/.exec(raw)?.[0].length ?? 0;
    const line = raw.slice(lead);
    if (line.length > 4096) return;
    const words = shellWords(line).map((w) => ({ ...w, at: w.at + lead }));
    let block = -1;
    const blockOf = () => (block >= 0 ? block : (block = newBlock(into, '')));
    let i = 0;
    // `PGPASSWORD=… psql …`: assignments before the command travel with it.
    for (; i < words.length; i++) {
      const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/s.exec(words[i].word);
      if (!assignment || words[i].word === 'export') {
        if (words[i].word === 'export') continue;
        break;
      }
      const at = offset + Math.max(raw.indexOf(assignment[2], words[i].at), words[i].at + assignment[1].length + 1);
      into.fields.push({ key: assignment[1], value: assignment[2], line: index, offset: at, block: blockOf() });
    }
    if (i >= words.length) return;
    const command = words[i].word.split('/').pop()!;
    const kind = kinds.byCommand(command);
    const cli = kind?.cli;
    if (!kind || !cli) return;
    const flagRole = (flag: string): Role | undefined => (['host', 'port', 'user', 'password', 'database'] as const).find((role) => cli[role]?.includes(flag));
    let positional = false;
    for (let j = i + 1; j < words.length; j++) {
      const { word, at } = words[j];
      if (!word.startsWith('-')) {
        if (cli.databaseArgument && !positional && /^[\w.$-]{1,64}$/.test(word)) {
          into.fields.push({ key: 'database', value: word, line: index, offset: offset + at, block: blockOf(), role: 'database', scheme: kind.scheme });
        }
        positional = true;
        continue;
      }
      const long = /^(--[A-Za-z-]+)=(.*)$/s.exec(word);
      const short = /^(-[A-Za-z])(.+)$/s.exec(word);
      let role: Role | undefined;
      let value: string | undefined;
      let valueAt = at;
      if (long && flagRole(long[1])) {
        role = flagRole(long[1]);
        value = long[2];
        valueAt = at + long[1].length + 1;
      } else if (short && flagRole(short[1])) {
        role = flagRole(short[1]);
        value = short[2];
        valueAt = at + 2;
      } else if (flagRole(word) && !cli.attached?.includes(word) && words[j + 1]) {
        role = flagRole(word);
        value = words[++j].word;
        valueAt = words[j].at;
      }
      if (role && value) into.fields.push({ key: role, value, line: index, offset: offset + valueAt, block: blockOf(), role, scheme: kind.scheme });
    }
    // The command alone names the kind, for assignments before it (`PGPASSWORD=…`).
    if (block >= 0)
      into.fields.push({ key: 'driver', value: kind.scheme, line: index, offset: offset + words[i].at, block, role: 'driver', scheme: kind.scheme });
  });
}

/** Shell words with their start column: quotes removed, no expansion. */
function shellWords(line: string): { word: string; at: number }[] {
  const words: { word: string; at: number }[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i])) i++;
    if (i >= line.length || line[i] === '#') break;
    if (line[i] === '|' || line[i] === ';' || line[i] === '&') break;
    const start = i;
    let word = '';
    let quotedStart = -1;
    while (i < line.length && !/[\s|;&]/.test(line[i])) {
      const ch = line[i];
      if (ch === '"' || ch === "'") {
        const close = line.indexOf(ch, i + 1);
        if (close === -1) return words;
        if (quotedStart === -1 && word === '') quotedStart = i + 1;
        word += line.slice(i + 1, close);
        i = close + 1;
      } else if (ch === '\\' && i + 1 < line.length) {
        word += line[i + 1];
        i += 2;
      } else {
        word += ch;
        i++;
      }
    }
    words.push({ word, at: quotedStart === start + 1 ? quotedStart : start });
  }
  return words;
}
