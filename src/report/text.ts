import { Chalk, type ChalkInstance } from 'chalk';
import type { Severity } from '../core/types.js';
import type { BlastPath, BlastRadius } from '../assess/types.js';
import {
  SEVERITY_ORDER,
  SEVERITY_SYMBOL,
  formatBytes,
  formatLocation,
  levelText,
  openQuestionText,
  possibleSeverity,
  sortTokens,
  tokenSeverity,
} from './format.js';
import type { Report, ReportToken } from './model.js';

export interface TextOptions {
  color: boolean;
  verbose: boolean;
}

/** The default human report: workspace verdict first, then one line per token, critical first. */
export function formatText(report: Report, options: TextOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [];
  const s = report.scan;
  out.push(
    c.bold(`blastradius ${report.tool.version}`) +
      c.dim(` — ${s.files} files, ${formatBytes(s.bytes)} in ${s.durationMs} ms${s.offline ? ', offline (not verified)' : ''}`),
  );
  const ws = report.workspace;
  if (ws && report.tokens.length > 0) {
    const widened = ws.possible.severity !== ws.severity;
    out.push(
      '',
      `${paint(c, ws.severity, `WORKSPACE ${ws.severity.toUpperCase()}`)}${widened ? ` ${paint(c, ws.possible.severity, `(possibly ${ws.possible.severity.toUpperCase()})`)}` : ''}  ${ws.summary}`,
    );
    if (widened) out.push(c.dim(`  possibly: ${ws.possible.summary}`));
  }
  if (report.tokens.length === 0) {
    out.push('', c.green('No credentials found.'));
  } else {
    out.push('');
    for (const token of sortTokens(report.tokens)) out.push(...tokenLines(c, token, options.verbose));
  }
  out.push('', summaryLine(c, report));
  if (report.organisation) out.push(...organisationLines(c, report));
  if (report.review) {
    out.push(c.bold(`  judged by ${report.review.base.ref} (${report.review.base.commit.slice(0, 12)}): its gate, resource classes and baseline`));
    for (const added of report.review.suppressionsAdded)
      out.push(c.yellow(`  suppression added by this change: ${added.file}${added.line ? `:${added.line}` : ''}: ${added.detail}`));
  }
  for (const warning of s.warnings ?? []) out.push(c.yellow(`  warning: ${warning}`));
  // The scanned repository chose these globs: say what they hid.
  if (s.excluded)
    out.push(
      c.dim(
        `  excluded by the project config (paths.exclude: ${s.excluded.patterns.join(', ')}): ${s.excluded.files} file${s.excluded.files === 1 ? '' : 's'}`,
      ),
    );
  for (const error of s.errors) out.push(c.yellow(`  error: ${error.file}: ${error.message}`));
  for (const part of s.partial) out.push(c.yellow(`  partial: ${part.file}: ${part.reason}`));
  if (options.verbose) for (const skip of s.skipped) out.push(c.dim(`  skipped: ${skip.file}: ${skip.reason}`));
  return `${out.join('\n')}\n`;
}

function tokenLines(c: ChalkInstance, token: ReportToken, verbose: boolean): string[] {
  const severity = tokenSeverity(token);
  const possible = possibleSeverity(token);
  const status = token.verification.status;
  const widened = possible !== severity;
  const label =
    paint(c, severity, `${SEVERITY_SYMBOL[severity]} ${severity.toUpperCase().padEnd(8)}`) +
    (widened ? paint(c, possible, `(possibly ${possible.toUpperCase()})`) : '');
  const who = token.identity ? ` ${c.cyan(token.identity.principal)}` : '';
  const statusText = status === 'live' ? '' : c.dim(` [${status}${token.verification.detail ? `: ${token.verification.detail}` : ''}]`);
  const preExisting = token.introduced === false ? c.dim(' (pre-existing: not on a line this change adds)') : '';
  const head = `${label} ${token.provider.padEnd(10)} ${c.bold(token.redacted)}  ${formatLocation(token.locations[0])}${who}${statusText}${preExisting}`;
  const lines = [head];
  const br = token.blastRadius;
  if (br && br.paths.length === 0) {
    lines.push(c.dim(`           ${br.summary}${token.locations.length > 1 ? ` · ${token.locations.length} locations` : ''}`));
  } else if (br) {
    lines.push(c.dim(`           production: ${levelText(br.production)} · backup: ${levelText(br.backup)}${br.shared ? ' · SHARED' : ''} — ${br.summary}`));
    const paths = verbose ? br.paths : br.paths.slice(0, 1);
    for (const path of paths) lines.push(c.dim(`           ${formatPath(path)}`));
  }
  if (br && widened) {
    lines.push(paint(c, possible, `           possibly ${possible.toUpperCase()}: ${possibleReach(br)} — ${openQuestionText(br.possible)}`));
    if (verbose) for (const path of br.possible.paths) lines.push(c.dim(`           ? ${formatPath(path).slice(2)}`));
  }
  if (br && br.paths.length > 0) {
    if (verbose) {
      // Why each resource counts as production or backup (config glob, name, type, managed host, the credential's environment).
      const classified = new Map(br.paths.filter((p) => p.resourceClass !== 'other' && p.classifiedBy).map((p) => [p.resource, p]));
      for (const [resource, p] of classified) lines.push(c.dim(`           ${p.resourceClass}: ${resource} — ${p.classifiedBy}`));
    }
    if (verbose) for (const r of br.recommendations) lines.push(c.dim(`           fix: ${r}`));
  }
  if (verbose) {
    for (const location of token.locations.slice(1)) lines.push(c.dim(`           also at ${formatLocation(location)}`));
    for (const unknown of token.unknowns) lines.push(c.dim(`           unknown: ${unknown.what} (${unknown.reason})`));
  }
  return lines;
}

