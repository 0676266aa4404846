import { afterEach, describe, expect, it } from 'vitest';
import { cli, makeWorkspace, TOKENS } from './helpers/workspace.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function workspace(files: Record<string, string>) {
  const ws = makeWorkspace(files);
  cleanups.push(ws.cleanup);
  return ws.dir;
}

describe('scan --exit-code N', () => {
  it('exits N when a token is reported, 0 when none is, and 0 without the flag', async () => {
    const dirty = workspace({ '.env': `GITHUB_TOKEN=${TOKENS.githubClassic}\n` });
    const clean = workspace({ 'README.md': 'nothing here\n' });
    expect((await cli(['scan', '.', '--offline'], dirty)).exitCode).toBe(0);
    const found = await cli(['scan', '.', '--offline', '--exit-code', '3'], dirty);
    expect(found.exitCode).toBe(3);
    expect(found.stdout).toContain('ghp_…hYLU');
    expect((await cli(['scan', '.', '--offline', '--exit-code', '3'], clean)).exitCode).toBe(0);
    expect((await cli(['scan', '.', '--offline', '--exit-code', '0'], dirty)).exitCode).toBe(0);
    // Written elsewhere, the exit code still says what was found.
    expect((await cli(['scan', '.', '--offline', '--exit-code', '255', '-f', 'json', '-o', 'r.json'], dirty)).exitCode).toBe(255);
  });

  it('a token the baseline accepts or an allow comment suppresses is not reported: exit 0', async () => {
    const dir = workspace({ '.env': `GITHUB_TOKEN=${TOKENS.githubClassic}\n`, 'b.env': `# blastradius:allow\nAWS=${TOKENS.stripe}\n` });
    expect((await cli(['baseline', '.', '--offline'], dir)).exitCode).toBe(0);
    expect((await cli(['scan', '.', '--offline', '--exit-code', '4'], dir)).exitCode).toBe(0);
    expect((await cli(['scan', '.', '--offline', '--exit-code', '4', '--no-baseline'], dir)).exitCode).toBe(4);
  });

  it('refuses anything but an integer from 0 to 255, in one line (exit 2)', async () => {
    const dir = workspace({ 'a.txt': 'x' });
    for (const bad of ['256', '-1', 'one', '1.5', '']) {
      const result = await cli(['scan', '.', '--offline', `--exit-code=${bad}`], dir);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toBe(`blastradius: --exit-code: expected an integer from 0 to 255, got "${bad}" (run \`blastradius --help\` for usage)\n`);
    }
  });

  it('is a scan option: ci has its gate, and says so', async () => {
    const result = await cli(['ci', '.', '--offline', '--exit-code', '3'], workspace({ 'a.txt': 'x' }));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^blastradius: unknown option --exit-code/);
  });

  it('is documented in --help', async () => {
    expect((await cli(['--help'], workspace({}))).stdout).toMatch(/--exit-code N\s+scan only: exit N \(0-255\) when any token is reported \(default 0\)/);
  });
});
