import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rulesFor } from '../src/rules/builtin.js';
import type { FileResult } from '../src/scan/file.js';
import { createPool, workerBatches } from '../src/scan/pool.js';
import { workerScript } from '../src/scan/prestart.js';
import type { WalkEntry } from '../src/walk/walk.js';
import { TOKENS } from './helpers/workspace.js';

// A tree scan's worker pool: what a walk too small to fill one batch gives is scanned in the
// calling thread (no worker boot to wait for); a larger one goes to the workers. Same findings.
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'blastradius-pool-'));
  mkdirSync(join(dir, 'src'));
  for (let i = 0; i < 40; i++) writeFileSync(join(dir, 'src', `m${i}.ts`), `export const v${i} = ${i};\n`);
  writeFileSync(join(dir, '.env'), `GITHUB_TOKEN=${TOKENS.githubClassic}\n`);
  writeFileSync(join(dir, 'settings.py'), `AWS_ACCESS_KEY_ID = "${TOKENS.awsKeyId}"\nAWS_SECRET_ACCESS_KEY = "${TOKENS.awsSecret}"\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = (relative: string): WalkEntry => ({ root: dir, label: '.', absolute: join(dir, relative), relative, size: statSync(join(dir, relative)).size });

async function scan(files: string[], workers: number): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  const sink = (e: WalkEntry, result: FileResult) => {
    found[e.relative] = result.candidates.map((c) => `${c.ruleId}:${c.line}:${c.column}`);
  };
  const pool = createPool(rulesFor(), workers, { maxFileSize: 1 << 20, budgetMs: 5000 }, sink);
  for (const file of files) await pool.submit(entry(file));
  await pool.close();
  return found;
}

describe.skipIf(!workerScript())('the scan pool', () => {
  const few = ['.env', 'settings.py', 'src/m1.ts'];
  const many = ['.env', 'settings.py', ...Array.from({ length: 40 }, (_, i) => `src/m${i}.ts`)];

  it('scans a walk smaller than one batch in the calling thread: no batch reaches a worker, same findings', async () => {
    const inProcess = await scan(few, 0);
    expect(inProcess['.env']).toHaveLength(1);
    expect(inProcess['settings.py'].length).toBeGreaterThan(0);
    const before = workerBatches();
    expect(await scan(few, 2)).toEqual(inProcess);
    expect(workerBatches() - before).toBe(0);
  });

  it('hands a larger walk to the workers, same findings', async () => {
    const inProcess = await scan(many, 0);
    const before = workerBatches();
    expect(await scan(many, 2)).toEqual(inProcess);
    expect(workerBatches() - before).toBeGreaterThan(0);
  });
});