/** The possible bound's reach in words: "production: destroy · backup: destroy · SHARED". */
export function possibleReach(br: BlastRadius): string {
  return `production: ${levelText(br.possible.production)} · backup: ${levelText(br.possible.backup)}${br.possible.shared ? ' · SHARED' : ''}`;
}

export function formatPath(path: BlastPath): string {
  const op = path.operation ? ` ${path.operation}` : '';
  const also = path.alsoReaches ? ` (+${path.alsoReaches.resourceClass}: ${path.alsoReaches.reason})` : '';
  const prot = path.protection
    ? ` [${path.protection.effective ? 'blocked by' : 'not protected by'} ${path.protection.kind}${path.protection.reason ? `: ${path.protection.reason}` : ''}]`
    : '';
  return `↳ ${path.principal} → ${path.evidence} → ${path.action}${op} → ${path.resource} (${path.resourceClass})${also}${prot}`;
}

function summaryLine(c: ChalkInstance, report: Report): string {
  const parts = SEVERITY_ORDER.map((sev) => [sev, report.tokens.filter((t) => tokenSeverity(t) === sev).length] as const)
    .filter(([, n]) => n > 0)
    .map(([sev, n]) => `${n} ${sev}`);
  const s = report.scan;
  const suppressed = s.suppressed.inline + s.suppressed.baseline;
  return c.bold(
    `${report.tokens.length} token${report.tokens.length === 1 ? '' : 's'}${parts.length ? ` (${parts.join(', ')})` : ''}` +
      ` · ${s.skipped.length} skipped · ${s.errors.length} errors${suppressed ? ` · ${suppressed} suppressed` : ''}`,
  );
}

function paint(c: ChalkInstance, severity: Severity, text: string): string {
  switch (severity) {
    case 'critical':
      return c.bgRed.white.bold(text);
    case 'high':
      return c.red.bold(text);
    case 'medium':
      return c.yellow(text);
    case 'low':
      return c.blue(text);
    default:
      return c.gray(text);
  }
}

function organisationLines(c: ChalkInstance, report: Report): string[] {
  const org = report.organisation!;
  const out = [c.bold(`  ${org.repositories.length} repositories, worst first:`)];
  for (const repo of org.repositories.slice(0, 20)) {
    const possible = repo.possibleSeverity !== repo.severity ? ` (possibly ${repo.possibleSeverity})` : '';
    out.push(
      `    ${paint(c, repo.severity, repo.severity.toUpperCase().padEnd(8))} ${repo.name}${possible} — ${repo.tokens} token${repo.tokens === 1 ? '' : 's'}${repo.critical ? `, ${repo.critical} critical` : ''}`,
    );
  }
  if (org.repositories.length > 20) out.push(c.dim(`    … and ${org.repositories.length - 20} more (--format json)`));
  if (org.sharedTokens.length) out.push(c.bold(`  ${org.sharedTokens.length} token(s) found in more than one repository:`));
  for (const shared of org.sharedTokens.slice(0, 20)) out.push(`    ${shared.provider} ${shared.redacted}: ${shared.repositories.join(', ')}`);
  return out;
}
