import type { PipelineOptions } from '../pipeline.js';
import { progressTracker } from '../tui/progress.js';
import { inCi, type RunContext } from './io.js';
import { ProgressWriter } from './progress-line.js';

type ProgressCallbacks = Pick<PipelineOptions, 'onProgress' | 'onScanned' | 'onVerified'>;

/**
 * Live progress for `scan` and `ci` on a terminal's stderr: files, bytes and findings while
 * walking, then each provider's answers. Nothing unless stderr is a terminal, outside CI and
 * without --quiet; `done()` wipes the line before the report is printed.
 */
export function liveProgress(quiet: boolean | undefined, ctx: RunContext, offline: boolean): { callbacks: ProgressCallbacks; done(): void } | undefined {
  const stream = ctx.stderr;
  if (quiet || !stream?.isTTY || inCi(ctx.env)) return undefined;
  const writer = new ProgressWriter(stream);
  const tracker = progressTracker((progress) => writer.update(progress));
  return {
    callbacks: {
      onProgress: (p) => tracker.scanned(p),
      onScanned: (scan) => tracker.found(scan.tokens, !offline),
      onVerified: (id) => tracker.verified(id),
    },
    done: () => writer.clear(),
  };
}
