import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { KnownError, errorMessage } from '../core/errors.js';
import { setIdKeyEnvironment } from '../core/token-id.js';
import { prestartWorkers, releasePrestarted, treeScanWorkers } from '../scan/prestart.js';
import { toolVersion } from '../version.js';
import { EXIT, type RunContext, type RunResult } from './io.js';
import { scanLooksSmall } from './scan-options.js';

export const HELP = `blastradius — which of your credentials can destroy production AND its backups

Usage:
  blastradius scan [PATH...]      find credentials and report their reach (default command)
  blastradius ci [PATH...]        scan + verify + assess, exit 1 when the gate fails (CI)
  blastradius baseline [PATH...]  accept the tokens found now (writes .blastradius-baseline.json)
  blastradius audit [PATH]        explore the report in a terminal UI (--report FILE opens a saved JSON report)
  blastradius merge REPORT...     many repositories' JSON reports → one organisation report (NAME=FILE, FILE or DIR;
                                  -f text|json|markdown, -o FILE); tokens shared across repositories, worst repositories first
                                  --assign DIR: one verification plan per report (scan --verify-ids), each id verified once
                                  --sarif-dir DIR: each report as SARIF, with the answers other reports' scans gave its tokens
                                  (--rules DIR: rule packs the scans used, for their descriptions)
  blastradius rules [list|check|markdown] [--rules DIR]
  blastradius demo                the bundled demo workspace against offline provider fakes (npm start)
  blastradius hook install [--chain|--force] [--fail-open] [--verify]   git pre-commit hook (core.hooksPath respected)
  blastradius hook install --pre-push [--chain|--force] [--fail-open]    git pre-push hook: blocks a push whose commits add a secret
  blastradius hook uninstall      remove it (only a hook blastradius wrote)
  blastradius hook run [--verify] [--fail-open]   the check itself: exit 1 when the staged changes add a secret
  blastradius --version | --help

Scan options:
  -f, --format text|json|sarif|markdown   output format (default text)
  -o, --output FILE               write the report to FILE instead of stdout
      --offline                   make no network call at all
  -c, --config FILE               project config (default: blastradius.yaml at the scan root)
      --baseline FILE             accepted token ids (default: .blastradius-baseline.json at the scan root)
      --no-baseline               ignore any baseline
      --home                      also scan this user's credential stores (~/.aws/credentials, ~/.netrc, ...),
                                  shell history, MCP server and IDE configs
      --env                       also scan this process's environment (findings name the variable, never its value)
      --include GLOB              only scan matching files (repeatable)
      --exclude GLOB              skip matching files (repeatable)
      --include-node-modules      scan node_modules/ too
      --max-file-size SIZE        skip larger files (default 10MB)
      --file-time-budget DURATION per-file detection budget (default 5s); past it the file is reported as partial
      --workers N                 detection threads (0 = main thread)
      --rules DIR                 extra rule files (rules/<provider>.yaml format)
      --timeout DURATION          per provider call (default 10s)
      --no-cache                  do not read or write the verification cache (~/.cache/blastradius)
      --github-api-url URL        GitHub Enterprise Server API (or GITHUB_API_URL)
      --aws-audit-profile NAME    AWS profile used only to READ the principal's IAM policies
      --verify-canaries           also verify known canary tokens (by default they are recognised offline and left alone)
      --allow-empty               accept a scan that read no file (otherwise an error: an empty or mistyped directory)
      --exit-code N               scan only: exit N (0-255) when any token is reported (default 0)
      --verify-ids PLAN           scan only: verify the ids PLAN assigns to this report; ids it assigns to another
                                  report stay unverified here, naming it (organisation audits: merge --assign)
  -v, --verbose                   every path, location and skipped file
  -q, --quiet                     no progress line (shown on stderr while scan and ci run, when it is a terminal)
      --staged                    scan what is staged (the index's blobs, not the work tree); PATHs are pathspecs
      --since REV                 scan the lines added by the commits REV..HEAD (each location names its commit)
      --git-history               scan the lines added by every commit (git log --all)
      --log-opts "ARGS"           history scans: git log revisions and limits, e.g. "main", "v1..v2",
                                  "--since=2024-01-01 --author=ci" (implies --git-history; no format options)
  In git modes PATHs are pathspecs, in the repository that holds the first PATH (default: the current one).

CI options (blastradius ci):
      --fail-on critical|high|medium|low|any-secret   gate threshold (default: gate.failOn, critical)
      --unverified warn|fail      policy for tokens that could not be verified (default warn)
      --possible warn|fail        policy for live tokens whose possible bound (what they could do given
                                  what could not be read) reaches the threshold (default: gate.possible, fail)
      --incomplete warn|fail      policy for a scan that could not read every file (default: gate.incomplete, fail)
      --base REF                  judge the change against REF (default in a pull/merge request: origin/<target branch>):
                                  REF's gate, resource classes and baseline apply; suppressions the change adds to
                                  itself are listed and not applied (gate.newSuppressions: warn|fail)
      --no-workspace-gate         do not fail on the workspace verdict (all tokens together)
      --sarif FILE                also write SARIF 2.1.0
  In GitHub Actions: ::error annotations, and the Markdown report appended to $GITHUB_STEP_SUMMARY.
      --no-color                  plain output (NO_COLOR is honoured too)

Secrets are never printed: tokens appear redacted (ghp_…x7Qa) with a SHA-256 id.
Inline \`blastradius:allow\` on the line (or the line above) suppresses a finding.

Exit codes: 0 clean (scan reports and exits 0, or N with --exit-code N when it reports a token),
1 gate failed (ci), 2 usage or configuration error, 3 internal error (the tool failed: no verdict).
`;

