import { Detector, type Candidate } from '../detect/detector.js';
import type { Location } from '../core/types.js';
import type { RuleSpec } from '../rules/types.js';
import { TokenSet } from '../scan/dedupe.js';
import { DEFAULT_FILE_BUDGET_MS } from '../scan/file.js';
import { emptyScanResult, type ScanProgress, type ScanResult } from '../scan/result.js';
import { GitCommandError, gitSync, type GitRepository } from './git.js';
import { takeHistory } from './history-prestart.js';
import { countArgs, logArgs, logProcesses, segmentsOf, type HistoryPlan } from './log-args.js';
import { gitOutput, RunningGit } from './running-git.js';
import { PatchParser, type PatchEvent } from './patch.js';

export interface HistoryScanOptions {
  repo: GitRepository;
  rules: RuleSpec[];
  /** `git log` revision arguments: `['REV..HEAD']`, or `['--all']` for every commit. */
  revisions: string[];
  /** The user's own `git log` arguments (--log-opts), checked by parseLogOpts: revisions and limits. */
  logOptions?: string[];
  pathspecs?: string[];
  maxFileSize: number;
  /** Per-file detection budget (--file-time-budget), per commit and file. */
  fileBudgetMs?: number;
  /** Shown as the scan root in the report. */
  label: string;
  /** --include / --exclude over repository paths. */
  filter?: (path: string) => boolean;
  /** Called after each file of each commit (the progress line). */
  onProgress?: (progress: ScanProgress) => void;
  /**
   * How the commits are shared between git processes: 'ends' (one newest first, one oldest first:
   * readBothEnds), or N runs of consecutive commits (readSegments; 1 is one git). Default: 'ends'
   * with two CPUs or more and no --log-opts, else one git. Tests set it.
   */
  segments?: number | 'ends';
}

/** What one segment of the history gave, kept in order and applied after every segment ended. */
export interface SegmentResult {
  files: number;
  bytes: number;
  allowedInline: number;
  skipped: { file: string; reason: string }[];
  partial: { file: string; reason: string }[];
  found: { candidate: Candidate; location: Location }[];
}

/**
 * Scans the lines each commit of a range ADDED (`git log -p`), so a secret removed from the tree
 * since is still found, at the commit, file and line that added it. Merge commits add nothing of
 * their own here: their parents' commits carry the changes.
 */
