import { applyBaseline, readBaseline } from '../../baseline/baseline.js';
import type { Token } from '../../core/types.js';
import { asUsageErrors, resolveCommit, type GitRepository } from '../../git/git.js';
import { scanHistory } from '../../git/scan-history.js';
import { buildReport } from '../../report/model.js';
import type { RuleSpec } from '../../rules/types.js';
import { emptyScanResult, type ScanResult } from '../../scan/scan.js';
import { toolVersion } from '../../version.js';
import { EXIT, type RunResult } from '../io.js';
import { hookAdvice } from './hook-advice.js';
import { formatPushBlocked } from './hook-output.js';

const ZERO = /^0+$/;

export interface PushCheckOptions {
  repo: GitRepository;
  rules: RuleSpec[];
  maxFileSize: number;
  fileBudgetMs?: number;
  filter?: (path: string) => boolean;
  baselinePath?: string;
  env: NodeJS.ProcessEnv;
}

/**
 * The pre-push check. Git gives the hook one line per ref on stdin — `<local ref> <local sha>
 * <remote ref> <remote sha>` (https://git-scm.com/docs/githooks#_pre_push); the installed hook
 * passes those words as arguments. What the push publishes is each `remote..local` range (for a
 * new branch: the commits no remote has yet); any secret a commit there adds blocks the push.
 */
export async function checkPush(words: readonly string[], options: PushCheckOptions): Promise<RunResult> {
  const ranges: string[][] = [];
  for (let i = 0; i + 3 < words.length; i += 4) {
    const local = words[i + 1];
    const remote = words[i + 3];
    if (ZERO.test(local)) continue; // a deleted branch publishes nothing
    const known = !ZERO.test(remote) && resolveCommit(remote, options.repo.cwd, options.repo.env);
    ranges.push(known ? [`${remote}..${local}`] : [local, '--not', '--remotes']);
  }
  const merged: ScanResult = emptyScanResult(['.']);
  const byId = new Map<string, Token>();
  for (const revisions of ranges) {
    const scanned = await asUsageErrors(() =>
      scanHistory({
        repo: options.repo,
        rules: options.rules,
        revisions,
        maxFileSize: options.maxFileSize,
        fileBudgetMs: options.fileBudgetMs,
        label: '.',
        filter: options.filter,
      }),
    );
    merged.files += scanned.files;
    merged.bytes += scanned.bytes;
    merged.allowedInline += scanned.allowedInline;
    merged.skipped.push(...scanned.skipped);
    merged.partial.push(...scanned.partial);
    for (const token of scanned.tokens) {
      const seen = byId.get(token.id);
      if (seen) seen.locations.push(...token.locations);
      else byId.set(token.id, token);
    }
  }
  merged.tokens = [...byId.values()];
  const report = buildReport({ version: toolVersion(), scan: merged, offline: true });
  const { report: kept, suppressed } = applyBaseline(report.tokens, options.baselinePath ? readBaseline(options.baselinePath) : undefined);
  report.tokens = kept;
  report.scan.suppressed.baseline = suppressed;
  if (report.tokens.length === 0) return { exitCode: EXIT.clean, stdout: '', stderr: '' };
  return { exitCode: EXIT.gateFailed, stdout: '', stderr: formatPushBlocked(report, hookAdvice(options.env)) };
}
