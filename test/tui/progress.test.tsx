import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { pipelineOptions } from '../../src/cli/commands/scan.js';
import { runPipeline } from '../../src/cli/commands/audit.js';
import type { Report } from '../../src/report/model.js';
import { fileActions } from '../../src/tui/actions.js';
import { AuditLoader } from '../../src/tui/audit-loader.js';
import { progressTracker, type AuditProgress } from '../../src/tui/progress.js';
import { ProgressView } from '../../src/tui/progress-view.js';
import { makeWorkspace, TOKENS } from '../helpers/workspace.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));

describe('progress while scanning and verifying', () => {
  it('folds the pipeline callbacks into files, bytes, tokens and per-provider answers', () => {
    const seen: AuditProgress[] = [];
    const tracker = progressTracker((p) => seen.push(p));
    tracker.scanned({ files: 10, bytes: 2_500_000, candidates: 4 });
    tracker.found(
      [
        { id: 'a', provider: 'github' },
        { id: 'b', provider: 'github' },
        { id: 'c', provider: 'aws' },
      ],
      true,
    );
    tracker.verified('a');
    expect(seen.at(-1)).toEqual({
      phase: 'verifying',
      files: 10,
      bytes: 2_500_000,
      candidates: 4,
      tokens: 3,
      providers: { github: { total: 2, answered: 1 }, aws: { total: 1, answered: 0 } },
    });
    tracker.verified('b');
    tracker.verified('c');
    expect(seen.at(-1)?.phase).toBe('assessing');
  });

  it('shows files walked, MB, tokens found, and providers answered / pending', () => {
    const progress: AuditProgress = {
      phase: 'verifying',
      files: 1234,
      bytes: 5_452_595,
      candidates: 9,
      tokens: 4,
      providers: { aws: { total: 1, answered: 1 }, github: { total: 3, answered: 1 } },
    };
    const ui = render(<ProgressView progress={progress} roots={['.']} color={false} />);
    const frame = ui.lastFrame() ?? '';
    expect(frame).toContain('… asking each provider what its tokens can do (read-only)');
    expect(frame).toContain('files walked    1234  (5.2 MB)');
    expect(frame).toContain('tokens found    4');
    expect(frame).toContain('providers       2 answered · 2 pending');
    expect(frame).toMatch(/✓ aws\s+1\/1/);
    expect(frame).toMatch(/… github\s+1\/3/);
    ui.unmount();
  });

  it('runs the real pipeline on a workspace, showing progress first and then the list', async () => {
    const ws = makeWorkspace({
      '.env': `GITHUB_TOKEN=${TOKENS.githubClassic}\nAWS_ACCESS_KEY_ID=${TOKENS.awsKeyId}\nAWS_SECRET_ACCESS_KEY=${TOKENS.awsSecret}\n`,
      'src/db.ts': `export const url = "${TOKENS.postgresUrl}";\n`,
    });
    cleanups.push(ws.cleanup);
    const ctx = { env: { HOME: ws.dir }, cwd: ws.dir, isTTY: true };
    const options = pipelineOptions({ offline: true, workers: '0' }, ['.'], ctx);
    const published: AuditProgress[] = [];
    let loaded: Report | undefined;
    const actions = fileActions({ baselinePath: `${ws.dir}/.blastradius-baseline.json`, exportDir: ws.dir, scanRoot: '.', opened: [], cwd: ws.dir });
    const load = (publish: (p: AuditProgress) => void) => runPipeline(options, (p) => (published.push(p), publish(p)));
    const ui = render(<AuditLoader load={load} roots={['.']} actions={actions} color={false} onReport={(r) => (loaded = r)} />);
    expect(ui.lastFrame()).toContain('blastradius audit — .');
    for (let i = 0; i < 100 && !loaded; i++) await settle(50);
    await settle();
    expect(loaded?.tokens).toHaveLength(3);
    expect(published.some((p) => p.tokens === 3)).toBe(true);
    expect(published.at(-1)).toMatchObject({ files: 2, tokens: 3 });
    expect(ui.lastFrame()).toMatch(/3 tokens: 3 info/);
    expect(ui.lastFrame()).toContain('ghp_…hYLU');
    expect(ui.lastFrame()).toMatch(/postgres postgres:\/\/ap… unverified/);
    for (const secret of [TOKENS.githubClassic, TOKENS.awsSecret, 'Zq8rT2vLp9Xw']) expect(ui.lastFrame()).not.toContain(secret);
    ui.unmount();
  });
});
