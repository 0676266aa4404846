import { unquote } from '../values.js';
import { CodeReader } from './code-reader.js';
import { BlockTree, type Block, type Field, type Fields, type Reader, isComment } from './field-types.js';

export type { Block, Field, Fields, Role } from './field-types.js';

/**
 * Key/value fields of a configuration file, with the block each sits in, read leniently from any
 * of the usual syntaxes: dotenv and shell, INI, Java properties, YAML (indentation, anchors and
 * `<<:` merges, lists), and brace languages (JSON, JS/TS objects, PHP arrays and `define()`,
 * Python dicts, Ruby hashes, HCL/Prisma blocks) plus simple XML elements. It never evaluates
 * anything: a value that is code (a call, a variable) is not a field.
 */

/** How a file is read: to the end of each line, by YAML indentation, as a brace language, or by a format reader alone. */
export type Syntax = 'line' | 'yaml' | 'code' | 'none';

const LINE_FILES =
  /(?:^|\/)(?:\.env[^/]*|[^/]*\.env|[^/]*\.(?:properties|ini|cfg|cnf|conf|toml|sh|bash|zsh|npmrc|s3cfg|pgpass)|\.s3cfg|\.my\.cnf|\.npmrc|\.pgpass|credentials|config|Dockerfile|[^/]*_history|\.?history)$/i;
const YAML_FILES = /\.ya?ml$/i;
// Fields read per file: far more than a config holds; a generated or hostile file stops there.
const MAX_FIELDS = 50_000;

/** The syntax a file is read in, from its name (content-sniffing would cost a pass over every file). */
export function syntaxOf(path: string): Syntax {
  // Formats with a reader of their own (src/detect/assemble/formats.ts).
  if (/(?:^|\/)(?:[._]netrc|\.pgpass|pgpass\.conf|\.bash_history|\.zsh_history|\.sh_history|\.history|fish_history|\.histfile)$/.test(path)) return 'none';
  if (YAML_FILES.test(path)) return 'yaml';
  if (LINE_FILES.test(path)) return 'line';
  return 'code';
}

/** Reads the fields of `text` in the syntax of `path`. */
export function readFields(text: string, path: string, syntax: Syntax = syntaxOf(path)): Fields {
  const tree = new BlockTree();
  const fields: Field[] = [];
  if (syntax === 'none') return { fields, blocks: tree.blocks };
  const reader = syntax === 'yaml' ? new YamlReader(tree, fields) : syntax === 'line' ? new LineReader(tree, fields) : new CodeReader(tree, fields);
  let start = 0;
  for (let line = 0; start <= text.length && fields.length < MAX_FIELDS; line++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const raw = text.slice(start, end).replace(/\r$/, '');
    if (raw.length <= 4096) reader.line(raw, line, start);
    start = end + 1;
  }
  return { fields, blocks: tree.blocks };
}

/** dotenv, shell, INI, properties: `KEY=value`, `export KEY=value`, `key = value`, `[section]`. */
class LineReader implements Reader {
  #section: number;

  constructor(
    private readonly tree: BlockTree,
    private readonly fields: Field[],
    private readonly root = 0,
  ) {
    this.#section = root;
  }