type Command = (argv: string[], ctx: RunContext) => Promise<RunResult>;

/** Commands that walk a tree through the scan pool (unless their flags say otherwise: treeScanWorkers). */
const TREE_SCANS = new Set(['scan', 'ci', 'baseline']);

const COMMANDS: Record<string, () => Promise<Command>> = {
  scan: async () => (await import('./commands/scan.js')).scanCommand,
  ci: async () => (await import('./commands/ci.js')).ciCommand,
  baseline: async () => (await import('./commands/baseline.js')).baselineCommand,
  rules: async () => (await import('./commands/rules.js')).rulesCommand,
  demo: async () => (await import('./commands/demo.js')).demoCommand,
  hook: async () => (await import('./commands/hook.js')).hookCommand,
  audit: async () => (await import('./commands/audit.js')).auditCommand,
  merge: async () => (await import('./commands/merge.js')).mergeCommand,
};

/** The whole CLI as a function: never exits, never prints; the bin shim does both. */
export async function run(argv: readonly string[], ctx: RunContext): Promise<RunResult> {
  const args = [...argv];
  if (args[0] === '--version' || args[0] === '-V') return { exitCode: EXIT.clean, stdout: `${toolVersion()}\n`, stderr: '' };
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') return { exitCode: EXIT.clean, stdout: HELP, stderr: '' };
  // `blastradius [flags] [PATH...]` means scan; a bare word that is neither a command nor a path is a typo.
  const first = args[0];
  const isScanShorthand = first.startsWith('-') || (!(first in COMMANDS) && existsSync(resolve(ctx.cwd, first)));
  const name = isScanShorthand ? 'scan' : args.shift()!;
  const load = COMMANDS[name];
  if (!load) return usageFailure(`unknown command or path "${name}"`, 'run `blastradius --help` for the list of commands');
  if (args.includes('--help') || args.includes('-h')) return { exitCode: EXIT.clean, stdout: HELP, stderr: '' };
  let releaseEarlyGit: (() => void) | undefined;
  try {
    setIdKeyEnvironment(ctx.env);
    // A tree scan's worker threads boot while the command's own modules load (src/scan/prestart.ts).
    // Not for a tree of a few files: the pool scans those in this thread (src/scan/pool.ts).
    const workers = TREE_SCANS.has(name) ? treeScanWorkers(args) : 0;
    if (workers > 0 && !(name === 'scan' && scanLooksSmall(args, ctx.cwd))) await prestartWorkers(workers);
    // A history scan's git processes likewise (src/git/history-prestart.ts).
    if (name === 'scan' && args.includes('--git-history')) {
      const history = await import('../git/history-prestart.js');
      history.prestartHistory(args, ctx);
      releaseEarlyGit = history.releaseHistory;
    }
    // The pre-commit check's likewise (src/git/hook-prestart.ts).
    if (name === 'hook' && args[0] === 'run') {
      const staged = await import('../git/hook-prestart.js');
      staged.prestartStaged(args.slice(1), ctx);
      releaseEarlyGit = staged.releaseStaged;
    }
    const command = await load();
    return await command(args, ctx);
  } catch (error) {
    if (error instanceof KnownError) return usageFailure(error.message, error.hint, error.exitCode);
    // Unknown failures still get one line, never a stack trace; BLASTRADIUS_DEBUG shows it.
    const debug = ctx.env.BLASTRADIUS_DEBUG ? `\n${(error as Error)?.stack ?? ''}` : '';
    return { exitCode: EXIT.internal, stdout: '', stderr: `blastradius: internal error: ${errorMessage(error)}${debug}\n` };
  } finally {
    releasePrestarted();
    releaseEarlyGit?.();
  }
}

function usageFailure(message: string, hint?: string, exitCode: number = EXIT.usage): RunResult {
  return { exitCode, stdout: '', stderr: `blastradius: ${message}${hint ? ` (${hint})` : ''}\n` };
}
