import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRepo, type TestRepo } from './helpers/git.js';
import { TOKENS } from './helpers/workspace.js';

const repos: TestRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

const OLD = TOKENS.githubClassic2; // accepted at the base (its baseline)
const NEW = TOKENS.githubClassic; // added by the change

/**
 * A pull request: the base (main) has a baseline that accepts one old token and a gate; the head
 * (a feature branch) adds a token, a `blastradius:allow` for it, a baseline entry for it and a
 * relaxed gate. Whoever wrote the head must not be able to pass their own change.
 */
function pullRequest(baseGate: string): TestRepo {
  const r = makeRepo({ 'old.env': `GITHUB_TOKEN=${OLD}\n`, 'blastradius.yaml': `gate:\n${baseGate}` });
  repos.push(r);
  expect(r.git(['status']).status).toBe(0);
  return r;
}

async function acceptAll(r: TestRepo): Promise<void> {
  const result = await r.cli(['baseline', '.', '--offline']);
  expect(result.exitCode, result.stderr).toBe(0);
}

async function headChange(r: TestRepo): Promise<void> {
  await acceptAll(r);
  r.git(['add', '-A']);
  r.git(['commit', '-q', '-m', 'base: accept the old token', '--no-verify']);
  r.git(['checkout', '-q', '-b', 'feature']);
  r.write('app.env', `GITHUB_TOKEN=${NEW}\n`);
  await acceptAll(r); // the author accepts their own token into the baseline…
  r.write('app.env', `# blastradius:allow\nGITHUB_TOKEN=${NEW}\n`); // …allows it inline…
  r.write('blastradius.yaml', 'gate:\n  failOn: critical\n  newSuppressions: warn\n  incomplete: warn\n'); // …and relaxes the gate
  r.git(['add', '-A']);
  r.git(['commit', '-q', '-m', 'feature: add a token and let it through', '--no-verify']);
}

describe('ci --base: a change cannot weaken the gate that judges it', () => {
  it('the base gate (any secret fails) still judges the change; every suppression it adds is listed with file and line, none applied', async () => {
    const r = pullRequest('  failOn: any-secret\n  newSuppressions: fail\n');
    await headChange(r);
    // Without --base the head judges itself and passes:
    const self = await r.cli(['ci', '.', '--offline']);
    expect(self.exitCode, self.stderr).toBe(0);
    const result = await r.cli(['ci', '.', '--offline', '--base', 'main', '--format', 'json', '--sarif', 'out.sarif']);
    expect(result.exitCode, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/gate FAILED.*5 suppression\(s\) added by this change, not applied \(fail\).*judged by main/);
    const report = JSON.parse(result.stdout);
    expect(report.tokens.map((t: { redacted: string }) => t.redacted)).toEqual(['ghp_…hYLU']); // the new token; the old one stays accepted by the base's baseline
    expect(report.scan.suppressed.baseline).toBe(1);
    const added = report.review.suppressionsAdded.map((s: { kind: string; file: string; line?: number }) => `${s.kind} ${s.file}:${s.line ?? '-'}`);
    expect(added.sort()).toEqual(
      [
        `baseline-entry .blastradius-baseline.json:${lineOf(r, '.blastradius-baseline.json', report.tokens[0].id)}`,
        'gate-relaxed blastradius.yaml:2',
        'gate-relaxed blastradius.yaml:3',
        'gate-relaxed blastradius.yaml:4',
        'inline-allow app.env:2',
      ].sort(),
    );
    const sarif = JSON.parse(readFileSync(join(r.dir, 'out.sarif'), 'utf8'));
    const listed = sarif.runs[0].results.filter((x: { ruleId: string }) => x.ruleId === 'blastradius/suppression-added');
    expect(
      listed
        .map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri)
        .sort(),
    ).toEqual(['.blastradius-baseline.json', 'app.env', 'blastradius.yaml', 'blastradius.yaml', 'blastradius.yaml']);
    const text = await r.cli(['ci', '.', '--offline', '--base', 'main', '--no-color']);
    expect(text.stdout).toContain('suppression added by this change: app.env:2: blastradius:allow for github ghp_…hYLU, added by this change: not applied');
    expect(text.stdout).toContain('suppression added by this change: blastradius.yaml:2: gate.failOn any-secret → critical: not applied');
  });

  it('with gate.newSuppressions: warn at the base, the suppressions are listed and the token passes only if the base gate lets it', async () => {
    const strict = pullRequest('  failOn: any-secret\n');
    await headChange(strict);
    const failed = await strict.cli(['ci', '.', '--offline', '--base', 'main']);
    expect(failed.exitCode).toBe(1); // the base fails on any secret, whatever the change says
    expect(failed.stderr).toMatch(/4 suppression\(s\) added by this change, not applied \(warn\)/);

    const lenient = pullRequest('  failOn: critical\n');
    await headChange(lenient);
    const passed = await lenient.cli(['ci', '.', '--offline', '--base', 'main']);
    expect(passed.exitCode, passed.stderr).toBe(0); // an unverified token is below critical at the base too
    expect(passed.stderr).toMatch(/3 suppression\(s\) added by this change, not applied \(warn\)/);
  });

  it('an allow that was already at the base is honoured; --base with an unknown ref is a one-line usage error', async () => {
    const r = makeRepo({ 'app.env': `GITHUB_TOKEN=${NEW} # blastradius:allow\n` });
    repos.push(r);
    const result = await r.cli(['ci', '.', '--offline', '--base', 'main', '--fail-on', 'any-secret', '--format', 'json']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ tokens: [], scan: { suppressed: { inline: 1 } }, review: { suppressionsAdded: [] } });
    const unknown = await r.cli(['ci', '.', '--offline', '--base', 'no-such-branch']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/^blastradius: --base no-such-branch: not a commit in this repository/);
  });

  it('in a pull request the base comes from the CI environment (GITHUB_BASE_REF → origin/NAME); a missing base is a warning, not a silent pass', async () => {
    const r = pullRequest('  failOn: any-secret\n');
    await headChange(r);
    r.git(['update-ref', 'refs/remotes/origin/main', 'main']);
    const judged = await r.cli(['ci', '.', '--offline', '--format', 'json'], { GITHUB_BASE_REF: 'main' });
    expect(judged.exitCode).toBe(1);
    expect(JSON.parse(judged.stdout).review.base.ref).toBe('origin/main');
    const missing = await r.cli(['ci', '.', '--offline', '--format', 'json'], { GITHUB_BASE_REF: 'release' });
    expect(JSON.parse(missing.stdout).scan.warnings.join('\n')).toMatch(/the pull request's base origin\/release is not in this checkout/);
  });
});

function lineOf(r: TestRepo, file: string, needle: string): number {
  const text = readFileSync(join(r.dir, file), 'utf8');
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}
