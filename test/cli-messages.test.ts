import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileProblem } from '../src/core/errors.js';
import { packageRoot } from '../src/core/paths.js';
import { yamlProblem } from '../src/core/yaml.js';
import { cli, makeWorkspace } from './helpers/workspace.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function workspace(files: Record<string, string> = { 'README.md': 'nothing here\n' }) {
  const ws = makeWorkspace(files);
  cleanups.push(ws.cleanup);
  return ws.dir;
}

/** One line on stderr, exit 2, no Node error code or parser excerpt in it. */
function expectOneLine(result: { exitCode: number; stderr: string }, expected: string | RegExp): void {
  expect(result.exitCode).toBe(2);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  if (typeof expected === 'string') expect(result.stderr).toBe(`blastradius: ${expected}\n`);
  else expect(result.stderr).toMatch(expected);
  expect(result.stderr).not.toMatch(/\bE[A-Z]{3,}\b|TypeError|:\n$/);
}

describe('flag errors are one plain sentence', () => {
  it('a mistyped flag suggests the nearest one', async () => {
    expectOneLine(await cli(['ci', '--fial-on', 'high'], workspace()), 'unknown option --fial-on (did you mean --fail-on?)');
    expectOneLine(await cli(['scan', '--ofline'], workspace()), 'unknown option --ofline (did you mean --offline?)');
    expectOneLine(await cli(['scan', '--exlude', 'x'], workspace()), 'unknown option --exlude (did you mean --exclude?)');
  });

  it('nothing near: points at --help', async () => {
    expectOneLine(await cli(['scan', '--frobnicate'], workspace()), 'unknown option --frobnicate (run `blastradius --help` for usage)');
  });

  it('a missing value, a value given to a switch, an argument where none is taken', async () => {
    expectOneLine(await cli(['scan', '--format'], workspace()), 'option --format needs a value (run `blastradius --help` for usage)');
    expectOneLine(await cli(['scan', '--offline=yes'], workspace()), 'option --offline takes no value (run `blastradius --help` for usage)');
    expectOneLine(await cli(['demo', 'extra'], workspace()), 'unexpected argument "extra" (this command takes no PATH) (run `blastradius --help` for usage)');
  });
});

describe('configuration errors name the file, and the line and column for YAML', () => {
  it('invalid YAML in a config the user names: file, line, column and the reason, no dangling colon or excerpt', async () => {
    const dir = workspace({ 'blastradius.yaml': 'gate:\n  failOn: high\n  workspace: [true,\n', 'a.txt': 'x' });
    const result = await cli(['scan', '.', '--offline', '--config', 'blastradius.yaml'], dir);
    expectOneLine(
      result,
      /^blastradius: config .*blastradius\.yaml: invalid YAML at line 4, column 1: flow sequence in block collection must be sufficiently indented and end with a \]\n$/,
    );
  });

  it('invalid YAML in a rule file says where too', async () => {
    const dir = workspace({ 'rules/acme.yaml': 'provider: acme\nrules:\n  - id: acme.key\n    x: a: b\n', 'a.txt': 'x' });
    expectOneLine(
      await cli(['scan', '.', '--offline', '--rules', 'rules'], dir),
      'acme.yaml: invalid YAML at line 4, column 8: nested mappings are not allowed in compact mappings',
    );
  });

  it('a directory where a file is expected: config, baseline, --output, --report, rules', async () => {
    const dir = workspace({ 'a.txt': 'x', 'somedir/keep': '', notadir: 'x' });
    expectOneLine(await cli(['scan', '.', '--offline', '--config', 'somedir'], dir), /^blastradius: config .*somedir: it is a directory, not a file\n$/);
    expectOneLine(
      await cli(['scan', '.', '--offline', '--baseline', 'somedir'], dir),
      /^blastradius: baseline .*somedir: it is a directory, not a file \(create one with `blastradius baseline`\)\n$/,
    );
    expectOneLine(
      await cli(['scan', '.', '--offline', '--output', 'somedir'], dir),
      '--output: cannot write somedir: it is a directory, not a file (run `blastradius --help` for usage)',
    );
    expectOneLine(await cli(['audit', '--report', 'somedir'], dir), /^blastradius: --report somedir: it is a directory, not a file \(write one with/);
    expectOneLine(await cli(['scan', '.', '--offline', '--rules', 'notadir'], dir), /^blastradius: cannot read rules directory .*notadir: not a directory/);
    mkdirSync(join(dir, 'out.json'));
    expectOneLine(await cli(['baseline', '.', '--offline', '--output', 'out.json'], dir), /^blastradius: baseline .*out\.json: it is a directory, not a file/);
  });

  it('permission denied, as an unprivileged user reading a locked config the user names', { timeout: 30_000 }, (ctx) => {
    const bin = join(packageRoot(), 'dist', 'src', 'bin', 'blastradius.js');
    const asRoot = process.getuid?.() === 0;
    if (asRoot && spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(bin)})`], { uid: 65534, gid: 65534 }).status !== 0)
      ctx.skip('user nobody cannot read the built CLI');
    const dir = workspace({ 'blastradius.yaml': 'gate: {}\n', 'a.txt': 'x' });
    chmodSync(join(dir, 'blastradius.yaml'), 0o000);
    chmodSync(dir, 0o755);
    const run = spawnSync(process.execPath, [bin, 'scan', dir, '--offline', '--config', join(dir, 'blastradius.yaml')], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: '/tmp' },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`blastradius: config ${join(dir, 'blastradius.yaml')}: permission denied\n`);
  });

  it('fileProblem and yamlProblem word every case without codes', () => {
    const err = (code: string, message: string) => Object.assign(new Error(message), { code });
    expect(fileProblem(err('EACCES', "EACCES: permission denied, open '/x'"))).toBe('permission denied');
    expect(fileProblem(err('EISDIR', 'EISDIR: illegal operation on a directory, read'))).toBe('it is a directory, not a file');
    expect(fileProblem(err('ENOENT', "ENOENT: no such file or directory, open '/x'"))).toBe('file not found');
    expect(fileProblem(err('EXDEV', "EXDEV: cross-device link not permitted, rename '/a' -> '/b'"))).toBe('cross-device link not permitted');
    expect(fileProblem(new Error('plain'))).toBe('plain');
    expect(yamlProblem({ message: 'Tabs are not allowed as indentation at line 2, column 1:\n\na:\n\t- b\n^\n', linePos: [{ line: 2, col: 1 }] })).toBe(
      'at line 2, column 1: tabs are not allowed as indentation',
    );
  });
});
