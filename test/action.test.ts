import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { packageRoot } from '../src/core/paths.js';
import { metadataProblems, type ActionMetadata, type ActionStep } from './helpers/action-metadata.js';
import { BIN, isolatedEnv, makeRepo, type TestRepo } from './helpers/git.js';
import { TOKENS } from './helpers/workspace.js';

/**
 * The composite action's shell logic, run locally as the runner runs each step (bash -e -o
 * pipefail, inputs passed through env), with a fake `npm` on PATH for the `version:` path.
 */
const repos: TestRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

const ACTION_TEXT = readFileSync(join(packageRoot(), 'action.yml'), 'utf8');
const action = parse(ACTION_TEXT) as ActionMetadata;
const step = (id: string): ActionStep => action.runs.steps.find((s) => s.id === id || s.name === id)!;

function runStep(s: ActionStep, cwd: string, env: NodeJS.ProcessEnv): { status: number; stdout: string; stderr: string } {
  const script = join(cwd, '..', `step-${(s.id ?? s.name ?? 'step').replace(/\W/g, '-')}.sh`);
  writeFileSync(script, s.run!);
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function outputs(file: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/** A workspace, the runner's files (GITHUB_OUTPUT, summary, RUNNER_TEMP) and the scan step's env. */
function runner(files: Record<string, string> = {}) {
  const r = makeRepo(files);
  repos.push(r);
  const output = join(r.home, 'github-output');
  const summary = join(r.home, 'step-summary.md');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env: NodeJS.ProcessEnv = {
    ...isolatedEnv(r.home),
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    BLASTRADIUS_PATH: '.',
    BLASTRADIUS_FAIL_ON: '',
    BLASTRADIUS_ARGS: '',
    BLASTRADIUS_SARIF: 'blastradius.sarif',
    BLASTRADIUS_VERSION: '',
    BLASTRADIUS_ACTION_BIN: BIN,
    BLASTRADIUS_INSTALL_DIR: join(r.home, 'runner-temp', 'blastradius-npm'),
  };
  return { r, env, output, summary };
}

/**
 * A fake npm: `npm install --prefix DIR … blastradius@V` either fails as the registry does
 * (E404, exit 1) or installs a stand-in CLI that behaves as FAKE_CLI says and logs its arguments.
 */
function fakeNpm(home: string): { bin: string; log: string } {
  const bin = join(home, 'fake-bin');
  mkdirSync(bin, { recursive: true });
  const log = join(home, 'fake.log');
  const cli = join(home, 'fake-cli.sh');
  writeFileSync(
    cli,
    `#!/bin/bash
echo "cli $*" >> "$FAKE_LOG"
sarif=""; prev=""
for a in "$@"; do [ "$prev" = --sarif ] && sarif=$a; prev=$a; done
case "$FAKE_CLI" in
  pass) echo '{"version":"2.1.0"}' > "$sarif"; exit 0 ;;
  gate) echo '{"version":"2.1.0"}' > "$sarif"; exit 1 ;;
  crash) echo "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'yaml'" >&2; exit 1 ;;
  usage) echo "blastradius: --fail-on must be one of …" >&2; exit 2 ;;
  abort) exit 134 ;;
esac
`,
  );
  writeFileSync(
    join(bin, 'npm'),
    `#!/bin/bash
echo "npm $*" >> "$FAKE_LOG"
if [ "$FAKE_NPM" = e404 ]; then
  echo "npm error code E404" >&2
  echo "npm error 404 Not Found - GET https://registry.npmjs.org/blastradius - Not found" >&2
  exit 1
fi
prefix=""
while [ $# -gt 0 ]; do if [ "$1" = --prefix ]; then prefix=$2; shift; fi; shift; done
mkdir -p "$prefix/node_modules/.bin"
cp ${JSON.stringify(cli)} "$prefix/node_modules/.bin/blastradius"
chmod +x "$prefix/node_modules/.bin/blastradius"
`,
  );
  chmodSync(join(bin, 'npm'), 0o755);
  return { bin, log };
}

describe('action.yml', () => {
  it("follows GitHub's action metadata syntax, and the check catches what it claims to", () => {
    expect(metadataProblems(action)).toEqual([]);
    const broken = structuredClone(action);
    delete broken.runs.steps[0].shell;
    broken.runs.steps[1].if = "steps.nowhere.outputs.x == 'y'";
    broken.outputs.result.value = '${{ inputs.missing }}';
    expect(metadataProblems(broken)).toEqual([
      'runs.steps[0] (Check for Node.js 20+): a run step of a composite action needs shell',
      'runs.steps[1] (Set up Node.js): refers to step "nowhere", not defined before it',
      'outputs.result: refers to input "missing", not declared',
    ]);
  });

  const shellcheck = spawnSync('sh', ['-c', 'command -v shellcheck'], { encoding: 'utf8' }).status === 0;
  const required = process.env.BLASTRADIUS_REQUIRE_CI_TOOLS === '1';
  it.skipIf(!shellcheck && !required)(
    `its scripts pass shellcheck${shellcheck ? '' : ' — skipped: shellcheck is not installed (apt-get install shellcheck; .ci/run installs it)'}`,
    () => {
      expect(shellcheck, 'BLASTRADIUS_REQUIRE_CI_TOOLS=1 (set by .ci/run) and shellcheck is missing').toBe(true);
      for (const s of action.runs.steps.filter((x) => x.run)) {
        const checked = spawnSync('shellcheck', ['--shell=bash', '-'], { input: s.run, encoding: 'utf8' });
        expect(checked.stdout, `${s.name}`).toBe('');
      }
    },
  );

  it('uploads SARIF with continue-on-error, and its outputs tell the result apart from the exit code', () => {
    expect(step('upload')).toMatchObject({ uses: expect.stringMatching(/^github\/codeql-action\/upload-sarif@/), 'continue-on-error': true });
    expect(step('upload').if).toContain('always()');
    expect(step('Gate').if).toBe('always()');
    expect(Object.keys(action.outputs)).toEqual(['result', 'exit-code', 'sarif-file', 'sarif-uploaded']);
    // No scan outputs at all means the install step failed before it: that is a tool failure.
    expect(action.outputs.result.value).toBe("${{ steps.scan.outputs.result || 'tool-failed' }}");
  });
});

describe('the scan step', () => {
  it("with the action's own copy: gates, writes SARIF, annotations and the summary; result gate-failed", () => {
    const { r, env, output, summary } = runner({ '.env': `GITHUB_TOKEN=${TOKENS.githubClassic}\n` });
    const result = runStep(step('scan'), r.dir, { ...env, BLASTRADIUS_FAIL_ON: 'any-secret', BLASTRADIUS_ARGS: '--offline --no-cache' });
    expect(result.status, result.stderr).toBe(0);
    expect(outputs(output)).toEqual({ 'exit-code': '1', result: 'gate-failed' });
    expect(result.stdout).toMatch(/^::error file=\.env,line=1,col=14,/m);
    expect(JSON.parse(readFileSync(join(r.dir, 'blastradius.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(summary, 'utf8')).toContain('ghp_…hYLU');
    for (const text of [result.stdout, result.stderr, readFileSync(summary, 'utf8')]) expect(text).not.toContain(TOKENS.githubClassic);
  });

  it('a usage error is result usage-error, exit-code 2', () => {
    const { r, env, output } = runner();
    const result = runStep(step('scan'), r.dir, { ...env, BLASTRADIUS_FAIL_ON: 'everything' });
    expect(result.status).toBe(0);
    expect(outputs(output)).toEqual({ 'exit-code': '2', result: 'usage-error' });
  });

  it('with version: an npm failure (E404) is tool-failed with no exit code, never "the gate failed"', () => {
    const { r, env, output } = runner();
    const npm = fakeNpm(r.home);
    const result = runStep(step('scan'), r.dir, { ...env, PATH: `${npm.bin}:${env.PATH}`, BLASTRADIUS_VERSION: '9.9.9', FAKE_NPM: 'e404', FAKE_LOG: npm.log });
    expect(result.status).toBe(0);
    expect(outputs(output)).toEqual({ 'exit-code': '', result: 'tool-failed' });
    expect(result.stdout).toContain('::error title=blastradius::could not install blastradius@9.9.9 (npm exit 1): no verdict');
    expect(readFileSync(npm.log, 'utf8')).toContain(
      `npm install --prefix ${env.BLASTRADIUS_INSTALL_DIR} --no-save --no-audit --no-fund --loglevel=error blastradius@9.9.9`,
    );
  });

  it.each([
    ['gate', { 'exit-code': '1', result: 'gate-failed' }],
    ['pass', { 'exit-code': '0', result: 'passed' }],
    ['crash', { 'exit-code': '1', result: 'tool-failed' }], // exit 1 with no SARIF report: no verdict was reached
    ['usage', { 'exit-code': '2', result: 'usage-error' }],
    ['abort', { 'exit-code': '134', result: 'tool-failed' }],
  ])('with version, the installed CLI behaving as "%s" gives %o', (mode, expected) => {
    const { r, env, output } = runner();
    writeFileSync(join(r.dir, 'blastradius.sarif'), '{"stale":"from an earlier run"}');
    const npm = fakeNpm(r.home);
    const result = runStep(step('scan'), r.dir, {
      ...env,
      PATH: `${npm.bin}:${env.PATH}`,
      BLASTRADIUS_VERSION: '1.2.3',
      BLASTRADIUS_FAIL_ON: 'high',
      BLASTRADIUS_ARGS: '--offline  --unverified fail',
      FAKE_CLI: mode,
      FAKE_LOG: npm.log,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(outputs(output)).toEqual(expected);
    expect(readFileSync(npm.log, 'utf8')).toContain('cli ci . --sarif blastradius.sarif --fail-on high --offline --unverified fail');
  });
});

describe('the Gate step', () => {
  const gate = (env: Record<string, string>) => {
    const { r, env: base } = runner();
    return runStep(step('Gate'), r.dir, { ...base, RESULT: '', CODE: '', UPLOAD: '', ...env });
  };

  it.each([
    [{ RESULT: 'passed', CODE: '0' }, 0, 'blastradius: gate passed'],
    [{ RESULT: 'gate-failed', CODE: '1' }, 1, '::error title=blastradius::the gate failed (see the job summary)'],
    [{ RESULT: 'usage-error', CODE: '2' }, 2, '::error title=blastradius::usage or configuration error (exit 2, see the log above): no verdict'],
    [{ RESULT: 'tool-failed', CODE: '1' }, 3, '::error title=blastradius::blastradius crashed (exit 1): no verdict, this is not a gate failure'],
    [{ RESULT: 'tool-failed', CODE: '' }, 3, '::error title=blastradius::blastradius could not be installed: no verdict, this is not a gate failure'],
    [{ RESULT: '', CODE: '' }, 3, 'blastradius did not run (its installation failed, see above)'],
  ])('%o exits %i: %s', (env, status, message) => {
    const result = gate(env);
    expect(result.status).toBe(status);
    expect(result.stdout).toContain(message);
    if (status !== 1) expect(result.stdout).not.toContain('the gate failed');
  });

  it('a failed SARIF upload (no code scanning, or a fork) warns and does not fail a job whose gate passed', () => {
    const passed = gate({ RESULT: 'passed', CODE: '0', UPLOAD: 'failure' });
    expect(passed.status).toBe(0);
    expect(passed.stdout).toMatch(/^::warning title=blastradius::the SARIF upload to code scanning failed/m);
    expect(passed.stdout).toContain('blastradius: gate passed');
    expect(gate({ RESULT: 'gate-failed', CODE: '1', UPLOAD: 'failure' }).status).toBe(1);
    expect(gate({ RESULT: 'passed', CODE: '0', UPLOAD: 'success' }).stdout).not.toContain('::warning');
  });
});
