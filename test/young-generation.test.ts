import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from './helpers/git.js';

// Once every scan worker has replied, the process's young generations stop growing
// (src/core/young-generation.ts): a long scan's heap no longer grows with the corpus.
// Each case runs in a fresh node (the V8 flag is process-wide) against the compiled build.
const dist = join(BIN, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'blastradius-young-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

for (let i = 0; i < 96; i++) writeFileSync(join(work, `f${i}.txt`), `line ${i}\n`.repeat(20));

const SCRIPT = `
import v8 from 'node:v8';
import { createPool } from ${JSON.stringify(pathToFileURL(join(dist, 'scan', 'pool.js')).href)};
import { rulesFor } from ${JSON.stringify(pathToFileURL(join(dist, 'rules', 'builtin.js')).href)};
const youngBytes = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
let replies = 0;
if (process.argv[2] === 'pool') {
  const pool = createPool(rulesFor(), 2, { maxFileSize: 1 << 20, budgetMs: 10_000 }, () => replies++);
  for (let i = 0; i < 96; i++) {
    const name = 'f' + i + '.txt';
    const full = ${JSON.stringify(work)} + '/' + name;
    await pool.submit({ root: ${JSON.stringify(work)}, label: '.', absolute: full, relative: name, size: 200 });
  }
  await pool.close();
}
const before = youngBytes();
// What a long scan does to the main thread: fast allocation, a few thousand objects alive at each collection.
let alive = [];
for (let i = 0; i < 4e6; i++) {
  alive.push({ i, text: 'x' + i });
  if (alive.length > 4000) alive = [];
}
console.log(JSON.stringify({ replies, before, after: youngBytes() }));
`;

// A file, not `node -e`: the workers inherit the process's node options, and --input-type is refused in a worker.
const script = join(work, 'young.mjs');
writeFileSync(script, SCRIPT);

function run(mode: 'control' | 'pool'): { replies: number; before: number; after: number } {
  const child = spawnSync(process.execPath, [script, mode], { encoding: 'utf8', timeout: 60_000 });
  expect(child.status, child.stderr).toBe(0);
  return JSON.parse(child.stdout);
}

describe('young generation held once the scan workers run', () => {
  it('without a pool, V8 grows the young generation under a long allocation (the control)', () => {
    const control = run('control');
    expect(control.after).toBeGreaterThanOrEqual(4 * control.before);
  });

  it('after a pool of two workers has scanned, the same allocation leaves it where it was', () => {
    const held = run('pool');
    expect(held.replies).toBe(96);
    expect(held.after).toBeLessThanOrEqual(held.before);
  });
});
