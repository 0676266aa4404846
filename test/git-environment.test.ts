import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { GIT_MALLOC_TRIM_THRESHOLD, gitEnvironment } from '../src/git/git.js';

// The scanner's git children run with a fixed glibc malloc trim threshold (src/git/git.ts: on a real
// history `git log -p -U3` spent a third of its time faulting pages without it), unless the user set one.
const seenByGit = (env: NodeJS.ProcessEnv) =>
  spawnSync('sh', ['-c', 'printf "%s|%s" "${MALLOC_TRIM_THRESHOLD_-unset}" "${GLIBC_TUNABLES-unset}"'], { env: gitEnvironment(env), encoding: 'utf8' }).stdout;

describe('the environment of git children', () => {
  it('sets a fixed malloc trim threshold when the user set none', () => {
    expect(seenByGit({ PATH: process.env.PATH })).toBe(`${GIT_MALLOC_TRIM_THRESHOLD}|unset`);
    expect(Number(GIT_MALLOC_TRIM_THRESHOLD)).toBeGreaterThanOrEqual(16 * 1024 * 1024);
  });

  it("keeps the user's own threshold, given either way glibc reads it", () => {
    expect(seenByGit({ PATH: process.env.PATH, MALLOC_TRIM_THRESHOLD_: '4096' })).toBe('4096|unset');
    expect(seenByGit({ PATH: process.env.PATH, GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=8192' })).toBe('unset|glibc.malloc.trim_threshold=8192');
  });

  it('leaves other glibc tunables of the user as they are', () => {
    expect(seenByGit({ PATH: process.env.PATH, GLIBC_TUNABLES: 'glibc.malloc.check=3' })).toBe(`${GIT_MALLOC_TRIM_THRESHOLD}|glibc.malloc.check=3`);
  });

  it('keeps the rest: no optional locks, no prompt', () => {
    const env = gitEnvironment({ PATH: '/bin', HOME: '/home/x' });
    expect(env).toMatchObject({ PATH: '/bin', HOME: '/home/x', GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' });
  });
});
