/** What the field readers produce: key/value fields and the blocks they sit in. */
export interface Field {
  key: string;
  value: string;
  /** 0-based line and offset of the value in the text. */
  line: number;
  offset: number;
  block: number;
  /** Set by format readers that know the part a value plays (a .pgpass column, a CLI flag). */
  role?: Role;
  /** Set by format readers that know the kind of login (a `mysql` command line): a login scheme. */
  scheme?: string;
}

export type Role = 'host' | 'port' | 'user' | 'password' | 'database' | 'driver' | 'url';

export interface Block {
  id: number;
  name: string;
  parent: number | undefined;
  /** YAML anchor defined on this block (`default: &default`). */
  anchor?: string;
  /** YAML aliases merged into this block (`<<: *default`). */
  merges: string[];
  /** One login per block (a .pgpass line, a command line): key prefixes do not split it. */
  single?: boolean;
}

export interface Fields {
  fields: Field[];
  blocks: Block[];
}

export class BlockTree {
  readonly blocks: Block[] = [{ id: 0, name: '', parent: undefined, merges: [] }];

  open(name: string, parent: number, anchor?: string): number {
    const id = this.blocks.length;
    this.blocks.push({ id, name, parent, merges: [], ...(anchor ? { anchor } : {}) });
    return id;
  }
}

export interface Reader {
  line(raw: string, line: number, offset: number): void;
}

export function isComment(trimmed: string): boolean {
  return /^(?:#|\/\/|;|--|\*|\/\*|<!--|REM\s)/i.test(trimmed);
}
