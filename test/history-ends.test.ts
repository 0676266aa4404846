import { describe, expect, it } from 'vitest';
import type { RunningGit } from '../src/git/running-git.js';
import { readBothEnds, type SegmentResult } from '../src/git/scan-history.js';

// Two readers of one history, newest first and oldest first (src/git/scan-history.ts): where they
// meet depends on their speeds. Here the two outputs are fed one commit at a time in a chosen
// interleaving, so the meeting point is known, and the result must be one git's order.
const ids = Array.from({ length: 8 }, (_, i) => String(i + 1).repeat(40));
const commitText = (i: number) =>
  `commit ${ids[i]}\n\ndiff --git a/f${i + 1} b/f${i + 1}\nnew file mode 100644\n--- /dev/null\n+++ b/f${i + 1}\n@@ -0,0 +1 @@\n+line ${i + 1}\n`;

/** Fake gits whose chunks are delivered in `order` ('f' newest-first, 'b' oldest-first), one per turn. */
function fakeGits(order: string) {
  const queues: Record<'f' | 'b', string[]> = { f: ids.map((_, i) => commitText(i)), b: ids.map((_, i) => commitText(i)).reverse() };
  const consumers: Partial<Record<'f' | 'b', { data(chunk: Buffer): void; close(code: number | null, stderr: string): void }>> = {};
  const killed: string[] = [];
  const closed = new Set<string>();
  const fake = (side: 'f' | 'b') =>
    ({
      attach: (consumer: { data(chunk: Buffer): void; close(code: number | null, stderr: string): void }) => {
        consumers[side] = consumer;
      },
      kill: () => killed.push(side),
    }) as unknown as RunningGit;
  const run = async () => {
    for (const side of order as Iterable<'f' | 'b'>) {
      await new Promise((resolve) => setImmediate(resolve));
      if (killed.includes(side) || closed.has(side)) continue;
      const chunk = queues[side].shift();
      if (chunk !== undefined) consumers[side]?.data(Buffer.from(chunk));
      else if (!closed.has(side)) {
        closed.add(side);
        consumers[side]?.close(0, '');
      }
    }
    for (const side of ['f', 'b'] as const) if (!killed.includes(side) && !closed.has(side)) consumers[side]?.close(0, '');
  };
  return { start: (args: string[]) => fake(args.includes('--reverse') ? 'b' : 'f'), run, killed };
}

async function read(order: string): Promise<{ files: string[]; killed: string[]; oldestFirst: number }> {
  const gits = fakeGits(order);
  const plan = { cwd: '.', env: {}, revisions: ['--all'], logOptions: [], pathspecs: [] };
  const reading = readBothEnds(plan, gits.start, 1 << 20, (event, into: SegmentResult) => into.skipped.push({ file: event.path, reason: event.commit }));
  await gits.run();
  const results = await reading;
  // The first result is the newest-first reader's; one more per commit the oldest-first reader claimed.
  return { files: results.flatMap((r) => r.skipped.map((s) => `${s.file}@${s.reason[0]}`)), killed: gits.killed, oldestFirst: results.length - 1 };
}

const oneGit = ids.map((id, i) => `f${i + 1}@${id[0]}`);

describe('a history read from both ends', () => {
  it('meets in the middle and gives one git order, each commit once', async () => {
    const { files, killed, oldestFirst } = await read('fbfbfbfbfbfb');
    expect(oldestFirst).toBe(4);
    expect(files).toEqual(oneGit);
    expect(killed.sort()).toEqual(['b', 'f']);
  });

  it('gives the same order wherever they meet: the newest-first reader far ahead, or far behind', async () => {
    for (const [order, oldestFirst] of [
      ['ffffffbbbbbb', 2],
      ['fbbbbbbbbfff', 7],
      ['ffffffffffbb', 0],
    ] as const) {
      const result = await read(order);
      expect(result.files, order).toEqual(oneGit);
      expect(result.oldestFirst, order).toBe(oldestFirst);
    }
  });
});
