import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
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
  it('declares the blastradius hook, and its entry is a command the CLI accepts', async () => {
    const hooks = parse(readFileSync(join(packageRoot(), '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ id: 'blastradius', language: 'node', pass_filenames: false, stages: ['pre-commit'] });
    const [command, ...args] = String(hooks[0].entry).split(' ');
    expect(command).toBe('blastradius');
    const r = makeRepo();
    repos.push(r);
    r.write('.env', `GITHUB_TOKEN=${TOKENS.githubClassic}\n`);
    r.git(['add', '.env']);
    const result = await r.cli(args);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('.env:1:14');
  });
});
