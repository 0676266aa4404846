import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/core/paths.js';
import { reportSchema } from '../src/report/schema.js';
import { cli, makeWorkspace, TOKENS } from './helpers/workspace.js';
import { schemaErrors } from './helpers/schema.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function workspace(files: Record<string, string>) {
  const ws = makeWorkspace(files);
  cleanups.push(ws.cleanup);
  return ws.dir;
}

const DEMO = {
  '.env': `GITHUB_TOKEN=${TOKENS.githubClassic}\nAWS_ACCESS_KEY_ID=${TOKENS.awsKeyId}\nAWS_SECRET_ACCESS_KEY=${TOKENS.awsSecret}\nRAILWAY_API_TOKEN=${TOKENS.railway}\n`,
  'src/db.ts': `export const url = "${TOKENS.postgresUrl}";\n`,
};

describe('scan output', () => {
  it('prints a text report with redacted secrets and exits 0', async () => {
    const dir = workspace(DEMO);
    const result = await cli(['scan', '.', '--offline'], dir);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('ghp_…hYLU');
    expect(result.stdout).toContain('postgres://app:…@db.prod.internal:5432/prod');
    expect(result.stdout).toMatch(/4 tokens/);
    for (const secret of [TOKENS.githubClassic, TOKENS.awsSecret, TOKENS.railway, 'Zq8rT2vLp9Xw']) expect(result.stdout).not.toContain(secret);
  });

  it('writes JSON that validates against the published schema, with the contract fields', async () => {
    const dir = workspace(DEMO);
    const result = await cli(['scan', '--format', 'json', '--offline'], dir);
    const report = JSON.parse(result.stdout);
    expect(schemaErrors(report)).toBe('');
    expect(report.schemaVersion).toBe(1);
    expect(report.tool.name).toBe('blastradius');
    expect(Object.keys(report.scan)).toEqual(expect.arrayContaining(['roots', 'files', 'bytes', 'skipped', 'durationMs', 'errors']));
    const token = report.tokens.find((t: { ruleId: string }) => t.ruleId === 'github.classic-pat');
    expect(token).toMatchObject({
      provider: 'github',
      kind: 'classic-pat',
      redacted: 'ghp_…hYLU',
      locations: [{ file: '.env', line: 1, column: 14 }],
      verification: { status: 'unverified' },
      identity: null,
      grants: [],
      blastRadius: { production: 'none', backup: 'none', shared: false, severity: 'info', paths: [] },
    });
    expect(token.blastRadius.summary).toMatch(/not verified/);
  });

  it('writes the report to --output', async () => {
    const dir = workspace(DEMO);
    const result = await cli(['scan', '-f', 'json', '-o', 'report.json', '--offline'], dir);
    expect(result.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).tokens).toHaveLength(4);
  });

  it('scans the user credential stores with --home', async () => {
    const home = workspace({ '.aws/credentials': `[default]\naws_access_key_id = ${TOKENS.awsKeyId}\naws_secret_access_key = ${TOKENS.awsSecret}\n` });
    const project = workspace({ 'README.md': 'nothing' });
    const result = await cli(['scan', project, '--home', '-f', 'json', '--offline'], project, { HOME: home });
    const report = JSON.parse(result.stdout);
    expect(report.tokens).toHaveLength(1);
    expect(report.tokens[0].locations[0]).toEqual({ file: '.aws/credentials', line: 2, column: 21, root: '~' });
  });
});

