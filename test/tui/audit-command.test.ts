import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/core/paths.js';
import { formatJson } from '../../src/report/json.js';
import { cli, makeWorkspace, TOKENS } from '../helpers/workspace.js';
import { sampleReport } from './reports.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function workspace(files: Record<string, string>) {
  const ws = makeWorkspace(files);
  cleanups.push(ws.cleanup);
  return ws.dir;
}

describe('blastradius audit, not in a terminal', () => {
  it('--report: says it is not a TTY and prints the text report instead of waiting for keys (exit 0)', async () => {
    const dir = workspace({ 'report.json': formatJson(sampleReport()) });
    const result = await cli(['audit', '--report', 'report.json'], dir);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('blastradius audit: not a terminal (stdin or stdout is redirected, or CI is set): printing the text report instead\n');
    expect(result.stdout).toContain('WORKSPACE CRITICAL');
    expect(result.stdout).toMatch(/‼ CRITICAL railway\s+…6a7b/);
  });

  it('PATH: runs the pipeline and prints its text report', async () => {
    const dir = workspace({ '.env': `GITHUB_TOKEN=${TOKENS.githubClassic}\nRAILWAY_API_TOKEN=${TOKENS.railway}\n` });
    const result = await cli(['audit', '.', '--offline'], dir);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('not a terminal');
    expect(result.stdout).toContain('ghp_…hYLU');
    expect(result.stdout).toMatch(/2 tokens/);
    expect(result.stdout).not.toContain(TOKENS.githubClassic);
  });
});

describe('blastradius audit --report validation', () => {
  const cases: [string, string | null, RegExp][] = [
    ['missing file', null, /^blastradius: --report r\.json: file not found \(write one with `blastradius scan --format json -o report\.json`\)\n$/],
    ['not JSON', '{"schemaVersion": 1,', /^blastradius: --report r\.json: not JSON \(/],
    ['not a report', '{"hello": 1}', /^blastradius: --report r\.json: not a blastradius JSON report \(no schemaVersion\)/],
    ['a newer schema', '{"schemaVersion": 2, "tokens": []}', /^blastradius: --report r\.json: schemaVersion 2 is not supported \(expected 1\)/],
    [
      'a malformed token',
      JSON.stringify({ ...sampleReport(), tokens: [{ id: 'x' }] }),
      /^blastradius: --report r\.json: schemaVersion 1 but tokens\[0\] is malformed/,
    ],
  ];
  for (const [name, content, message] of cases) {
    it(`fails in one line (exit 2) on ${name}`, async () => {
      const dir = workspace(content === null ? {} : { 'r.json': content });
      const result = await cli(['audit', '--report', 'r.json'], dir);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    });
  }

  it('rejects flags that do not apply and PATH with --report', async () => {
    const dir = workspace({ 'r.json': formatJson(sampleReport()) });
    expect((await cli(['audit', '--format', 'json'], dir)).stderr).toMatch(/audit: --format does not apply to the interactive view/);
    expect((await cli(['audit', '.', '--report', 'r.json'], dir)).stderr).toMatch(/give a PATH to scan or --report FILE, not both/);
    expect((await cli(['audit', '--bogus'], dir)).exitCode).toBe(2);
  });
});

describe('Ink stays out of the other commands', () => {
  it('run.ts imports audit lazily, and audit.ts imports the Ink entry point only dynamically', () => {
    const read = (path: string) => readFileSync(join(packageRoot(), path), 'utf8');
    const staticImports = (source: string) => [...source.matchAll(/^import [^;]*? from '([^']+)';$/gms)].map((m) => m[1]);
    expect(staticImports(read('src/cli/run.ts')).filter((m) => m.includes('audit') || m.includes('tui'))).toEqual([]);
    const audit = staticImports(read('src/cli/commands/audit.ts'));
    expect(audit.filter((m) => /^(ink|react)$/.test(m) || /tui\/(app|app-entry|audit-loader)\.js$/.test(m))).toEqual([]);
    expect(read('src/cli/commands/audit.ts')).toContain("await import('../../tui/app-entry.js')");
    for (const module of ['actions', 'progress', 'theme']) expect(read(`src/tui/${module}.ts`)).not.toMatch(/from '(ink|react)'/);
  });
});
