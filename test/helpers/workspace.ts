import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RunResult } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';

/** A temporary workspace built from a map of relative path → content; removed by `cleanup`. */
export function makeWorkspace(files: Record<string, string | Buffer>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'blastradius-test-'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return {
    dir,
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(`${dir}.cache`, { recursive: true, force: true });
    },
  };
}

/**
 * Runs the CLI in-process, as the bin shim would, with a clean environment. The caches (compiled
 * rules, verification) go beside the workspace, one folder per workspace: HOME is the workspace,
 * and a cache inside it would be scanned with it.
 */
export function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return run(args, { env: { HOME: cwd, XDG_CACHE_HOME: `${cwd}.cache`, ...env }, cwd, isTTY: false });
}

// Valid-checksum, made-up tokens used across tests (never real credentials).
export const TOKENS = {
  githubClassic: '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',
  githubClassic2: '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',
  githubBadChecksum: 'ghp_C2HDBCxETxZ5phtVyfwV5CCZ7Z4Ihc4KXr4A',
  awsKeyId: 'AKIABQ7HKBFEJR33JVMV',
  awsSecret: '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',
  railway: '78664474-b178-7b49-fa9a-723e1ccc1d95',
  postgresUrl: 'postgres://app:Zq8rT2vLp9Xw@db.prod.internal:5432/prod',
  stripe: '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',
} as const;
