import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PRE_COMMIT_HOOK_ID } from '../src/cli/commands/hook-advice.js';
import { packageRoot } from '../src/core/paths.js';
import { makeRepo, type TestRepo } from './helpers/git.js';
import { TOKENS } from './helpers/workspace.js';

const repos: TestRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

describe('pre-commit framework (.pre-commit-hooks.yaml)', () => {
  const hooks = parse(readFileSync(join(packageRoot(), '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];

  it('declares one node hook that every pre-commit from 2.5 accepts: no stage names (`commit` before 3.2, deprecated in 4.0), file names passed, one process', () => {
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ id: PRE_COMMIT_HOOK_ID, language: 'node', require_serial: true, minimum_pre_commit_version: '2.5.0' });
    // Absent keys take pre-commit's defaults: pass_filenames true, always_run false, every stage the user installs.
    for (const key of ['stages', 'pass_filenames', 'always_run']) expect(hooks[0]).not.toHaveProperty(key);
  });

  it('its entry, given the staged file names as pre-commit passes them, blocks what the commit adds', async () => {
    const [command, ...args] = String(hooks[0].entry).split(' ');
    expect(command).toBe('blastradius');
    const r = makeRepo();
    repos.push(r);
    r.write('.env', `GITHUB_TOKEN=${TOKENS.githubClassic}\n`);
    r.git(['add', '.env']);
    const result = await r.cli([...args, '.env'], { PRE_COMMIT: '1' });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('.env:1:14');
  });
});