export async function scanHistory(options: HistoryScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const detector = new Detector(options.rules);
  const tokens = new TokenSet(options.rules);
  const result = emptyScanResult([options.label]);
  const skippedPaths = new Set<string>();
  let progress = { files: 0, bytes: 0, candidates: 0 };

  const onEvent = (event: PatchEvent, into: SegmentResult) => {
    if (options.filter && !options.filter(event.path)) return;
    if (event.kind === 'skipped') {
      into.skipped.push({ file: event.path, reason: `${event.reason} (commit ${event.commit.slice(0, 12)})` });
      return;
    }
    into.files++;
    into.bytes += event.bytes;
    const text = Buffer.from(event.lines.map((l) => l.text).join('\n'), 'utf8');
    const { candidates, partial } = detector.detectFile(text, event.path, options.fileBudgetMs ?? DEFAULT_FILE_BUDGET_MS);
    progress = { files: progress.files + 1, bytes: progress.bytes + event.bytes, candidates: progress.candidates + candidates.length };
    options.onProgress?.(progress);
    if (partial) into.partial.push({ file: event.path, reason: `${partial} (commit ${event.commit.slice(0, 12)})` });
    for (const candidate of candidates) {
      const line = event.lines[candidate.line - 1];
      if (!line?.added) continue; // context: added by an earlier commit, found there
      if (candidate.allowed) {
        into.allowedInline++;
        continue;
      }
      into.found.push({ candidate, location: { file: event.path, line: line.newLine, column: candidate.column, commit: event.commit } });
    }
  };

  const plan = historyPlan(options);
  const split = options.segments ?? (logProcesses() >= 2 && (options.logOptions?.length ?? 0) === 0 ? 'ends' : 1);
  // The first gits may already be under way, started by the command line before the scan loaded
  // (src/git/history-prestart.ts); one is adopted only when it runs the very command asked for here.
  const early = options.segments === undefined ? takeHistory(plan) : undefined;
  const start = (args: string[]): RunningGit => {
    const index = early?.running.findIndex((git) => git.runs(args)) ?? -1;
    return index === -1 ? new RunningGit(args, plan.cwd, plan.env) : early!.running.splice(index, 1)[0];
  };
  let results: SegmentResult[];
  try {
    results = split === 'ends' ? await readBothEnds(plan, start, options.maxFileSize, onEvent) : await readSegments(plan, start, options, split, onEvent);
  } finally {
    for (const git of early?.running ?? []) git.kill();
  }
  for (const segment of results) {
    result.files += segment.files;
    result.bytes += segment.bytes;
    result.allowedInline += segment.allowedInline;
    // A binary file changed in a hundred commits is one line in the report, not a hundred.
    for (const skipped of segment.skipped) {
      if (!skippedPaths.has(skipped.file)) result.skipped.push(skipped);
      skippedPaths.add(skipped.file);
    }
    result.partial.push(...segment.partial);
    for (const { candidate, location } of segment.found) tokens.add(candidate, location);
  }
  result.tokens = tokens.tokens();
  // HEAD's files only when there is a token to place: most histories have none, and git's listing
  // of a large tree is CPU the git log processes would have had.
  if (result.tokens.length > 0) markRemovedAtHead(await gitOutput(['ls-tree', '-r', '-z', '--name-only', 'HEAD'], options.repo.cwd, options.repo.env), result);
  result.skipped.sort((a, b) => a.file.localeCompare(b.file));
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

const emptySegment = (): SegmentResult => ({ files: 0, bytes: 0, allowedInline: 0, skipped: [], partial: [], found: [] });

export type OnEvent = (event: PatchEvent, into: SegmentResult) => void;

/**
 * git log -p is the slow part, and one git runs on one CPU. Two gits read the history from both
 * ends: one newest first, as `git log` prints it, one oldest first (`--reverse`, the same commits
 * in the opposite order). Each claims a commit when its header comes; the first to reach a
 * commit the other has claimed stops there, and so does the other at its next one. Every commit is
 * read once, the two share the work whatever the commits' sizes, and no count or --skip walk
 * comes first. The results are returned in the order one git prints them: the newest-first
 * reader's, then the other's, commit by commit from the meeting point back to the oldest.
 */
export async function readBothEnds(plan: HistoryPlan, start: (args: string[]) => RunningGit, maxFileSize: number, onEvent: OnEvent): Promise<SegmentResult[]> {
  const newestFirst = new Set<string>();
  const oldestFirst = new Set<string>();
  const forward = emptySegment();
  const backward: SegmentResult[] = [];
  const forwardParser = new PatchParser(
    maxFileSize,
    (event) => onEvent(event, forward),
    (commit) => !oldestFirst.has(commit) && Boolean(newestFirst.add(commit)),
  );
  const backwardParser = new PatchParser(
    maxFileSize,
    (event) => onEvent(event, backward[backward.length - 1]),
    (commit) => !newestFirst.has(commit) && Boolean(oldestFirst.add(commit)) && backward.push(emptySegment()) > 0,
  );
  await Promise.all([streamLines(start(logArgs(plan, [])), forwardParser), streamLines(start(logArgs(plan, ['--reverse'])), backwardParser)]);
  return [forward, ...backward.reverse()];
}

/**
 * The commits split into `split` runs of consecutive commits (--skip/--max-count over the same
 * walk), read by up to one git per CPU at a time, each taking the next run when it ends (tests
 * choose the split; one git when the user's own --log-opts could interact with --skip).
 */
async function readSegments(
  plan: HistoryPlan,
  start: (args: string[]) => RunningGit,
  options: HistoryScanOptions,
  split: number,
  onEvent: OnEvent,
): Promise<SegmentResult[]> {
  const segments = segmentArgs(options, split);
  const results = segments.map(emptySegment);
  let next = 0;
  const reader = async () => {
    for (let i = next++; i < segments.length; i = next++) {
      await streamLines(start(logArgs(plan, segments[i])), new PatchParser(options.maxFileSize, (event) => onEvent(event, results[i])));
    }
  };
  await Promise.all(Array.from({ length: Math.min(segments.length, logProcesses()) }, reader));
  return results;
}

/** The git commands of a history scan, as the command line's early start computes them too. */
function historyPlan(options: HistoryScanOptions): HistoryPlan {
  return {
    cwd: options.repo.cwd,
    env: options.repo.env,
    revisions: options.revisions,
    logOptions: options.logOptions ?? [],
    pathspecs: options.pathspecs ?? [],
  };
}

/**
 * The extra `git log` arguments of each of `split` segments: [[]] (one git) for `split` 1, a
 * range too short to split, or when the user's own --log-opts could interact with --skip (a
 * --max-count, --reverse, …).
 */
export function segmentArgs(options: HistoryScanOptions, split: number): string[][] {
  if ((options.logOptions?.length ?? 0) > 0 || split < 2) return [[]];
  let count: number;
  try {
    count = Number(
      gitSync(countArgs(historyPlan(options)), options.repo.cwd, options.repo.env)
        .toString('utf8')
        .trim(),
    );
  } catch {
    return [[]]; // git log itself will say what is wrong with the range
  }
  if (!Number.isSafeInteger(count)) return [[]];
  return segmentsOf(count, split);
}

/** A secret in history whose file is gone from HEAD is still a leak, but nobody will find it by opening the file: say so. */
function markRemovedAtHead(listing: string | undefined, result: ScanResult): void {
  if (listing === undefined) return; // no HEAD (unborn branch): nothing to compare with
  const atHead = new Set(listing.split('\0'));
  for (const token of result.tokens) for (const location of token.locations) if (!atHead.has(location.file)) location.removedAtHead = true;
}

/**
 * Feeds a git's stdout to the parser line by line (split on \n only, as git counts lines).
 * Each chunk is decoded once, streaming (a \n byte is never inside a UTF-8 sequence, so lines come
 * out as a per-line decode gave them); a decode per line was the parser's largest cost.
 */
function streamLines(git: RunningGit, parser: PatchParser): Promise<void> {
  return new Promise((resolve, reject) => {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    // The start of a line that continues in the next chunk (kept in pieces: one long line stays linear).
    let pieces: string[] = [];
    let failed: unknown;
    let stopped = false;
    // The parser read the commits it was given (a git started without --max-count): the rest is not needed.
    const stop = () => {
      stopped = true;
      git.kill();
      resolve();
    };
    const emit = (line: string) => parser.line(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line); // a per-line decode dropped a leading BOM
    git.attach({
      data: (chunk) => {
        if (failed || stopped) return;
        try {
          const text = decoder.decode(chunk, { stream: true });
          let start = 0;
          for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
            const piece = text.slice(start, nl);
            emit(pieces.length ? pieces.join('') + piece : piece);
            pieces = [];
            start = nl + 1;
            if (parser.done) return stop();
          }
          if (start < text.length) pieces.push(text.slice(start));
        } catch (error) {
          failed = error;
          git.kill();
        }
      },
      error: reject,
      close: (code, stderr) => {
        if (stopped) return;
        if (failed) return reject(failed);
        try {
          const rest = pieces.join('') + decoder.decode();
          if (rest.length) emit(rest);
          parser.end();
        } catch (error) {
          return reject(error);
        }
        // An unborn branch has no history: nothing to scan, not an error.
        if (code !== 0 && !/does not have any commits yet/.test(stderr)) return reject(new GitCommandError(['log'], code ?? -1, stderr));
        resolve();
      },
    });
  });
}
