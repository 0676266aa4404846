import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { DEFAULT_BASELINE, parseBaseline, type Baseline } from '../baseline/baseline.js';
import { DEFAULT_CONFIG_NAME, loadProjectConfig } from '../config/config.js';
import { type GitRepository, openRepository, resolveCommit } from '../git/git.js';
import type { PipelineOptions } from '../pipeline.js';
import type { Report } from '../report/model.js';
import { addedLines, isAdded } from './added-lines.js';
import { baseRefFromEnvironment, readBase } from './base.js';
import { type AddedSuppression, baselineAdditions, configRelaxations, reviewInlineAllows } from './suppressions.js';

export interface ReviewSetup {
  /** Call with the finished report: records the base and the suppressions the change added. */
  finish(report: Report): void;
}

/**
 * `ci --base REF` (or the pull/merge request's target from the CI environment): the head revision
 * is written by the person being judged, so the gate, the resource classes and the baseline come
 * from REF. What the change adds to them — inline allows on lines it adds, baseline entries,
 * classes taken away, a relaxed gate — is listed, and none of it is applied to the change.
 * A file the user names with --config/--baseline is the user's own and is used as given.
 * Each token is marked `introduced` (a location on a line the change adds) or not: the per-token
 * gate judges only introduced ones, the workspace verdict still covers the whole tree.
 */
export function setUpReview(
  explicitRef: string | undefined,
  options: PipelineOptions,
  env: NodeJS.ProcessEnv,
  named: { config: boolean; baseline: boolean },
): ReviewSetup | undefined {
  const fromEnv = explicitRef === undefined;
  const ref = explicitRef ?? baseRefFromEnvironment(env);
  if (!ref) return undefined;
  const root = resolve(options.cwd, options.roots[0] ?? '.');
  let repo: GitRepository;
  try {
    repo = openRepository(root, env, 'ci --base');
  } catch (error) {
    if (!fromEnv) throw error;
    return undefined; // the CI says "pull request", but this scan is not of a git work tree
  }
  if (fromEnv && !resolveCommit(ref, repo.cwd, repo.env)) {
    const warning = `the pull request's base ${ref} is not in this checkout: the change was judged by its own blastradius.yaml and baseline (fetch the base, e.g. actions/checkout with fetch-depth: 0)`;
    return { finish: (report) => void report.scan.warnings.push(warning) };
  }
  const repoPath = (path: string) => relative(repo.toplevel, path).split(sep).join('/');
  const configFile = join(root, DEFAULT_CONFIG_NAME);
  const baselineFile = join(root, DEFAULT_BASELINE);
  const base = readBase(repo, ref, repoPath(configFile), repoPath(baselineFile));
  const additions: AddedSuppression[] = [];

  if (!named.config) {
    const head = loadProjectConfig(undefined, root);
    const headText = existsSync(configFile) ? readFileSync(configFile, 'utf8') : '';
    additions.push(...configRelaxations(head, headText, base.config, repoPath(configFile)));
    options.configOverride = base.config;
  }
  if (!named.baseline && options.useBaseline) {
    const headText = existsSync(baselineFile) ? readFileSync(baselineFile, 'utf8') : undefined;
    let head: Baseline | undefined;
    try {
      head = headText === undefined ? undefined : parseBaseline(headText, baselineFile);
    } catch {
      head = undefined; // a broken head baseline adds nothing; the base's applies
    }
    additions.push(...baselineAdditions(head, headText ?? '', base.baseline, repoPath(baselineFile)));
    options.baselineOverride = base.baseline ?? null;
  }
  const added = addedLines(repo, base.commit);
  options.keepAllowed = true;
  options.review = (scan) => {
    const reviewed = reviewInlineAllows(scan.tokens, added);
    scan.tokens = reviewed.tokens;
    scan.allowedInline += reviewed.suppressed;
    additions.push(...reviewed.additions);
  };
  return {
    finish(report) {
      // Only what the change adds is judged token by token; the rest of the tree is listed as pre-existing.
      for (const token of report.tokens) token.introduced = token.locations.some((l) => isAdded(added, l.path ?? l.file, l.line));
      report.review = { base: { ref: base.ref, commit: base.commit }, suppressionsAdded: additions };
      report.scan.warnings.push(...base.warnings);
    },
  };
}
