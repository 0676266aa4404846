import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo } from './helpers/git.js';

describe('the baseline is written where it is read', () => {
  it('`baseline --staged` run from a subdirectory writes at the repository top, where the hook reads it', async () => {
    const repo = makeRepo();
    try {
      repo.write('app/.env', 'GITHUB_TOKEN=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\n');
      repo.git(['add', 'app/.env']);
      const written = await repo.cli(['baseline', '--staged', '--offline'], {}, join(repo.dir, 'app'));
      expect(written.exitCode, written.stderr).toBe(0);
      expect(existsSync(join(repo.dir, '.blastradius-baseline.json'))).toBe(true);
      expect(existsSync(join(repo.dir, 'app', '.blastradius-baseline.json'))).toBe(false);
      const hook = await repo.cli(['hook', 'run'], {}, join(repo.dir, 'app'));
      expect(hook.exitCode, hook.stdout + hook.stderr).toBe(0);
    } finally {
      repo.cleanup();
    }
  });
});
