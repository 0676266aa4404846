import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRepo, type TestRepo } from './helpers/git.js';
import { TOKENS } from './helpers/workspace.js';

const repos: TestRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));
function repo(files: Record<string, string>): TestRepo {
  const r = makeRepo(files);
  repos.push(r);
  return r;
}

describe('locations are relative to the repository root, whatever the scan root', () => {
  it('ci config (the Action path input): SARIF uri, SRCROOT, annotations, text and JSON all name config/app.env', async () => {
    const r = repo({ 'config/app.env': `GITHUB_TOKEN=${TOKENS.githubClassic}\n`, 'README.md': 'hi\n' });
    const result = await r.cli(['ci', 'config', '--offline', '--sarif', 'out.sarif', '--format', 'json'], { GITHUB_ACTIONS: 'true' });
    expect(result.exitCode, result.stderr).toBe(0);
    const [annotation, ...rest] = result.stdout.split('\n');
    expect(annotation).toMatch(/^::warning file=config\/app\.env,line=1,col=14,/);
    const report = JSON.parse(rest.join('\n'));
    expect(report.tokens[0].locations).toEqual([{ file: 'app.env', line: 1, column: 14, path: 'config/app.env' }]);
    expect(report.scan.base).toBe(realpathSync(r.dir));
    const sarif = JSON.parse(readFileSync(join(r.dir, 'out.sarif'), 'utf8'));
    const run = sarif.runs[0];
    expect(run.originalUriBaseIds.SRCROOT.uri).toBe(`${pathToFileURL(realpathSync(r.dir)).href}/`);
    expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'config/app.env', uriBaseId: 'SRCROOT' });
    const text = await r.cli(['scan', 'config', '--offline']);
    expect(text.stdout).toContain('config/app.env:1:14');
  });

  it('scanning from inside a subdirectory still names the file from the repository root', async () => {
    const r = repo({ 'services/api/.env': `GITHUB_TOKEN=${TOKENS.githubClassic}\n` });
    const result = await r.cli(['scan', '.', '--offline', '--format', 'json'], {}, `${r.dir}/services/api`);
    expect(JSON.parse(result.stdout).tokens[0].locations[0].path).toBe('services/api/.env');
  });

  it('history results name the commit and say when the file no longer exists at HEAD', async () => {
    const r = repo({ 'deploy.env': `GITHUB_TOKEN=${TOKENS.githubClassic}\n`, 'keep.env': `GITHUB_TOKEN=${TOKENS.githubClassic2}\n` });
    const added = r.git(['rev-parse', 'HEAD']).stdout.trim();
    r.git(['rm', '-q', 'deploy.env']);
    r.git(['commit', '-q', '-m', 'remove', '--no-verify']);
    const result = await r.cli(['scan', '--git-history', '--offline', '--format', 'sarif']);
    const results = JSON.parse(result.stdout).runs[0].results as {
      message: { text: string };
      properties: Record<string, unknown>;
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    }[];
    const removed = results.find((x) => x.locations[0].physicalLocation.artifactLocation.uri === 'deploy.env')!;
    const kept = results.find((x) => x.locations[0].physicalLocation.artifactLocation.uri === 'keep.env')!;
    expect(removed.message.text).toContain(`Added in commit ${added}; the file no longer exists at HEAD`);
    expect(removed.properties).toMatchObject({ commit: added, removedAtHead: true });
    expect(kept.message.text).toContain(`Added in commit ${added}.`);
    expect(kept.properties.removedAtHead).toBeUndefined();
  });
});

describe('SARIF severity is what GitHub ranks', () => {
  it('each result sits under a rule whose security-severity matches its own verdict, with level to match', async () => {
    const { sampleReport } = await import('./helpers/sample-report.js');
    const { formatSarif } = await import('../src/report/sarif.js');
    const { rulesFor } = await import('../src/rules/builtin.js');
    const report = sampleReport();
    const sarif = JSON.parse(formatSarif(report, rulesFor()));
    const rules = sarif.runs[0].tool.driver.rules as { id: string; properties: Record<string, string>; defaultConfiguration: { level: string } }[];
    const score = { critical: 9.5, high: 8, medium: 5.5, low: 3, info: 1 } as Record<string, number>;
    const level = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' } as Record<string, string>;
    const severities = new Set<string>();
    for (const result of sarif.runs[0].results as {
      ruleId: string;
      ruleIndex: number;
      level: string;
      properties: { severity: string; possibleSeverity: string; verification: string };
    }[]) {
      const rule = rules[result.ruleIndex];
      expect(rule.id).toBe(result.ruleId);
      const ranked = result.properties.verification === 'live' ? result.properties.possibleSeverity : result.properties.severity;
      severities.add(ranked);
      expect(rule.id.endsWith(`/${ranked}`)).toBe(true);
      expect(Number(rule.properties['security-severity'])).toBe(score[ranked]);
      expect(result.level).toBe(level[ranked]);
      expect(rule.defaultConfiguration.level).toBe(level[ranked]);
    }
    expect(severities.size).toBeGreaterThan(1);
  });
});
