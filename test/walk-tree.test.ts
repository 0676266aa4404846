import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastGlob from 'fast-glob';
import { afterAll, describe, expect, it } from 'vitest';
import { walkTree } from '../src/walk/tree.js';

/** A tree with the cases a walk must get right: dot files, .git (a directory and a file), nested node_modules, links. */
const root = mkdtempSync(join(tmpdir(), 'blastradius-walk-'));
const files = [
  '.env',
  'a/.hidden/x.txt',
  'a/b/c/deep.js',
  'a/b/c/deep.min.js',
  'vendor/lib/v.js',
  'src/app.ts',
  'src/app.test.ts',
  'src/node_modules/pkg/index.js',
  'node_modules/top/index.js',
  'node_modules/top/node_modules/inner/i.js',
  '.git/config',
  'sub/.git',
  'sub/readme.md',
  'docs/vendor/notes.md',
];
for (const file of files) {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), file);
}
symlinkSync(join(root, 'src', 'app.ts'), join(root, 'link-to-app.ts'));
symlinkSync(join(root, 'a'), join(root, 'link-to-dir'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** What the walker did with fast-glob before: its ignore globs, files and links. */
function withFastGlob(includeNodeModules: boolean, exclude: string[]): string[] {
  const ignore = ['**/.git', '**/.git/**', ...(includeNodeModules ? [] : ['**/node_modules', '**/node_modules/**']), ...exclude];
  return fastGlob
    .sync(['**'], { cwd: root, dot: true, onlyFiles: false, followSymbolicLinks: false, objectMode: true, ignore, suppressErrors: true })
    .filter((e) => e.dirent.isFile() || e.dirent.isSymbolicLink())
    .map((e) => `${e.path}${e.dirent.isSymbolicLink() ? ' ->' : ''}`)
    .sort();
}

function withTree(includeNodeModules: boolean, exclude: string[]): string[] {
  const skipNames = new Set(includeNodeModules ? ['.git'] : ['.git', 'node_modules']);
  return [...walkTree(root, { skipNames, exclude, unreadable: () => undefined })].map((e) => `${e.relative}${e.symlink ? ' ->' : ''}`).sort();
}

describe('the tree walk finds what the fast-glob walk found', () => {
  const cases: [boolean, string[]][] = [
    [false, []],
    [true, []],
    [true, ['vendor', '**/*.min.js', 'src/*.test.ts']],
    [false, ['a/**', '**/vendor/**', '*.md']],
    [true, ['**/node_modules/inner']],
  ];
  for (const [includeNodeModules, exclude] of cases) {
    it(`node_modules ${includeNodeModules ? 'included' : 'skipped'}, exclude [${exclude.join(', ')}]`, () => {
      const expected = withFastGlob(includeNodeModules, exclude);
      expect(expected.length).toBeGreaterThan(3);
      expect(withTree(includeNodeModules, exclude)).toEqual(expected);
    });
  }

  it('reports a directory it cannot read and goes on', () => {
    const unreadable: string[] = [];
    const found = [...walkTree(join(root, 'missing-root'), { skipNames: new Set(), exclude: [], unreadable: (f) => unreadable.push(f) })];
    expect(found).toEqual([]);
    expect(unreadable).toEqual([]); // a root that vanished is ENOENT: nothing to report
  });
});
