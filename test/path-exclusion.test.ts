import { afterEach, describe, expect, it } from 'vitest';
import { parseProjectConfig } from '../src/config/config.js';
import { ConfigError } from '../src/core/errors.js';
import { excludeMatcher } from '../src/walk/exclusion.js';
import { makeRepo, type TestRepo } from './helpers/git.js';
import { schemaErrors } from './helpers/schema.js';
import { cli, makeWorkspace, TOKENS } from './helpers/workspace.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function workspace(files: Record<string, string>) {
  const ws = makeWorkspace(files);
  cleanups.push(ws.cleanup);
  return ws.dir;
}

function repo(): TestRepo {
  const r = makeRepo();
  cleanups.push(() => r.cleanup());
  return r;
}

const GH = TOKENS.githubClassic;
const GH2 = TOKENS.githubClassic2;
const CONFIG = 'paths:\n  exclude: ["vendor", "**/*.test.ts"]\n';
type Json = { tokens: { locations: { file: string }[] }[]; scan: { files: number; excluded?: { patterns: string[]; files: number } } };

const files = (report: Json) => report.tokens.map((t) => t.locations[0].file).sort();

describe('paths.exclude in blastradius.yaml', () => {
  it('is validated like the other keys: one line naming file, key and expected type', () => {
    const parse = (doc: unknown) => () => parseProjectConfig(doc, 'blastradius.yaml');
    expect(parse({ paths: ['vendor'] })).toThrow(new ConfigError('config blastradius.yaml: key "paths": expected a mapping (paths.exclude: a list of globs)'));
    expect(parse({ paths: { exclude: 'vendor/**' } })).toThrow(
      new ConfigError('config blastradius.yaml: key "paths.exclude": expected a list of glob strings (e.g. ["vendor/**", "**/*.test.ts"])'),
    );
    expect(parse({ paths: { exclude: ['ok', 3] } })).toThrow(/key "paths.exclude": expected a list of glob strings/);
    expect(parse({ paths: { include: ['src'] } })).toThrow(
      new ConfigError('config blastradius.yaml: key "paths.include": expected one of exclude (unknown key)'),
    );
    expect(parseProjectConfig({ paths: { exclude: ['vendor/**'] } }, 'b.yaml').paths.exclude).toEqual(['vendor/**']);
    expect(parseProjectConfig({}, 'b.yaml').paths.exclude).toEqual([]);
  });

  it('a directory glob leaves out what is under it, as the walker does with --exclude', () => {
    const excluded = excludeMatcher(['vendor', 'build/**', '**/*.test.ts']);
    expect(['vendor/a.js', 'vendor/x/y.env', 'build/out.js', 'src/a.test.ts', 'a.test.ts'].filter(excluded)).toHaveLength(5);
    expect(['src/vendor.js', 'vendors/a.js', 'src/a.ts', 'buildx/a.js'].filter(excluded)).toEqual([]);
  });

  it('walks: matching files are not scanned, and the JSON and text reports say how many were left out', async () => {
    const dir = workspace({
      'blastradius.yaml': CONFIG,
      'vendor/lib/.env': `GITHUB_TOKEN=${GH}\n`,
      'vendor/b.js': 'x',
      'src/app.test.ts': `const t = "${GH2}";\n`,
      'src/.env': `GITHUB_TOKEN=${GH2}\n`,
    });
    const result = await cli(['scan', '.', '--offline', '-f', 'json'], dir);
    expect(result.exitCode, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(schemaErrors(report)).toBe('');
    expect(files(report)).toEqual(['src/.env']);
    expect(report.scan.excluded).toEqual({ patterns: ['vendor', '**/*.test.ts'], files: 3 });
    expect(report.scan.files).toBe(2); // blastradius.yaml and src/.env
    const text = await cli(['scan', '.', '--offline'], dir);
    expect(text.stdout).toContain('  excluded by the project config (paths.exclude: vendor, **/*.test.ts): 3 files\n');
  });

  it('without the key the report has no excluded field (reports stay as they were)', async () => {
    const report = JSON.parse((await cli(['scan', '.', '--offline', '-f', 'json'], workspace({ '.env': `GITHUB_TOKEN=${GH}\n` }))).stdout);
    expect(report.scan).not.toHaveProperty('excluded');
  });

  it('staged scans leave the same files out, counted', async () => {
    const r = repo();
    r.write('blastradius.yaml', CONFIG);
    r.write('vendor/.env', `GITHUB_TOKEN=${GH}\n`);
    r.write('src/.env', `GITHUB_TOKEN=${GH2}\n`);
    r.git(['add', '-A']);
    const report: Json = JSON.parse((await r.cli(['scan', '--staged', '--offline', '-f', 'json'])).stdout);
    expect(files(report)).toEqual(['src/.env']);
    expect(report.scan.excluded).toEqual({ patterns: ['vendor', '**/*.test.ts'], files: 1 });
  });

  it('history scans too: a file changed in several commits counts once', async () => {
    const r = repo();
    r.write('blastradius.yaml', CONFIG);
    r.write('vendor/.env', `GITHUB_TOKEN=${GH}\n`);
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'one', '--no-verify']);
    r.write('vendor/.env', `GITHUB_TOKEN=${GH}\nOTHER=${GH2}\n`);
    r.write('src/.env', `GITHUB_TOKEN=${GH2}\n`);
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'two', '--no-verify']);
    const report: Json = JSON.parse((await r.cli(['scan', '--git-history', '--offline', '-f', 'json'])).stdout);
    expect(files(report)).toEqual(['src/.env']);
    expect(report.scan.excluded?.files).toBe(1);
  });

  it('--exclude DIR in a git scan now leaves out the directory, as in a walk', async () => {
    const r = repo();
    r.write('a/.env', `GITHUB_TOKEN=${GH}\n`);
    r.write('b/.env', `GITHUB_TOKEN=${GH2}\n`);
    r.git(['add', '-A']);
    const report: Json = JSON.parse((await r.cli(['scan', '--staged', '--exclude', 'a', '--offline', '-f', 'json'])).stdout);
    expect(files(report)).toEqual(['b/.env']);
    expect(report.scan).not.toHaveProperty('excluded');
  });
});
