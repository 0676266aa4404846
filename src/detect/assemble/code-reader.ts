import type { BlockTree, Field, Reader } from './field-types.js';

// One token of a brace language, in the order they appear on a line.
const CODE_TOKEN = new RegExp(
  [
    // define('DB_PASSWORD', 'value')  (PHP)
    String.raw`\bdefine\s*\(\s*(['"])([\w.-]{1,128})\1\s*,\s*(['"])((?:\\.|(?!\3)[^\\]){0,512})\3`,
    // key: "value" / 'key' => 'value' / "key": "value" / key = "value" / key := "value"
    // (keys start at the start of an identifier: a pattern tried inside every identifier is quadratic on minified code)
    String.raw`(?<![\w.$@-])(["']?)([A-Za-z_$@][\w.$@-]{0,127}|(?<=["'])[A-Za-z][\w .-]{0,63}(?=["']))\5\s*(?:=>|:=|:|=)\s*("(?:\\.|[^"\\]){0,512}"|'(?:\\.|[^'\\]){0,512}'|\x60[^\x60$]{0,512}\x60|-?\d{1,6}\b(?![.\w]))`,
    // key: { / 'key' => [ / KEY = { / datasource db {  (opens a named block)
    String.raw`(?<![\w.$@-])(["']?)([A-Za-z_$@][\w.$@-]{0,127})\8(?:\s*(?:=>|:|=)\s*(?:array\s*\(|\{|\[)|(?:\s+(?:"[^"]{0,128}"|[A-Za-z_][\w-]{0,63})){0,2}\s*\{)`,
    // <Tag attr="...">text</Tag>  and  <property name="k" value="v"/>
    String.raw`<([A-Za-z][\w.:-]{0,63})((?:\s+[\w:-]+="[^"]{0,128}")*)\s*>([^<>]{1,512})</\10>`,
    String.raw`<(?:property|option|entry|add)\s+(?:name|key)="([^"]{1,128})"\s+value="([^"]{0,512})"`,
    // an opening XML element on its own: a block
    String.raw`<([A-Za-z][\w.:-]{0,63})(?:\s+[\w:-]+="[^"]{0,128}")*\s*>\s*$`,
    String.raw`</([A-Za-z][\w.:-]{0,63})>`,
    String.raw`([{}\[\]()])`,
    // strings that are not values (skipped whole, so braces inside them are not counted)
    String.raw`"(?:\\.|[^"\\]){0,512}"|'(?:\\.|[^'\\]){0,512}'`,
  ].join('|'),
  'g',
);

const MAX_LINE = 1024;

/** JSON, JS/TS, PHP, Python, Ruby, HCL, XML: pairs with literal values, blocks by braces and elements. */
export class CodeReader implements Reader {
  // Brackets that open no block ([, (, a call) are kept so that their closers pop nothing else.
  #stack: { block: number; closer: string }[] = [];
  readonly #root: number;

  constructor(
    private readonly tree: BlockTree,
    private readonly fields: Field[],
    root = 0,
  ) {
    this.#root = root;
  }

  #current(): number {
    for (let i = this.#stack.length - 1; i >= 0; i--) if (this.#stack[i].block >= 0) return this.#stack[i].block;
    return this.#root;
  }

  line(raw: string, line: number, offset: number): void {
    const trimmed = raw.trim();
    // Minified code is not configuration: its lines are not read (their braces are lost with them).
    if (trimmed === '' || raw.length > MAX_LINE || /^(?:#(?!\{)|\/\/|\*|\/\*)/.test(trimmed)) return;
    const regex = new RegExp(CODE_TOKEN.source, 'g');
    let m: RegExpExecArray | null;
    while ((m = regex.exec(raw)) !== null) {
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      if (m[2] !== undefined) this.#push(m[2], m[4], raw.indexOf(m[4], m.index), line, offset, true);
      else if (m[6] !== undefined) {
        const quoted = /^["'`]/.test(m[7]);
        this.#push(m[6].trim(), quoted ? m[7].slice(1, -1) : m[7], m.index + m[0].length - m[7].length + (quoted ? 1 : 0), line, offset, quoted);
      } else if (m[9] !== undefined) this.#open(m[9], m[0].endsWith('(') ? ')' : m[0].endsWith('[') ? ']' : '}');
      else if (m[10] !== undefined) {
        const text = m[12].trim();
        if (text) this.#push(m[10], xmlText(text, m[11]), m.index + m[0].indexOf(m[12]), line, offset, true);
      } else if (m[13] !== undefined) this.#push(m[13], xmlText(m[14], ''), m.index + m[0].lastIndexOf(m[14]), line, offset, true);
      else if (m[15] !== undefined) this.#open(m[15], `</${m[15]}>`);
      else if (m[16] !== undefined) this.#close(`</${m[16]}>`);
      else if (m[17] !== undefined) {
        const ch = m[17];
        if (ch === '{') this.#open('', '}');
        else if (ch === '[' || ch === '(') this.#stack.push({ block: -1, closer: ch === '[' ? ']' : ')' });
        else this.#close(ch);
      }
    }
  }

  #open(name: string, closer: string): void {
    this.#stack.push({ block: this.tree.open(name, this.#current()), closer });
  }

  #close(closer: string): void {
    for (let i = this.#stack.length - 1; i >= 0; i--) {
      if (this.#stack[i].closer === closer) {
        this.#stack.length = i;
        return;
      }
    }
  }

  #push(key: string, value: string, at: number, line: number, offset: number, literal: boolean): void {
    if (!literal && !/^-?\d+$/.test(value)) return;
    const clean = literal ? value.replace(/\\(["'\\/])/g, '$1') : value;
    if (clean === '') return;
    this.fields.push({ key, value: clean, line, offset: offset + Math.max(at, 0), block: this.#current() });
  }
}

function xmlText(text: string, attributes: string): string {
  const decoded = text.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, (_, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCharCode(Number(e.slice(1))),
  );
  // FileZilla and others store passwords base64-encoded and say so.
  if (/encoding="base64"/i.test(attributes) && /^[A-Za-z0-9+/]+={0,2}$/.test(decoded)) return Buffer.from(decoded, 'base64').toString('utf8');
  return decoded;
}