describe('baseline', () => {
  it('`baseline` writes accepted ids (never secrets) and later scans suppress them', async () => {
    const dir = workspace(DEMO);
    const written = await cli(['baseline', '--offline'], dir);
    expect(written.exitCode).toBe(0);
    const file = readFileSync(join(dir, '.blastradius-baseline.json'), 'utf8');
    expect(file).not.toContain(TOKENS.githubClassic);
    expect(JSON.parse(file).tokens).toHaveLength(4);
    const after = JSON.parse((await cli(['scan', '-f', 'json', '--offline'], dir)).stdout);
    expect(after.tokens).toEqual([]);
    expect(after.scan.suppressed.baseline).toBe(4);
    const ignoring = JSON.parse((await cli(['scan', '-f', 'json', '--offline', '--no-baseline'], dir)).stdout);
    expect(ignoring.tokens).toHaveLength(4);
  });

  it('a missing --baseline file is a one-line configuration error (exit 2)', async () => {
    const dir = workspace(DEMO);
    const result = await cli(['scan', '--baseline', 'nope.json'], dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('nope.json: file not found');
  });
});

describe('bad input', () => {
  it('an unknown flag is a one-line usage error (exit 2)', async () => {
    const result = await cli(['scan', '--bogus'], workspace({}));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('blastradius: unknown option --bogus (run `blastradius --help` for usage)\n');
  });

  it('a path that does not exist is a one-line usage error (exit 2)', async () => {
    const result = await cli(['scan', 'does/not/exist'], workspace({}));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('blastradius: path does not exist or cannot be read: does/not/exist (run `blastradius --help` for usage)\n');
  });

  it('a rule file with invalid YAML or a bad regex names the file, rule and field (exit 2)', async () => {
    const dir = workspace({
      'bad-yaml/acme.yaml': 'provider: acme\nrules: [\n',
      'bad-regex/acme.yaml':
        'provider: acme\nrules:\n  - id: acme.key\n    description: d\n    keywords: [acme]\n    pattern: "(acme_[a-z"\n    examples: {match: [a], noMatch: [b]}\n',
      'no-examples/acme.yaml': 'provider: acme\nrules:\n  - id: acme.key\n    description: d\n    keywords: [acme]\n    pattern: "(acme_[a-z]{1,32})"\n',
    });
    const yaml = await cli(['scan', '.', '--rules', 'bad-yaml'], dir);
    expect(yaml.exitCode).toBe(2);
    expect(yaml.stderr).toMatch(/^blastradius: acme\.yaml: invalid YAML/);
    const regex = await cli(['scan', '.', '--rules', 'bad-regex'], dir);
    expect(regex.stderr).toMatch(/^blastradius: acme\.yaml: rule acme\.key: field "pattern" is not a valid regular expression/);
    const examples = await cli(['scan', '.', '--rules', 'no-examples'], dir);
    expect(examples.stderr).toMatch(/^blastradius: acme\.yaml: rule acme\.key: field "examples" is required/);
    for (const r of [yaml, regex, examples]) expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an unknown --format is a usage error', async () => {
    const result = await cli(['scan', '--format', 'xml'], workspace({}));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--format: expected one of');
  });
});

describe('rules command', () => {
  it('`rules check` runs every example of every rule and passes', async () => {
    const result = await cli(['rules', 'check'], workspace({}));
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/, 0 failing\n$/);
  });

  it('`rules check --rules DIR` fails (exit 1) for a pack whose examples do not hold', async () => {
    const dir = workspace({
      'pack/acme.yaml':
        'provider: acme\nrules:\n  - id: acme.key\n    description: d\n    keywords: [acme_]\n    pattern: "\\\\b(acme_[a-z0-9]{16})\\\\b"\n    examples: {match: ["k=acme_0123"], noMatch: ["k=acme_q8w7e6r5t4y3u2i1"]}\n',
    });
    const result = await cli(['rules', 'check', '--rules', 'pack'], dir);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('acme.key: examples.match[0] not detected');
    expect(result.stdout).toContain('acme.key: examples.noMatch[0] detected');
  });
});

describe('generated artefacts are current', () => {
  it('schema/report.schema.json is generated from src/report/schema.ts', () => {
    const path = join(packageRoot(), 'schema', 'report.schema.json');
    const generated = `${JSON.stringify(reportSchema, null, 2)}\n`;
    if (process.env.BLASTRADIUS_UPDATE_GOLDEN) return writeFileSync(path, generated);
    expect(existsSync(path) ? readFileSync(path, 'utf8') : '').toBe(generated);
  });
});

describe('README', () => {
  it('has the rules table generated from the rule files', async () => {
    const { rulesMarkdownTable } = await import('../src/rules/check.js');
    const { rulesFor } = await import('../src/rules/builtin.js');
    const path = join(packageRoot(), 'README.md');
    const readme = readFileSync(path, 'utf8');
    const table = `<!-- rules:start -->\n${rulesMarkdownTable(rulesFor())}\n<!-- rules:end -->`;
    const updated = readme.replace(/<!-- rules:start -->[\s\S]*<!-- rules:end -->/, table);
    if (process.env.BLASTRADIUS_UPDATE_GOLDEN) return writeFileSync(path, updated);
    expect(readme).toBe(updated);
  });

  it('gives the two fresh-machine commands on its first screen', () => {
    const head = readFileSync(join(packageRoot(), 'README.md'), 'utf8').split('\n').slice(0, 15).join('\n');
    expect(head).toContain('npm install && npm start');
    expect(head).toContain('npm test');
  });
});

describe('a scan that read nothing is not a pass', () => {
  it('an empty directory is an error (exit 2, one line) unless --allow-empty', async () => {
    const { dir, cleanup } = makeWorkspace({});
    try {
      for (const command of ['scan', 'ci']) {
        const result = await cli([command, '.', '--offline'], dir);
        expect(result.exitCode).toBe(2);
        expect(result.stderr).toMatch(
          /^blastradius: nothing was scanned: 0 files under \. \(an empty directory, or every file excluded or skipped\); --allow-empty accepts that/,
        );
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect((await cli([command, '.', '--offline', '--allow-empty'], dir)).exitCode).toBe(0);
      }
    } finally {
      cleanup();
    }
  });
});
