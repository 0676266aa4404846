import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/core/paths.js';
import { PROVIDERS } from '../src/providers/registry.js';

const src = join(packageRoot(), 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

// Places that still name providers, each with the reason and the issue that removes it.
const ALLOWED: Record<string, string> = {
  // 'postgres' here is a default password (the role of that name), not the provider.
  'detect/values.ts': 'default passwords',
};

/** String literals (quotes or backticks, no interpolation inside) of a source file, with their line; comments are not code. */
function literals(source: string): { value: string; line: number }[] {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  const text = source.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/(^|\s)\/\/.*$/gm, (m, lead: string) => lead + blank(m.slice(lead.length)));
  const out: { value: string; line: number }[] = [];
  const re = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\$]|\\.|\$(?!\{))*)`/g;
  for (const match of text.matchAll(re)) out.push({ value: match[1] ?? match[2] ?? match[3], line: text.slice(0, match.index).split('\n').length });
  return out;
}

describe('one folder per provider', () => {
  it('no file outside src/providers/ names a provider (its id, its rule ids, its canonical resource ids)', () => {
    const ids = PROVIDERS.map((m) => m.id);
    const offenders: string[] = [];
    for (const file of files(src)) {
      const rel = relative(src, file).split('\\').join('/');
      if (rel.startsWith('providers/') || ALLOWED[rel]) continue;
      for (const { value, line } of literals(readFileSync(file, 'utf8'))) {
        const named = ids.find((id) => value === id || value.startsWith(`${id}:`) || value.startsWith(`${id}.`) || value.startsWith(`${id}/`));
        if (named) offenders.push(`src/${rel}:${line}: '${value.slice(0, 60)}' names ${named}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
