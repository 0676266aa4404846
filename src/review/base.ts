import { type Baseline, parseBaseline } from '../baseline/baseline.js';
import { type ProjectConfig, defaultConfig, projectConfigFromText } from '../config/config.js';
import { UsageError, errorMessage } from '../core/errors.js';
import { type GitRepository, gitSync, resolveCommit } from '../git/git.js';

/** What the base revision of a change says: the gate, the resource classes and the baseline that judge the change. */
export interface BaseState {
  ref: string;
  commit: string;
  config: ProjectConfig;
  baseline?: Baseline;
  /** Why something at the base was not usable (it then counts as absent: the defaults are the strictest). */
  warnings: string[];
}

/**
 * The base of a pull or merge request from the CI environment: GitHub Actions sets
 * GITHUB_BASE_REF (the target branch name) on pull_request events, GitLab sets
 * CI_MERGE_REQUEST_TARGET_BRANCH_NAME in merge request pipelines. Checkouts have it as origin/NAME.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/variables
 * https://docs.gitlab.com/ci/variables/predefined_variables/
 */
export function baseRefFromEnvironment(env: NodeJS.ProcessEnv): string | undefined {
  const name = env.GITHUB_BASE_REF || env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME;
  return name ? `origin/${name}` : undefined;
}

/** Reads blastradius.yaml and the baseline as they are at `ref` (paths relative to the repository root). */
export function readBase(repo: GitRepository, ref: string, configPath: string, baselinePath: string): BaseState {
  const commit = resolveCommit(ref, repo.cwd, repo.env);
  if (!commit)
    throw new UsageError(
      `--base ${ref}: not a commit in this repository`,
      'fetch it first (e.g. `git fetch origin main`, or actions/checkout with fetch-depth: 0)',
    );
  const warnings: string[] = [];
  const configText = show(repo, commit, configPath);
  let config = defaultConfig();
  if (configText !== undefined) {
    try {
      config = projectConfigFromText(configText, `${ref}:${configPath}`, true);
    } catch (error) {
      warnings.push(`${errorMessage(error)} — at the base, so the defaults judge this change`);
    }
  }
  const baselineText = show(repo, commit, baselinePath);
  let baseline: Baseline | undefined;
  if (baselineText !== undefined) {
    try {
      baseline = parseBaseline(baselineText, `${ref}:${baselinePath}`);
    } catch (error) {
      warnings.push(`${errorMessage(error)} — at the base, so no baseline applies to this change`);
    }
  }
  return { ref, commit, config, baseline, warnings: [...config.warnings, ...warnings] };
}

/** A file's text at a commit, or undefined when the commit does not have it. */
export function show(repo: GitRepository, commit: string, path: string): string | undefined {
  try {
    return gitSync(['show', `${commit}:${path}`], repo.cwd, repo.env).toString('utf8');
  } catch {
    return undefined;
  }
}