  line(raw: string, line: number, offset: number): void {
    const trimmed = raw.trim();
    if (trimmed === '' || isComment(trimmed)) return;
    const section = /^\[([^\]\n]{1,128})\]$/.exec(trimmed);
    if (section) {
      this.#section = this.tree.open(section[1].trim(), this.root);
      return;
    }
    const match = /^(\s*(?:export\s+|set\s+(?:-[gxlU]+\s+)*|ENV\s+|setenv\s+)?)([A-Za-z_][A-Za-z0-9_.\-/:]{0,127}?)(\s*(?:=|:|\s)\s*)(.*)$/.exec(raw);
    if (!match || (match[3].trim() === '' && !/^(?:set|ENV|setenv)\s/.test(match[1].trim() + ' '))) return;
    const value = lineValue(match[4]);
    if (value === undefined) return;
    const at = raw.indexOf(value.text, match[1].length + match[2].length + match[3].length) + (value.text === value.value ? 0 : 1);
    this.fields.push({ key: match[2], value: value.value, line, offset: offset + Math.max(at, 0), block: this.#section });
  }
}

/** A value to the end of the line: quotes removed, a trailing ` # comment` dropped. */
function lineValue(rest: string): { value: string; text: string } | undefined {
  let text = rest.trim();
  if (/^["']/.test(text)) {
    const quote = text[0];
    const close = text.indexOf(quote, 1);
    if (close > 0) text = text.slice(0, close + 1);
  } else {
    text = text
      .replace(/\s+#.*$/, '')
      .replace(/;$/, '')
      .trim();
  }
  if (text === '') return undefined;
  return { value: unquote(text), text };
}

/** YAML by indentation: mapping keys open blocks, `&anchor` and `<<: *alias` are remembered. */
class YamlReader implements Reader {
  #stack: { indent: number; block: number }[] = [{ indent: -1, block: 0 }];
  // The lines of a `key: |` block scalar (an embedded .env or properties file) are read as lines.
  #scalar: { indent: number; reader: LineReader } | undefined;

  constructor(
    private readonly tree: BlockTree,
    private readonly fields: Field[],
  ) {}

  line(raw: string, line: number, offset: number): void {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed === '---' || trimmed === '...') return;
    let indent = raw.length - raw.trimStart().length;
    if (this.#scalar && indent > this.#scalar.indent) {
      this.#scalar.reader.line(raw, line, offset);
      return;
    }
    this.#scalar = undefined;
    let body = raw.slice(indent);
    let bodyAt = indent;
    // A list item: its mapping keys sit one level deeper, in a block of their own.
    let item = false;
    while (body.startsWith('- ') || body === '-') {
      item = true;
      this.#pop(indent);
      const rest = body.slice(2);
      const skip = rest.length - rest.trimStart().length;
      indent += 2 + skip;
      bodyAt += 2 + skip;
      body = rest.trimStart();
    }
    this.#pop(indent);
    let parent = this.#stack[this.#stack.length - 1].block;
    const pair = /^(["']?)([^"'#\s][^:#]{0,127}?|[^"']{1,128})\1\s*:(?:\s+|$)(.*)$/.exec(body);
    if (item && pair) {
      // Each list item of mappings is its own block (a list of connections).
      parent = this.tree.open('', parent);
      this.#stack.push({ indent: indent - 1, block: parent });
    }
    if (!pair) {
      if (!item || body === '') return;
      // `- KEY=value` (compose environment lists) or a scalar item (`hosts: [- db1:27017]`).
      const env = /^([A-Za-z_][A-Za-z0-9_.]{0,127})=(.*)$/.exec(unquote(body));
      if (env) {
        const value = unquote(env[2]);
        if (value) this.fields.push({ key: env[1], value, line, offset: offset + bodyAt + body.indexOf(env[2]), block: parent });
        return;
      }
      const owner = this.tree.blocks[parent];
      const value = yamlScalar(body);
      if (value && owner.name) this.fields.push({ key: owner.name, value, line, offset: offset + bodyAt, block: owner.parent ?? 0 });
      return;
    }
    const key = pair[2].trim();
    const rest = pair[3].replace(/\s+#.*$/, '').trim();
    const anchor = /^&([\w-]+)$/.exec(rest)?.[1];
    if (/^[|>][-+]?\d?$/.test(rest)) {
      this.#scalar = { indent, reader: new LineReader(this.tree, this.fields, this.tree.open(key, parent)) };
      return;
    }
    if (rest === '' || anchor) {
      const block = this.tree.open(key, parent, anchor);
      this.#stack.push({ indent, block });
      return;
    }
    if (key === '<<') {
      for (const alias of rest.matchAll(/\*([\w-]+)/g)) this.tree.blocks[parent].merges.push(alias[1]);
      return;
    }
    if (rest.startsWith('{')) {
      // A flow mapping on one line: its pairs belong to a block named by the key.
      const block = this.tree.open(key, parent);
      new CodeReader(this.tree, this.fields, block).line(rest, line, offset + bodyAt + body.indexOf(rest));
      return;
    }
    const value = yamlScalar(rest);
    if (value === undefined) return;
    const at = bodyAt + body.indexOf(rest) + Math.max(0, rest.indexOf(value));
    this.fields.push({ key, value, line, offset: offset + at, block: parent });
  }

  #pop(indent: number): void {
    while (this.#stack.length > 1 && this.#stack[this.#stack.length - 1].indent >= indent) this.#stack.pop();
  }
}

function yamlScalar(rest: string): string | undefined {
  const text = rest.replace(/^!!?[\w/]+\s+/, '').trim();
  if (text === '' || text.startsWith('*') || text.startsWith('[')) return undefined;
  return unquote(text);
}

/** The names of a block and its ancestors, innermost first. */
export function blockPath(blocks: readonly Block[], id: number): string[] {
  const names: string[] = [];
  for (let at: number | undefined = id; at !== undefined; at = blocks[at].parent) if (blocks[at].name) names.push(blocks[at].name);
  return names;
}
