import { DEFAULT_BASELINE } from '../../baseline/baseline.js';
import { formatLocation, levelText, sortTokens, tokenSeverity } from '../../report/format.js';
import type { Report, ReportToken } from '../../report/model.js';
import { PRE_COMMIT_HOOK_ID, type HookAdvice } from './hook-advice.js';

const MAX_LOCATIONS = 5;
const MAX_SKIPPED = 5;

export interface BlockedOptions {
  verified: boolean;
  alreadyCommitted: number;
  advice: HookAdvice;
  /** Some files were checked whole (named by pre-commit, not changed by the commit): not only what a commit adds. */
  wholeFiles: boolean;
}

/** The message that blocks a commit: each secret redacted with file:line, then every way forward. */
export function formatBlocked(report: Report, options: BlockedOptions): string {
  const count = report.tokens.length;
  const secrets = `${count} secret${count === 1 ? '' : 's'}`;
  const { self, framework } = options.advice;
  const out = [options.wholeFiles ? `blastradius: blocked — ${secrets} in the files checked:` : `blastradius: commit blocked — it adds ${secrets}:`, ''];
  for (const token of sortTokens(report.tokens)) out.push(...tokenLines(token, options.verified));
  out.push(
    '',
    'Secrets are shown redacted. To go on, either:',
    options.wholeFiles
      ? '  - remove the secret from the file (and rotate it: once committed or pushed, others may have it);'
      : '  - remove the secret from the staged files (and rotate it if it was ever pushed or shared);',
    '  - allow one on purpose: put `blastradius:allow` on its line, or in a comment on the line above;',
    options.wholeFiles
      ? `  - accept every secret there now into the baseline, at the top of the repository: ${self} baseline   (then: git add ${DEFAULT_BASELINE})`
      : `  - accept what is staged now into the baseline: ${self} baseline --staged   (then: git add ${DEFAULT_BASELINE})`,
    framework
      ? `  - skip this check once: SKIP=${PRE_COMMIT_HOOK_ID} git commit   (pre-commit's SKIP; git commit --no-verify skips every hook)`
      : '  - skip this check once: git commit --no-verify',
  );
  out.push(...notes(report, options.alreadyCommitted, false, self));
  return `${out.join('\n')}\n`;
}

/** A clean commit says nothing, unless something was not checked (or --verbose). */
export function formatPassed(report: Report, options: { verbose: boolean; alreadyCommitted: number; advice: HookAdvice }): string {
  const out = notes(report, options.alreadyCommitted, options.verbose, options.advice.self);
  if (options.verbose)
    out.unshift(`blastradius: no new secrets in ${report.scan.files} staged file${report.scan.files === 1 ? '' : 's'} (${report.scan.durationMs} ms)`);
  return out.length ? `${out.join('\n')}\n` : '';
}

function tokenLines(token: ReportToken, verified: boolean): string[] {
  const lines = [`  ${token.redacted}   ${token.provider} ${token.kind}   ${formatLocation(token.locations[0])}`];
  for (const location of token.locations.slice(1, MAX_LOCATIONS)) lines.push(`      also at ${formatLocation(location)}`);
  if (token.locations.length > MAX_LOCATIONS) lines.push(`      and ${token.locations.length - MAX_LOCATIONS} more location(s)`);
  if (token.baseline?.status === 'changed') lines.push('      in the baseline, but it now reaches more than when it was accepted');
  const br = token.blastRadius;
  if (verified && br) {
    lines.push(
      `      ${tokenSeverity(token).toUpperCase()} [${token.verification.status}] production: ${levelText(br.production)} · backup: ${levelText(br.backup)}${br.shared ? ' · SHARED' : ''} — ${br.summary}`,
    );
  }
  lines.push(`      id ${token.id.slice(0, 16)}  rule ${token.ruleId}`);
  return lines;
}

function notes(report: Report, alreadyCommitted: number, verbose: boolean, self: string): string[] {
  const out: string[] = [];
  const s = report.scan;
  for (const error of s.errors) out.push(`blastradius: could not check ${error.file}: ${error.message}`);
  if (s.skipped.length > 0) {
    const shown = s.skipped.slice(0, verbose ? s.skipped.length : MAX_SKIPPED).map((k) => `${k.file} (${k.reason})`);
    const more = s.skipped.length - shown.length;
    out.push(`blastradius: not checked: ${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}`);
  }
  if (alreadyCommitted > 0) {
    out.push(
      `blastradius: note: ${alreadyCommitted} secret${alreadyCommitted === 1 ? ' was' : 's were'} already committed in the files you changed (not blocking; \`${self} scan --staged\` lists them)`,
    );
  }
  return out;
}

/** The message that blocks a push: the commits it would publish add secrets (the pre-push hook). */
export function formatPushBlocked(report: Report, advice: HookAdvice): string {
  const count = report.tokens.length;
  const out = [`blastradius: push blocked — the commits it would publish add ${count} secret${count === 1 ? '' : 's'}:`, ''];
  for (const token of sortTokens(report.tokens)) out.push(...tokenLines(token, false));
  out.push(
    '',
    'Secrets are shown redacted (file:line:col@commit). Once pushed, a secret is in the history for good. To go on, either:',
    '  - rewrite the commits that add it (git rebase -i), and rotate it if it was ever shared;',
    '  - allow one on purpose: put `blastradius:allow` on its line, or in a comment on the line above;',
    `  - accept it into the baseline: ${advice.self} baseline   (then: git add ${DEFAULT_BASELINE})`,
    '  - skip this check once: git push --no-verify',
  );
  out.push(...notes(report, 0, false, advice.self));
  return `${out.join('\n')}\n`;
}
