import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PRE_COMMIT_HOOK_ID } from '../src/cli/commands/hook-advice.js';
import { packageRoot } from '../src/core/paths.js';
import { BIN, isolatedEnv, makeRepo, type TestRepo } from './helpers/git.js';
import { TOKENS } from './helpers/workspace.js';

const repos: TestRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

interface ActionStep {
  id?: string;
  name: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
}

const action = parse(readFileSync(join(packageRoot(), 'action.yml'), 'utf8')) as { inputs: Record<string, { default: string }>; runs: { using: string; steps: ActionStep[] } };

/** Runs one composite step's script as the runner does (bash -e -o pipefail), with the given env. */
function runStep(step: ActionStep, cwd: string, env: NodeJS.ProcessEnv): { status: number; stdout: string; stderr: string } {
  const script = join(cwd, '..', `step-${step.id ?? 'gate'}.sh`);
  writeFileSync(script, step.run!);
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('GitHub Action (action.yml)', () => {
  it('is a composite action with the documented inputs, uploading SARIF with codeql-action', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['path', 'fail-on', 'args', 'sarif-file', 'upload-sarif', 'version']));
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.if).toContain('always()');
  });

  it('its ci step gates, writes SARIF, annotations and the step summary, and keeps the exit code for the upload', () => {
    const r = makeRepo({ '.env': `GITHUB_TOKEN=${TOKENS.githubClassic}\n` });
    repos.push(r);
    const step = action.runs.steps.find((s) => s.id === 'scan')!;
    const output = join(r.home, 'github-output');
    const summary = join(r.home, 'step-summary.md');
    writeFileSync(output, '');
    writeFileSync(summary, '');
    const env = {
      ...isolatedEnv(r.home),
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      BLASTRADIUS_PATH: '.',
      BLASTRADIUS_FAIL_ON: 'any-secret',
      BLASTRADIUS_ARGS: '--offline --no-cache',
      BLASTRADIUS_SARIF: 'blastradius.sarif',
      BLASTRADIUS_VERSION: '',
      BLASTRADIUS_ACTION_BIN: BIN,
    };
    const result = runStep(step, r.dir, env);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(output, 'utf8')).toContain('exit-code=1');
    expect(result.stdout).toMatch(/^::error file=\.env,line=1,col=14,/m);
    expect(JSON.parse(readFileSync(join(r.dir, 'blastradius.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(summary, 'utf8')).toContain('ghp_…hYLU');
    for (const text of [result.stdout, result.stderr, readFileSync(summary, 'utf8')]) expect(text).not.toContain(TOKENS.githubClassic);

    const gate = action.runs.steps.find((s) => s.name === 'Gate')!;
    expect(runStep(gate, r.dir, { ...env, CODE: '1' }).status).toBe(1);
    expect(runStep(gate, r.dir, { ...env, CODE: '0' }).status).toBe(0);
    expect(runStep(gate, r.dir, { ...env, CODE: '2' }).status).toBe(2);
  });
});

describe('pre-commit framework (.pre-commit-hooks.yaml)', () => {
  const hooks = parse(readFileSync(join(packageRoot(), '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];

  it('declares one node hook that every pre-commit from 2.9 accepts: no stage names (`commit` before 3.2, deprecated in 4.0), file names passed, one process', () => {
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ id: PRE_COMMIT_HOOK_ID, language: 'node', require_serial: true, minimum_pre_commit_version: '2.9.0' });
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
